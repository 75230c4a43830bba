// pdf.js's console warnings are gathered per page task: the in-process executor (--workers 1) may
// give up on a page that ran past its time and start the next while the first still runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { collectPdfjsWarnings } from '../../src/pdf/pdfjs-warnings.ts';

describe('collectPdfjsWarnings', () => {
  it('gives two overlapping tasks, interleaved at their awaits, each only its own warnings', async () => {
    let releaseFirst!: () => void;
    const firstReleased = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = collectPdfjsWarnings(async () => {
      console.warn('Warning: first, before the second starts');
      await nextTurn();
      console.warn('Warning: first, while the second runs');
      await firstReleased;
      console.warn('Warning: first, after the second is done');
      return 'first result';
    });
    const second = collectPdfjsWarnings(async () => {
      console.warn('Warning: second, at its start');
      await nextTurn();
      await nextTurn();
      console.warn('Warning: second, while the first waits');
      return 'second result';
    });

    assert.deepEqual(await second, { result: 'second result', warnings: ['second, at its start', 'second, while the first waits'] });
    releaseFirst();
    assert.deepEqual(await first, {
      result: 'first result',
      warnings: ['first, before the second starts', 'first, while the second runs', 'first, after the second is done'],
    });
  });

  it('keeps a nested call\'s warnings apart from the outer one\'s', async () => {
    const outer = await collectPdfjsWarnings(async () => {
      console.warn('Warning: outer');
      const inner = await collectPdfjsWarnings(async () => {
        await nextTurn();
        console.warn('Warning: inner');
      });
      console.warn('Warning: outer again');
      return inner.warnings;
    });
    assert.deepEqual(outer, { result: ['inner'], warnings: ['outer', 'outer again'] });
  });
});
