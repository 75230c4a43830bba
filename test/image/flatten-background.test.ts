import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenBackground } from '../../src/image/flatten-background.ts';

const DPI = 100;
const SIZE = 400; // 4 inches square at 100 dpi

/** A page whose paper fades from `leftPaper` to 250 across, with 'letters' (8×12 px) of ink 40 below the paper every 20 px. */
function fadingPage(leftPaper: number) {
  const gray = new Uint8Array(SIZE * SIZE);
  const paperAt = (x: number) => leftPaper + ((250 - leftPaper) * x) / (SIZE - 1);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const letter = y % 40 < 12 && x % 20 < 8;
      gray[y * SIZE + x] = Math.round(letter ? paperAt(x) * 0.3 : paperAt(x));
    }
  }
  return { width: SIZE, height: SIZE, gray };
}

describe('flattenBackground', () => {
  it('makes unevenly lit paper white and keeps the ink dark on both sides', () => {
    const page = fadingPage(60);
    const flat = flattenBackground(page, DPI);
    for (const x of [3 * 20 + 12, SIZE - 20 - 6]) {
      const paper = flat[20 * SIZE + x];
      assert.ok(paper >= 235, `paper at x=${x} is ${paper}`);
    }
    for (const x of [3 * 20 + 2, SIZE - 40 + 2]) {
      const ink = flat[4 * SIZE + x];
      assert.ok(ink <= 90, `ink at x=${x} is ${ink}`);
    }
    // One threshold now separates ink from paper across the whole page; on the original it cannot.
    assert.ok(page.gray[20 * SIZE + 10] < page.gray[4 * SIZE + SIZE - 38], 'the left paper is darker than the right ink before');
  });

  it('leaves an evenly lit page exactly as it is', () => {
    const page = fadingPage(240);
    assert.equal(flattenBackground(page, DPI), page.gray);
  });

  it('does not take a dark band narrower than an inch (a header fill) for a change of light', () => {
    const gray = new Uint8Array(SIZE * SIZE).fill(245);
    // A 0.3-inch band of fill 90 with light text (200) in it, across the page.
    for (let y = 100; y < 130; y++) for (let x = 0; x < SIZE; x++) gray[y * SIZE + x] = x % 20 < 6 ? 200 : 90;
    const flat = flattenBackground({ width: SIZE, height: SIZE, gray }, DPI);
    assert.equal(flat, gray, 'even light: nothing changed');
  });
});
