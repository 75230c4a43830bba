import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binarize } from '../../src/image/binarize.js';
import { binarizeAdaptive } from '../../src/image/binarize-adaptive.js';
import { otsuThreshold } from '../../src/image/otsu-threshold.js';

test('binarize marks pixels at or below the threshold as ink', () => {
  const gray = Uint8Array.from([0, 100, 101, 255, 100]);
  assert.deepEqual([...binarize({ width: 5, height: 1, gray }, 100)], [1, 1, 0, 0, 1]);
});

test('binarizeAdaptive finds a line on an uneven background where a global threshold fails', () => {
  // background fades from 110 (left) to 250 (right); a dark line 40 below the local background
  const width = 200;
  const height = 60;
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const background = 110 + Math.round((140 * x) / (width - 1));
      gray[y * width + x] = y >= 29 && y < 31 ? background - 60 : background;
    }
  }
  const bitmap = { width, height, gray };
  const global = binarize(bitmap, otsuThreshold(gray));
  const globalInkOffLine = global.filter((v, i) => v === 1 && Math.floor(i / width) !== 29 && Math.floor(i / width) !== 30).length;
  assert.ok(globalInkOffLine > 1000, 'the global threshold swallows the dark side of the page');

  const adaptive = binarizeAdaptive(bitmap, 25, 0.15, 255);
  for (let x = 0; x < width; x++) {
    assert.equal(adaptive[29 * width + x], 1, `line pixel x=${x}`);
    assert.equal(adaptive[30 * width + x], 1, `line pixel x=${x}`);
  }
  const adaptiveInkOffLine = adaptive.filter((v, i) => v === 1 && Math.floor(i / width) !== 29 && Math.floor(i / width) !== 30).length;
  assert.equal(adaptiveInkOffLine, 0);
});

test('binarizeAdaptive leaves flat paper blank and respects inkMaxGray', () => {
  const gray = new Uint8Array(50 * 50).fill(240);
  gray[25 * 50 + 25] = 150; // a faint speck
  const mask = binarizeAdaptive({ width: 50, height: 50, gray }, 15, 0.15, 120);
  assert.equal(mask.reduce((a, b) => a + b, 0), 0);
  const mask2 = binarizeAdaptive({ width: 50, height: 50, gray }, 15, 0.15, 200);
  assert.equal(mask2.reduce((a, b) => a + b, 0), 1);
});
