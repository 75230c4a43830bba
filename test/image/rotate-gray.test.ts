import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rotateGray } from '../../src/image/rotate-gray.js';

function dotImage(size: number, x: number, y: number): { width: number; height: number; gray: Uint8Array } {
  const gray = new Uint8Array(size * size).fill(255);
  gray[y * size + x] = 0;
  return { width: size, height: size, gray };
}

function darkest(gray: Uint8Array, width: number): { x: number; y: number } {
  let best = 0;
  for (let i = 1; i < gray.length; i++) if (gray[i] < gray[best]) best = i;
  return { x: best % width, y: Math.floor(best / width) };
}

test('rotateGray by 0 degrees is the identity', () => {
  const img = dotImage(21, 3, 17);
  img.gray[0] = 17;
  img.gray[20 * 21 + 20] = 99; // last pixel survives too
  assert.deepEqual(rotateGray(img, 0), img.gray);
});

test('rotateGray turns clockwise on screen for positive angles (y down)', () => {
  // a dot straight above the centre moves to the right of it under a 90° clockwise turn
  const img = dotImage(21, 10, 2);
  const out = rotateGray(img, 90);
  assert.deepEqual(darkest(out, 21), { x: 18, y: 10 });
});

test('rotateGray fills the uncovered corners with white and keeps the size', () => {
  const img = { width: 40, height: 40, gray: new Uint8Array(1600).fill(0) };
  const out = rotateGray(img, 10);
  assert.equal(out.length, 1600);
  assert.equal(out[0], 255);
  assert.equal(out[39], 255);
  assert.equal(out[20 * 40 + 20], 0);
});

test('rotating there and back keeps a line where it was (bilinear, small angle)', () => {
  const width = 300;
  const height = 200;
  const gray = new Uint8Array(width * height).fill(255);
  gray.fill(0, 100 * width + 20, 100 * width + 280);
  gray.fill(0, 101 * width + 20, 101 * width + 280);
  const back = rotateGray({ width, height, gray: rotateGray({ width, height, gray }, 1.5) }, -1.5);
  for (const x of [50, 150, 250]) {
    let sum = 0;
    let weight = 0;
    for (let y = 90; y < 110; y++) {
      const ink = 255 - back[y * width + x];
      sum += ink * y;
      weight += ink;
    }
    assert.ok(Math.abs(sum / weight - 100.5) < 0.3, `centre at x=${x}: ${sum / weight}`);
  }
});
