import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortReadingOrder } from '../../src/grid/sort-reading-order.js';

const item = (name: string, left: number, top: number, right: number, bottom: number) => ({ name, box: { left, top, right, bottom } });

test('reading order: top to bottom, side-by-side items left to right', () => {
  const items = [
    item('bottom', 0, 900, 500, 1000),
    item('right', 600, 100, 900, 300),
    item('left-lower-start', 0, 150, 500, 400), // overlaps "right" vertically
    item('middle', 0, 500, 900, 700),
  ];
  assert.deepEqual(sortReadingOrder(items).map((i) => i.name), ['left-lower-start', 'right', 'middle', 'bottom']);
});

test('items that do not overlap vertically stay top to bottom whatever their x', () => {
  const items = [item('b', 0, 300, 100, 400), item('a', 500, 0, 600, 100)];
  assert.deepEqual(sortReadingOrder(items).map((i) => i.name), ['a', 'b']);
});
