import { test } from 'node:test';
import assert from 'node:assert/strict';
import { otsuThreshold } from '../../src/image/otsu-threshold.js';
import { grayHistogram } from '../../src/image/gray-histogram.js';
import { random } from '../detect/synthetic-page.js';

test('otsuThreshold splits a clean two-level image in the middle of the plateau', () => {
  const gray = new Uint8Array(1000).fill(200);
  gray.fill(40, 0, 300);
  // every t in [40, 199] separates the classes equally well; the middle is (40 + 199) / 2
  assert.equal(otsuThreshold(gray), 119);
});

test('otsuThreshold separates two noisy modes', () => {
  const rnd = random(7);
  const gray = new Uint8Array(20000);
  for (let i = 0; i < gray.length; i++) {
    const dark = i % 10 === 0; // 10 % ink, like a page
    const v = (dark ? 50 : 220) + Math.round((rnd() - 0.5) * 40);
    gray[i] = v;
  }
  const t = otsuThreshold(gray);
  assert.ok(t >= 70 && t < 200, `threshold ${t}`);
  let misclassified = 0;
  for (let i = 0; i < gray.length; i++) if ((gray[i] <= t) !== (i % 10 === 0)) misclassified++;
  assert.equal(misclassified, 0);
});

test('otsuThreshold accepts a histogram and agrees with the image form', () => {
  const rnd = random(3);
  const gray = new Uint8Array(4099).map(() => Math.floor(rnd() * 256));
  gray.fill(10, 0, 1500);
  assert.equal(otsuThreshold(grayHistogram(gray)), otsuThreshold(gray));
});

test('grayHistogram counts every pixel, also on a misaligned view', () => {
  const backing = new Uint8Array(103).map((_, i) => i % 7);
  const view = backing.subarray(1, 102); // byteOffset 1, odd length
  const h = grayHistogram(view);
  let total = 0;
  for (const n of h) total += n;
  assert.equal(total, 101);
  assert.equal(h[0], view.filter((v) => v === 0).length);
  assert.equal(h[6], view.filter((v) => v === 6).length);
});
