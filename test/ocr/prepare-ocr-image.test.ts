import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseOcrScale, countToneInk, cutOcrImage, inkPieceBoxes, medianGlyphHeightPx, padBox, toneInk, toneOfThreshold, wordsToSource } from '../../src/ocr/prepare-ocr-image.ts';
import type { TableCrop } from '../../src/types.ts';

/** A white crop with black rectangles (left, top, width, height). */
function cropWith(width: number, height: number, blobs: [number, number, number, number][]): TableCrop {
  const gray = new Uint8Array(width * height).fill(255);
  for (const [left, top, w, h] of blobs) for (let y = top; y < top + h; y++) gray.fill(0, y * width + left, y * width + left + w);
  return { offsetLeft: 0, offsetTop: 0, width, height, gray, dpi: 300 };
}

describe('OCR image preparation', () => {
  it('measures the median character height, ignoring specks and long lines', () => {
    // Five 'letters' 20 px tall, two specks, one tall line (taller than half the crop).
    const crop = cropWith(400, 100, [[10, 10, 8, 20], [30, 10, 8, 20], [50, 12, 8, 20], [70, 10, 8, 24], [90, 10, 8, 18], [120, 50, 2, 2], [130, 60, 3, 3], [300, 0, 3, 90]]);
    assert.equal(medianGlyphHeightPx(crop.gray, crop.width, crop.height, 128), 20);
  });

  it('joins pieces stacked above one another into one character (i-dot, 三)', () => {
    // Three bars of 6 px stacked with 6 px gaps (like 三): one character 30 px tall, not 6.
    const crop = cropWith(200, 100, [[10, 10, 30, 6], [12, 22, 26, 6], [10, 34, 30, 6], [60, 10, 30, 6], [62, 22, 26, 6], [60, 34, 30, 6]]);
    assert.equal(medianGlyphHeightPx(crop.gray, crop.width, crop.height, 128), 30);
  });

  it('measures the glyphs inside a dark surround that touches them (a photographed page on a desk)', () => {
    // A dark frame 6 px wide around the crop, touching three 'letters' 20 px tall.
    const frame: [number, number, number, number][] = [[0, 0, 400, 6], [0, 94, 400, 6], [0, 0, 6, 100], [394, 0, 6, 100]];
    const crop = cropWith(400, 100, [...frame, [6, 40, 8, 20], [30, 40, 8, 20], [50, 40, 8, 20]]);
    assert.equal(medianGlyphHeightPx(crop.gray, crop.width, crop.height, 128), 20);
  });

  it('finds the same ink pieces run by run as pixel by pixel: spirals, diagonals that only touch at corners, noise', () => {
    // Pixel by pixel: each ink pixel joined to its left and upper neighbours (the oracle).
    const byPixel = (gray: Uint8Array, width: number, height: number) => {
      const parent = new Int32Array(width * height).map((_, i) => i);
      const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
      const ink = (i: number) => gray[i] <= 128;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = y * width + x;
          if (!ink(i)) continue;
          if (x > 0 && ink(i - 1)) parent[root(i)] = root(i - 1);
          if (y > 0 && ink(i - width)) parent[root(i)] = root(i - width);
        }
      }
      const boxes = new Map<number, { top: number; bottom: number; left: number; right: number }>();
      for (let i = 0; i < width * height; i++) {
        if (!ink(i)) continue;
        const [x, y] = [i % width, Math.floor(i / width)];
        const box = boxes.get(root(i)) ?? { top: y, bottom: y, left: x, right: x };
        boxes.set(root(i), { top: Math.min(box.top, y), bottom: Math.max(box.bottom, y), left: Math.min(box.left, x), right: Math.max(box.right, x) });
      }
      return [...boxes.values()];
    };
    const sorted = (boxes: { top: number; bottom: number; left: number; right: number }[]) => boxes.map((box) => JSON.stringify(box)).sort();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const density of [0.05, 0.3, 0.5, 0.7]) {
      const [width, height] = [61, 47];
      const gray = Uint8Array.from({ length: width * height }, () => (random() < density ? 0 : 255));
      assert.deepEqual(sorted(inkPieceBoxes(gray, width, height, 128)), sorted(byPixel(gray, width, height)), `density ${density}`);
    }
    // A U shape whose arms meet only at the bottom row, and two pixels touching only diagonally.
    const u = cropWith(20, 20, [[2, 2, 2, 10], [10, 2, 2, 10], [2, 11, 10, 1], [15, 15, 1, 1], [16, 16, 1, 1]]);
    assert.deepEqual(sorted(inkPieceBoxes(u.gray, 20, 20, 128)), sorted(byPixel(u.gray, 20, 20)));
    assert.equal(inkPieceBoxes(u.gray, 20, 20, 128).length, 3);
  });

  it('scales small text up and large text down, within bounds, and leaves near-target text alone', () => {
    assert.equal(chooseOcrScale(19), 2);
    assert.equal(chooseOcrScale(5), 3);
    assert.equal(chooseOcrScale(38), 1);
    assert.equal(chooseOcrScale(40), 1);
    assert.equal(chooseOcrScale(152), 0.5);
    assert.equal(chooseOcrScale(0), 1);
  });

  it('cuts a binarized, scaled, framed image whose words map back to the crop', () => {
    const crop = cropWith(100, 50, [[20, 10, 10, 10]]);
    const image = cutOcrImage(crop, { left: 10, top: 5, right: 60, bottom: 35 }, toneOfThreshold(128), 2);
    assert.equal(image.width, 100 + 2 * image.marginPx);
    assert.equal(image.height, 60 + 2 * image.marginPx);
    assert.ok(image.gray.every((value) => value === 0 || value === 255));
    // The blob at crop (20..30, 10..20) is at image (m + 20..40, m + 10..30).
    const m = image.marginPx;
    const [word] = wordsToSource([{ text: 'x', confidence: 90, box: { left: m + 20, top: m + 10, right: m + 40, bottom: m + 30 } }], image);
    assert.deepEqual(word.box, { left: 20, top: 10, right: 30, bottom: 20 });
    assert.equal(countToneInk(crop, { left: 0, top: 0, right: 100, bottom: 50 }, toneOfThreshold(128)), 100);
  });
});

