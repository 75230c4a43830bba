// RunRecord: what a run keeps while its pages come back in any order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { RunRecord } from '../../src/pipeline/run-record.ts';
import type { ProgressReporter } from '../../src/report/progress.ts';

function recordWithBar() {
  const shown: string[] = [];
  const logged: string[] = [];
  const progress: ProgressReporter = { start() {}, pageDone() {}, tableDone() {}, warn: (message) => shown.push(message), stop() {} };
  return { record: new RunRecord(progress, (message) => logged.push(message)), shown, logged };
}

describe('RunRecord', () => {
  it('a failure is a warning too, shown on the bar', () => {
    const { record, shown } = recordWithBar();
    record.warn('a note');
    record.fail('page 2 was skipped');
    assert.deepEqual(record.warnings, ['a note', 'page 2 was skipped']);
    assert.deepEqual(record.failures, ['page 2 was skipped']);
    assert.deepEqual(shown, record.warnings);
  });

  it('the lowest page that ends the run is reported, whichever came back first; later pages need not be read', () => {
    const { record } = recordWithBar();
    record.throwIfEnded();
    record.endRunAt(7, 'page 7 needs OCR');
    record.endRunAt(3, 'page 3 needs OCR');
    record.endRunAt(5, 'page 5 needs OCR');
    assert.ok(record.endsBefore(4));
    assert.ok(!record.endsBefore(3));
    assert.ok(!record.endsBefore(2));
    assert.throws(() => record.throwIfEnded(), (error: unknown) => error instanceof InputError && error.message === 'page 3 needs OCR');
  });

  it('page geometry and empty pages in the order asked, leaving out pages not read', () => {
    const { record } = recordWithBar();
    const layout = { width: 100, height: 200, textBands: [] };
    record.notePage({ pageNumber: 4, dpi: 300, layout }, true);
    record.notePage({ pageNumber: 2, dpi: 150, layout }, false);
    assert.deepEqual(record.pagesOf([2, 3, 4]).map((page) => [page.pageNumber, page.dpi]), [[2, 150], [4, 300]]);
    assert.deepEqual(record.emptyOf([4, 2, 3]), [4]);
  });
});
