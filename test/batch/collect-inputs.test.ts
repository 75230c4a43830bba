import assert from 'node:assert/strict';
import { it } from 'node:test';
import { uniqueOutputStems, type BatchInput } from '../../src/batch/collect-inputs.ts';

const stemsOf = (inputs: BatchInput[]) => uniqueOutputStems(inputs).map((item) => item.outputStem);
const items = (...pairs: [string, string][]): BatchInput[] => pairs.map(([input, outputStem]) => ({ input, outputStem }));

it('gives two inputs with the same name distinct outputs', () => {
  assert.deepEqual(stemsOf(items(['a/x.pdf', 'x'], ['b/x.pdf', 'x'], ['c/x.pdf', 'x'])), ['x', 'x-2', 'x-3']);
});

it('never renames onto a name another input writes, before or after it', () => {
  assert.deepEqual(stemsOf(items(['c/a/x.pdf', 'x'], ['c/b/x.pdf', 'x'], ['c/x-2.pdf', 'x-2'])), ['x', 'x-3', 'x-2']);
  assert.deepEqual(stemsOf(items(['a/x-2.pdf', 'x-2'], ['b/x.pdf', 'x'], ['c/x.pdf', 'x'], ['d/x-3.pdf', 'x-3'])), ['x-2', 'x', 'x-4', 'x-3']);
});

it('compares names without case, and keeps each new name taken', () => {
  assert.deepEqual(stemsOf(items(['a/Report.pdf', 'Report'], ['b/report.PDF', 'report'], ['c/REPORT.pdf', 'REPORT'], ['d/report-2.pdf', 'report-2'])), ['Report', 'report-3', 'REPORT-4', 'report-2']);
  const many = stemsOf(Array.from({ length: 50 }, (_, index) => ({ input: `${index}/x.pdf`, outputStem: 'x' })));
  assert.equal(new Set(many.map((stem) => stem.toLowerCase())).size, 50);
});