describe('cell ink', () => {
  it('finds the box around the ink of a cell, which is what gets read', () => {
    // Two 'words' in the left half of a wide cell, a speck of noise lighter than half-way.
    const crop = cropWith(300, 60, [[20, 20, 30, 14], [60, 22, 25, 12]]);
    crop.gray[10 * 300 + 250] = 200;
    const cell = { left: 5, top: 5, right: 295, bottom: 55 };
    const ink = toneInk(crop, cell, toneOfThreshold(128));
    assert.equal(ink.count, 30 * 14 + 25 * 12);
    assert.deepEqual(ink.bounds, { left: 20, top: 20, right: 85, bottom: 34 });
    // Widened for the glyphs' soft edges, but never past the cell.
    assert.deepEqual(padBox(ink.bounds!, 6, cell), { left: 14, top: 14, right: 91, bottom: 40 });
    assert.deepEqual(padBox(ink.bounds!, 20, cell), { left: 5, top: 5, right: 105, bottom: 54 });
  });

  it('finds no ink in a blank cell', () => {
    const crop = cropWith(100, 40, []);
    assert.deepEqual(toneInk(crop, { left: 0, top: 0, right: 100, bottom: 40 }, toneOfThreshold(128)), { count: 0, bounds: null });
  });
});

describe('cell tone', () => {
  it('reads white text on a dark fill as dark text on white, and finds no tone in an even cell', async () => {
    const { measureTone, cutOcrImage, countToneInk, isInverted } = await import('../../src/ocr/prepare-ocr-image.ts');
    // A navy header cell (gray 40) with a white 'letter' (230).
    const gray = new Uint8Array(60 * 30).fill(40);
    for (let y = 10; y < 20; y++) gray.fill(230, y * 60 + 20, y * 60 + 26);
    const crop: TableCrop = { offsetLeft: 0, offsetTop: 0, width: 60, height: 30, gray, dpi: 300 };
    const box = { left: 0, top: 0, right: 60, bottom: 30 };
    const tone = measureTone(crop, box)!;
    assert.ok(isInverted(tone));
    assert.equal(countToneInk(crop, box, tone), 60);
    const image = cutOcrImage(crop, box, tone, 1, 'gray');
    const at = (x: number, y: number) => image.gray[(y + image.marginPx) * image.width + x + image.marginPx];
    assert.equal(at(22, 15), 0); // the letter is black
    assert.equal(at(5, 5), 255); // the fill is paper
    assert.equal(measureTone({ ...crop, gray: new Uint8Array(60 * 30).fill(200) }, box), null);
  });
});
