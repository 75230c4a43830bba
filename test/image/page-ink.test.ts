import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasPageInk } from '../../src/image/page-ink.ts';
import type { PageImage } from '../../src/types.ts';

const DPI = 150;
const WIDTH = Math.round(8.5 * DPI);
const HEIGHT = 11 * DPI;

function page(paper = 255, noise = 0, seed = 1): PageImage {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const gray = new Uint8Array(WIDTH * HEIGHT);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.max(0, Math.min(255, Math.round(paper + (random() - 0.5) * 2 * noise)));
  return { pageNumber: 1, dpi: DPI, width: WIDTH, height: HEIGHT, gray };
}

function fill(image: PageImage, left: number, top: number, width: number, height: number, value: number): void {
  for (let y = top; y < top + height; y++) image.gray.fill(value, y * image.width + left, y * image.width + left + width);
}

/** A digit-sized mark: 8-pt print is about 2.8 mm tall, its strokes about 1/10 of that. */
function digit(image: PageImage, left: number, top: number, value = 0): void {
  const height = Math.round((2.8 / 25.4) * DPI);
  const stroke = Math.max(1, Math.round(height / 10));
  fill(image, left, top, stroke, height, value);
  fill(image, left, top, Math.round(height / 2), stroke, value);
}

describe('hasPageInk (blank pages skip detection and OCR)', () => {
  it('finds nothing on white paper, on noisy gray paper, or on a page of one colour', () => {
    assert.equal(hasPageInk(page()), false);
    assert.equal(hasPageInk(page(235, 25)), false, 'paper texture and JPEG noise');
    assert.equal(hasPageInk(page(90)), false, 'a page of one dark colour');
  });

  it('ignores specks and what lies at the page edge (a scanner shadow)', () => {
    const image = page(250, 10);
    for (const [x, y] of [[200, 300], [700, 900], [1000, 1500], [400, 1200]]) fill(image, x, y, 2, 2, 0);
    fill(image, 0, 0, 20, HEIGHT, 30); // a dark band down the left edge, 2 % of the width
    assert.equal(hasPageInk(image), false);
  });

  it('finds a lone page number, a hairline rule, and light print on dark paper', () => {
    const number = page(250, 10);
    digit(number, WIDTH / 2, HEIGHT - 200);
    assert.equal(hasPageInk(number), true);
    const rule = page();
    fill(rule, 200, 800, 600, 1, 120);
    assert.equal(hasPageInk(rule), true);
    const inverted = page(40, 10);
    digit(inverted, 500, 500, 230);
    assert.equal(hasPageInk(inverted), true);
    const faded = page(240, 12);
    digit(faded, 300, 300, 190); // photocopied print, 50 levels below the paper
    assert.equal(hasPageInk(faded), true);
  });
});
