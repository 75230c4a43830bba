// measure.ts: the one median, box overlap, word-centre test and stopwatch every stage uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centreInCell, centreInside, median, overlapArea, rulingInside, timed } from '../src/measure.ts';
import type { Ruling } from '../src/types.ts';

const box = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom });

describe('measure', () => {
  it('median: the middle value, the upper of an even count, 0 for none; the input is not sorted in place', () => {
    const values = [5, 1, 3];
    assert.equal(median(values), 3);
    assert.deepEqual(values, [5, 1, 3]);
    assert.equal(median([4, 1, 3, 2]), 3);
    assert.equal(median([]), 0);
  });

  it('overlapArea: the shared area, 0 for boxes that only touch or do not meet', () => {
    assert.equal(overlapArea(box(0, 0, 10, 10), box(5, 5, 20, 20)), 25);
    assert.equal(overlapArea(box(0, 0, 10, 10), box(10, 0, 20, 10)), 0);
    assert.equal(overlapArea(box(0, 0, 10, 10), box(30, 30, 40, 40)), 0);
  });

  it('a word centre: inside a box with its edges and a tolerance; in a grid cell half-open, so tiled cells share none', () => {
    const word = { box: box(8, 8, 12, 12) };
    assert.ok(centreInside(word, box(0, 0, 10, 10)));
    assert.ok(!centreInside(word, box(0, 0, 9, 9)));
    assert.ok(centreInside(word, box(0, 0, 9, 9), 1));
    assert.ok(!centreInCell(word, box(0, 0, 10, 10)));
    assert.ok(centreInCell(word, box(10, 10, 20, 20)));
  });

  it('timed: adds a sync step at once and an async one when it settles, failed or not', async () => {
    const timings = { detectMs: 1, ocrMs: 0 };
    assert.equal(timed(timings, 'detectMs', () => 'found'), 'found');
    assert.ok(timings.detectMs >= 1);
    const pending = timed(timings, 'ocrMs', () => new Promise<string>((resolve) => setTimeout(() => resolve('read'), 20)));
    assert.equal(timings.ocrMs, 0, 'not before the step ends');
    assert.equal(await pending, 'read');
    assert.ok(timings.ocrMs >= 15, `${timings.ocrMs} ms`);
    const before = timings.ocrMs;
    await assert.rejects(timed(timings, 'ocrMs', () => new Promise((_, reject) => setTimeout(() => reject(new Error('engine')), 20))), /engine/);
    assert.ok(timings.ocrMs > before);
  });

  const frame = { left: 10, top: 10, right: 100, bottom: 50 };
  const horizontal = (position: number, start: number, end: number): Ruling => ({ orientation: 'horizontal', position, start, end, thickness: 1 });
  const vertical = (position: number, start: number, end: number): Ruling => ({ orientation: 'vertical', position, start, end, thickness: 1 });

  it('rulingInside: a ruling lies in a box when both its ends do, edges included', () => {
    assert.ok(rulingInside(horizontal(10, 10, 100), frame));
    assert.ok(rulingInside(vertical(100, 10, 50), frame));
    assert.ok(!rulingInside(horizontal(30, 5, 100), frame));
    assert.ok(!rulingInside(vertical(110, 20, 30), frame), 'right of the box');
  });

  it('rulingInside: the box grows by the tolerance on every side', () => {
    assert.ok(!rulingInside(horizontal(52, 8, 102), frame));
    assert.ok(rulingInside(horizontal(52, 8, 102), frame, 2));
    assert.ok(!rulingInside(vertical(103, 10, 50), frame, 2));
  });
});
