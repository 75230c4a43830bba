import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachRegion, type Region } from '../../src/image/regions.ts';

describe('connected regions', () => {
  // Two diagonal pixels, and a 2 × 2 block.
  const raster = [
    '#.....',
    '.#..##',
    '....##',
  ].join('');
  const on = (index: number) => raster[index] === '#';

  it('joins diagonal neighbours only when 8-connected, in the order of their first pixel', () => {
    const four: Region[] = [];
    forEachRegion(6, 3, on, 4, (region) => four.push(region));
    assert.deepEqual(four.map((region) => region.count), [1, 1, 4]);
    const eight: Region[] = [];
    forEachRegion(6, 3, on, 8, (region) => eight.push(region));
    assert.deepEqual(eight, [
      { left: 0, top: 0, right: 2, bottom: 2, count: 2 },
      { left: 4, top: 1, right: 6, bottom: 3, count: 4 },
    ]);
  });

  it('gives each region’s pixels to onPixel before the region itself', () => {
    const seen: number[][] = [];
    let pixels: number[] = [];
    forEachRegion(6, 3, on, 8, () => {
      seen.push(pixels.sort((a, b) => a - b));
      pixels = [];
    }, (index) => pixels.push(index));
    assert.deepEqual(seen, [[0, 7], [10, 11, 16, 17]]);
  });
});
