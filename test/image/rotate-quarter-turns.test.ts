import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quarterTurnPixel, rotateBitmapQuarterTurns, rotateQuarterTurns, type QuarterTurn } from '../../src/image/rotate-quarter-turns.js';
import type { PageImage } from '../../src/types.js';

// 3 × 2:   1 2 3
//          4 5 6
const SMALL: PageImage = { pageNumber: 7, dpi: 150, width: 3, height: 2, gray: Uint8Array.from([1, 2, 3, 4, 5, 6]) };

function randomImage(width: number, height: number, seed: number): PageImage {
  const gray = new Uint8Array(width * height);
  let state = seed;
  for (let i = 0; i < gray.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    gray[i] = state >>> 24;
  }
  return { pageNumber: 1, dpi: 300, width, height, gray };
}

test('a clockwise quarter turn moves the top row to the right-hand column', () => {
  const out = rotateQuarterTurns(SMALL, 90);
  // 4 1
  // 5 2
  // 6 3
  assert.equal(out.width, 2);
  assert.equal(out.height, 3);
  assert.deepEqual([...out.gray], [4, 1, 5, 2, 6, 3]);
});

test('270 moves the top row to the left-hand column, read bottom up; 180 reverses the pixels', () => {
  // 3 6
  // 2 5
  // 1 4
  const out270 = rotateQuarterTurns(SMALL, 270);
  assert.deepEqual([out270.width, out270.height], [2, 3]);
  assert.deepEqual([...out270.gray], [3, 6, 2, 5, 1, 4]);
  const out180 = rotateQuarterTurns(SMALL, 180);
  assert.deepEqual([out180.width, out180.height], [3, 2]);
  assert.deepEqual([...out180.gray], [6, 5, 4, 3, 2, 1]);
});

test('0 is a copy with its own buffer; page number and DPI are kept for every turn', () => {
  const copy = rotateQuarterTurns(SMALL, 0);
  assert.deepEqual([...copy.gray], [...SMALL.gray]);
  assert.notEqual(copy.gray.buffer, SMALL.gray.buffer);
  for (const turn of [0, 90, 180, 270] as QuarterTurn[]) {
    const out = rotateQuarterTurns(SMALL, turn);
    assert.equal(out.pageNumber, 7);
    assert.equal(out.dpi, 150);
    // owns exactly its pixels: transferable to a worker without dragging anything along
    assert.equal(out.gray.byteOffset, 0);
    assert.equal(out.gray.buffer.byteLength, 6);
  }
});

test('turns compose exactly on images larger than a tile, with ragged edges', () => {
  for (const [width, height] of [
    [150, 97],
    [64, 64],
    [1, 70],
    [131, 1],
  ]) {
    const image = randomImage(width, height, width * 1000 + height);
    const once = rotateQuarterTurns(image, 90);
    const twice = rotateQuarterTurns(once, 90);
    assert.deepEqual(twice.gray, rotateQuarterTurns(image, 180).gray, `${width}x${height}: 90 + 90 = 180`);
    assert.deepEqual(rotateQuarterTurns(twice, 90).gray, rotateQuarterTurns(image, 270).gray, `${width}x${height}: 3 × 90 = 270`);
    assert.deepEqual(rotateQuarterTurns(once, 270).gray, image.gray, `${width}x${height}: 90 then 270 is the identity`);
    assert.deepEqual(rotateQuarterTurns(rotateQuarterTurns(image, 180), 180).gray, image.gray);
  }
});

test('quarterTurnPixel says where each pixel goes', () => {
  const image = randomImage(37, 23, 5);
  for (const turn of [0, 90, 180, 270] as QuarterTurn[]) {
    const out = rotateBitmapQuarterTurns(image, turn);
    for (const [x, y] of [
      [0, 0],
      [36, 0],
      [0, 22],
      [36, 22],
      [17, 9],
    ]) {
      const [ox, oy] = quarterTurnPixel(x, y, image.width, image.height, turn);
      assert.equal(out.gray[oy * out.width + ox], image.gray[y * image.width + x], `turn ${turn}, pixel ${x},${y}`);
    }
  }
});

test('anything but a quarter turn is refused', () => {
  assert.throws(() => rotateQuarterTurns(SMALL, 45 as QuarterTurn), RangeError);
});

test('a 300-DPI letter page turns in well under 100 ms', () => {
  const page = randomImage(2550, 3300, 1);
  rotateQuarterTurns(page, 90); // warm-up
  for (const turn of [90, 180, 270] as QuarterTurn[]) {
    const start = performance.now();
    rotateQuarterTurns(page, turn);
    const ms = performance.now() - start;
    assert.ok(ms < 250, `turn ${turn} took ${ms.toFixed(0)} ms`); // generous: shared CI machines
  }
});
