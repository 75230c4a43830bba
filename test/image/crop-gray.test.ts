import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cropGray } from '../../src/image/crop-gray.js';

test('cropGray copies the box into a buffer of its own', () => {
  const width = 10;
  const gray = Uint8Array.from({ length: 100 }, (_, i) => i);
  const crop = cropGray({ width, height: 10, gray }, { left: 2, top: 3, right: 5, bottom: 5 });
  assert.equal(crop.width, 3);
  assert.equal(crop.height, 2);
  assert.deepEqual([...crop.gray], [32, 33, 34, 42, 43, 44]);
  assert.equal(crop.gray.byteOffset, 0);
  assert.equal(crop.gray.buffer.byteLength, 6);
  crop.gray[0] = 0;
  assert.equal(gray[32], 32, 'the page is not modified');
});

test('cropGray clips the box to the bitmap and reports the clipped box', () => {
  const gray = new Uint8Array(100).fill(7);
  const crop = cropGray({ width: 10, height: 10, gray }, { left: -4, top: 8, right: 3, bottom: 20 });
  assert.deepEqual(crop.box, { left: 0, top: 8, right: 3, bottom: 10 });
  assert.equal(crop.gray.length, 6);
  const empty = cropGray({ width: 10, height: 10, gray }, { left: 12, top: 0, right: 15, bottom: 5 });
  assert.equal(empty.width, 0);
  assert.equal(empty.gray.length, 0);
});
