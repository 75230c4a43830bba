import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentsOfMask, inkOf, type Components } from '../../src/image/ink-components.js';
import type { PageImage } from '../../src/types.js';

/** A white page with black rectangles [left, top, right, bottom] (inclusive). */
function page(width: number, height: number, dpi: number, boxes: [number, number, number, number][]): PageImage {
  const gray = new Uint8Array(width * height).fill(255);
  for (const [left, top, right, bottom] of boxes) {
    for (let y = top; y <= bottom; y++) gray.fill(0, y * width + left, y * width + right + 1);
  }
  return { pageNumber: 1, dpi, width, height, gray };
}

/** Each component's box and area, sorted by top, then left. */
const boxesOf = (k: Components) =>
  Array.from({ length: k.count }, (_, c) => [k.left[c], k.top[c], k.right[c], k.bottom[c], k.area[c]]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);

// At 100 DPI the mask is the page itself; ink runs of 40 px (0.4 inch) or more are no glyph strokes.
const PAGE = page(60, 32, 100, [
  [2, 4, 4, 8], // a 3 × 5 block
  [10, 4, 10, 4], // a diagonal: touches only at corners, one 8-connected component
  [11, 5, 11, 5],
  [12, 6, 12, 6],
  [20, 4, 20, 4], // two dots a pixel apart: two components
  [22, 4, 22, 4],
  [5, 20, 54, 20], // a ruling 50 px long: erased
  [5, 24, 20, 24], // a 16 px stroke: kept
  [30, 26, 31, 29], // a U: two stems joined at the bottom
  [33, 26, 34, 29],
  [30, 30, 34, 30],
]);

test('inkOf finds the 8-connected components and leaves out long horizontal runs', () => {
  const ink = inkOf(PAGE);
  assert.ok(ink);
  const { mask, components } = ink;
  assert.deepEqual([mask.width, mask.height, mask.factor, mask.dpi, mask.minLongRun], [60, 32, 1, 100, 40]);
  assert.deepEqual(boxesOf(components), [
    [2, 4, 4, 8, 15],
    [10, 4, 12, 6, 3],
    [20, 4, 20, 4, 1],
    [22, 4, 22, 4, 1],
    [5, 24, 20, 24, 16],
    [30, 26, 34, 30, 21],
  ]);
  assert.equal(mask.mask[20 * 60 + 30], 2, 'the ruling is marked as erased');
  assert.equal(mask.mask[24 * 60 + 10], 1);
  assert.equal(mask.mask[24 * 60 + 30], 0);
  // every run lies in its component's box
  for (let y = 0; y < mask.height; y++) {
    for (let r = components.rowStart[y]; r < components.rowStart[y + 1]; r++) {
      const c = components.runComponent[r];
      assert.ok(components.left[c] <= components.runLeft[r] && components.runRight[r] <= components.right[c]);
      assert.ok(components.top[c] <= y && y <= components.bottom[c]);
    }
  }
});

test('componentsOfMask finds the same components in the mask', () => {
  const ink = inkOf(PAGE);
  assert.ok(ink);
  const again = componentsOfMask(ink.mask);
  assert.deepEqual(boxesOf(again), boxesOf(ink.components));
  assert.deepEqual([...again.rowStart], [...ink.components.rowStart]);
});

test('inkOf averages blocks of pixels at higher resolutions', () => {
  // at 200 DPI, 2 × 2 blocks: the 4 × 4 square becomes 2 × 2 mask pixels
  const ink = inkOf(page(64, 64, 200, [[8, 8, 11, 11]]));
  assert.ok(ink);
  assert.deepEqual([ink.mask.width, ink.mask.height, ink.mask.factor, ink.mask.dpi], [32, 32, 2, 100]);
  assert.deepEqual(boxesOf(ink.components), [[4, 4, 5, 5, 4]]);
});

test('inkOf returns null for a blank, faint or tiny page', () => {
  assert.equal(inkOf(page(40, 40, 100, [])), null);
  const faint = page(40, 40, 100, [[4, 4, 20, 20]]);
  faint.gray = faint.gray.map((v) => (v === 0 ? 220 : v)); // 35 levels of contrast
  assert.equal(inkOf(faint), null);
  assert.equal(inkOf(page(15, 40, 100, [[2, 4, 4, 8]])), null);
});
