import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleGrayBilinear } from '../../src/image/scale-gray.js';

const rows = (bitmap: { width: number; gray: Uint8Array }) =>
  Array.from({ length: bitmap.gray.length / bitmap.width }, (_, y) => [...bitmap.gray.subarray(y * bitmap.width, (y + 1) * bitmap.width)]);

// 2 × 2 source: 0 100 / 200 255
const SQUARE = { width: 2, height: 2, gray: Uint8Array.from([0, 100, 200, 255]) };
const WHOLE = { left: 0, top: 0, right: 2, bottom: 2 };

test('scaleGrayBilinear interpolates between pixel centres, clamps at the edges and cuts fractions off', () => {
  const scaled = scaleGrayBilinear(SQUARE, WHOLE, 2, 0);
  assert.equal(scaled.width, 4);
  assert.equal(scaled.height, 4);
  assert.deepEqual(rows(scaled), [
    [0, 25, 75, 100],
    [50, 72, 116, 138], // 72.1875, 116.5625, 138.75
    [150, 166, 199, 216],
    [200, 213, 241, 255],
  ]);
});

test('scaleGrayBilinear frames the image in a white margin', () => {
  const scaled = scaleGrayBilinear(SQUARE, WHOLE, 1, 2);
  assert.equal(scaled.width, 6);
  assert.equal(scaled.height, 6);
  assert.deepEqual(rows(scaled), [
    [255, 255, 255, 255, 255, 255],
    [255, 255, 255, 255, 255, 255],
    [255, 255, 0, 100, 255, 255],
    [255, 255, 200, 255, 255, 255],
    [255, 255, 255, 255, 255, 255],
    [255, 255, 255, 255, 255, 255],
  ]);
});

test('scaleGrayBilinear reads only the region, and sizes round with at least one pixel', () => {
  const width = 7;
  const source = { width, height: 5, gray: Uint8Array.from({ length: 35 }, (_, i) => (i * 53) % 256) };
  const region = { left: 2, top: 1, right: 6, bottom: 4 };
  const copy = { width: 4, height: 3, gray: new Uint8Array(12) };
  for (let y = 0; y < 3; y++) copy.gray.set(source.gray.subarray((y + 1) * width + 2, (y + 1) * width + 6), y * 4);
  for (const scale of [0.5, 1, 1.7, 3]) {
    assert.deepEqual(scaleGrayBilinear(source, region, scale, 3), scaleGrayBilinear(copy, { left: 0, top: 0, right: 4, bottom: 3 }, scale, 3), `scale ${scale}`);
  }
  const small = scaleGrayBilinear(source, region, 0.1, 0);
  assert.deepEqual([small.width, small.height], [1, 1]);
  const odd = scaleGrayBilinear(source, region, 1.25, 0); // 4 × 1.25 = 5, 3 × 1.25 = 3.75
  assert.deepEqual([odd.width, odd.height], [5, 4]);
});

test('scaleGrayBilinear stretches or thresholds the levels', () => {
  const stretched = scaleGrayBilinear(SQUARE, WHOLE, 1, 0, { kind: 'stretch', black: 50, gain: 2 });
  assert.deepEqual([...stretched.gray], [0, 100, 255, 255]); // (0 - 50) × 2 clamps to 0; 300, 410 clamp to 255
  const dark = scaleGrayBilinear(SQUARE, WHOLE, 1, 0, { kind: 'threshold', at: 100, inkAbove: false });
  assert.deepEqual([...dark.gray], [0, 0, 255, 255]);
  const light = scaleGrayBilinear(SQUARE, WHOLE, 1, 0, { kind: 'threshold', at: 100, inkAbove: true });
  assert.deepEqual([...light.gray], [255, 0, 0, 0]);
  // 116.5625 is above 116.3, though the byte it would be stored as (116) is not
  const scaled = scaleGrayBilinear(SQUARE, WHOLE, 2, 1, { kind: 'threshold', at: 116.3, inkAbove: false });
  assert.deepEqual(rows(scaled)[2], [255, 0, 0, 255, 255, 255]);
});

test('scaleGrayBilinear at scale 1 copies the region pixel for pixel, each level mapped, inside the margin', () => {
  const [width, height] = [37, 23];
  let seed = 11;
  const source = { width, height, gray: Uint8Array.from({ length: width * height }, () => (seed = (seed * 75 + 74) % 65537) % 256) };
  const region = { left: 3, top: 2, right: 30, bottom: 20 };
  const mappings = [
    { mapping: { kind: 'levels' } as const, expected: (level: number) => level },
    { mapping: { kind: 'stretch', black: 40, gain: 1.7 } as const, expected: (level: number) => Math.trunc(Math.min(255, Math.max(0, (level - 40) * 1.7))) },
    { mapping: { kind: 'threshold', at: 128, inkAbove: false } as const, expected: (level: number) => (level <= 128 ? 0 : 255) },
    { mapping: { kind: 'threshold', at: 128, inkAbove: true } as const, expected: (level: number) => (level >= 128 ? 0 : 255) },
  ];
  for (const { mapping, expected } of mappings) {
    const margin = 3;
    const copied = scaleGrayBilinear(source, region, 1, margin, mapping);
    assert.equal(copied.width, 27 + 2 * margin);
    assert.equal(copied.height, 18 + 2 * margin);
    for (let y = 0; y < copied.height; y++) {
      for (let x = 0; x < copied.width; x++) {
        const [sx, sy] = [x - margin + region.left, y - margin + region.top];
        const inside = x >= margin && x < copied.width - margin && y >= margin && y < copied.height - margin;
        assert.equal(copied.gray[y * copied.width + x], inside ? expected(source.gray[sy * width + sx]) : 255, `${mapping.kind} at ${x},${y}`);
      }
    }
  }
});
