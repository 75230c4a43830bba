import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rulingInside } from '../src/measure.ts';
import type { Ruling } from '../src/types.ts';

describe('measure', () => {
  const box = { left: 10, top: 10, right: 100, bottom: 50 };
  const horizontal = (position: number, start: number, end: number): Ruling => ({ orientation: 'horizontal', position, start, end, thickness: 1 });
  const vertical = (position: number, start: number, end: number): Ruling => ({ orientation: 'vertical', position, start, end, thickness: 1 });

  it('rulingInside: a ruling lies in a box when both its ends do, edges included', () => {
    assert.ok(rulingInside(horizontal(10, 10, 100), box));
    assert.ok(rulingInside(vertical(100, 10, 50), box));
    assert.ok(!rulingInside(horizontal(30, 5, 100), box));
    assert.ok(!rulingInside(vertical(110, 20, 30), box), 'right of the box');
  });

  it('rulingInside: the box grows by the tolerance on every side', () => {
    assert.ok(!rulingInside(horizontal(52, 8, 102), box));
    assert.ok(rulingInside(horizontal(52, 8, 102), box, 2));
    assert.ok(!rulingInside(vertical(103, 10, 50), box, 2));
  });
});
