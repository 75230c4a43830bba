import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cropTableForOcr } from '../../src/ocr/crop-table.js';
import { detectTables } from '../../src/detect/detect-tables.js';
import { rotateGray } from '../../src/image/rotate-gray.js';
import type { PageImage } from '../../src/types.js';
import { addSaltAndPepper, blankPage, drawGrid, drawWord, fillCells, longestDarkRuns } from '../detect/synthetic-page.js';

const XS = [100, 300, 500, 700];
const YS = [100, 170, 240, 310];

function pixelsOf(image: { width: number; gray: Uint8Array }, box: { left: number; top: number; right: number; bottom: number }, dx = 0, dy = 0): number[] {
  const out: number[] = [];
  for (let y = box.top; y < box.bottom; y++) for (let x = box.left; x < box.right; x++) out.push(image.gray[(y - dy) * image.width + (x - dx)]);
  return out;
}

test('the crop keeps the table with a margin, owns its buffer and maps back to the page', () => {
  const page = blankPage(900, 500, 200);
  drawGrid(page, XS, YS, 2);
  fillCells(page, XS, YS);
  const det = detectTables(page);
  assert.equal(det.grids.length, 1);
  const crop = cropTableForOcr(det.image, det.grids[0]);
  const box = det.grids[0].box;
  assert.ok(crop.offsetLeft < box.left - 2 && crop.offsetLeft >= box.left - 10, `offsetLeft ${crop.offsetLeft}`);
  assert.ok(crop.offsetTop < box.top - 2 && crop.offsetTop >= box.top - 10, `offsetTop ${crop.offsetTop}`);
  assert.ok(crop.offsetLeft + crop.width > box.right + 2);
  assert.ok(crop.offsetTop + crop.height > box.bottom + 2);
  assert.equal(crop.gray.length, crop.width * crop.height);
  assert.equal(crop.gray.byteOffset, 0);
  assert.equal(crop.gray.buffer.byteLength, crop.width * crop.height);
  assert.equal(crop.dpi, 200);
  assert.notEqual(page.gray[YS[1] * page.width + 200], 255, 'the page itself keeps its lines');
});

test('ruling pixels are whitened while a word inside a cell is untouched', () => {
  const page = blankPage(900, 500, 200);
  drawGrid(page, XS, YS, 3);
  const word = drawWord(page, XS[1] + 20, YS[1] + 20, 6);
  const wordBefore = pixelsOf(page, word);
  const det = detectTables(page);
  const crop = cropTableForOcr(det.image, det.grids[0]);
  const runs = longestDarkRuns(crop, 200);
  // the longest dark run left is a letter stroke, not a rule (the grid's rules are 200 and 70+ px)
  assert.ok(runs.horizontal <= 12 && runs.vertical <= 20, `longest runs ${JSON.stringify(runs)}`);
  assert.deepEqual(pixelsOf(crop, word, crop.offsetLeft, crop.offsetTop), wordBefore);
  // nothing but the word is left: every dark pixel lies inside the word's box
  for (let y = 0; y < crop.height; y++) {
    for (let x = 0; x < crop.width; x++) {
      if (crop.gray[y * crop.width + x] > 200) continue;
      const px = x + crop.offsetLeft;
      const py = y + crop.offsetTop;
      assert.ok(px >= word.left && px < word.right && py >= word.top && py < word.bottom, `dark pixel at page ${px},${py}`);
    }
  }
});

test('a word touching a rule keeps its stem; text across a merged cell edge is kept', () => {
  const page = blankPage(900, 500, 200);
  // cells (0,1)-(1,1) merged: no rule between them, a word sits across where it would be
  drawGrid(page, XS, YS, 2, [[0, 1, 2, 1]]);
  const across = drawWord(page, XS[1] + 30, YS[1] - 8, 6);
  const acrossBefore = pixelsOf(page, across);
  // a stem hanging from the rule above into the cell below
  const stemX = XS[0] + 50;
  for (let y = YS[2]; y < YS[2] + 25; y++) page.gray[y * page.width + stemX] = page.gray[y * page.width + stemX + 1] = 0;
  const det = detectTables(page);
  assert.equal(det.grids[0].cells.length, 8);
  const crop = cropTableForOcr(det.image, det.grids[0]);
  assert.deepEqual(pixelsOf(crop, across, crop.offsetLeft, crop.offsetTop), acrossBefore);
  const stemLeft = (y: number) => crop.gray[(y - crop.offsetTop) * crop.width + stemX - crop.offsetLeft];
  for (let y = YS[2] + 1; y < YS[2] + 25; y++) assert.equal(stemLeft(y), 0, `stem pixel y=${y}`);
});

test('on a noisy, skewed scan the rules are erased too', () => {
  const flat = blankPage(900, 500, 200);
  drawGrid(flat, XS, YS, 2);
  drawWord(flat, XS[0] + 20, YS[0] + 20, 5);
  const skewed: PageImage = { ...flat, gray: rotateGray(flat, 0.6) };
  addSaltAndPepper(skewed, 0.002, 9);
  const det = detectTables(skewed);
  assert.equal(det.grids.length, 1);
  const crop = cropTableForOcr(det.image, det.grids[0]);
  const runs = longestDarkRuns(crop, 160);
  assert.ok(runs.horizontal <= 15 && runs.vertical <= 20, `longest runs ${JSON.stringify(runs)}`);
});
