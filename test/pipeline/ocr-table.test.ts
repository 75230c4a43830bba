// One table crop through the pool: cell boxes into the crop, words back into page pixels, and
// the retry rule (once after a crash or a failure, never after the engine could not start).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OcrError } from '../../src/errors.ts';
import { resolveOptions } from '../../src/options.ts';
import { ocrTable, type OcrTableJob } from '../../src/pipeline/ocr-table.ts';
import type { TaskExecutor } from '../../src/pipeline/task-executor.ts';
import type { OcrTask, OcrTaskResult } from '../../src/pipeline/tasks.ts';
import { noModelTimes } from '../../src/ocr/ocr-engine.ts';

const OPTIONS = resolveOptions({ input: 'in.pdf', output: 'out.xlsx', workers: 1 });

function job(): OcrTableJob {
  return {
    pageNumber: 2,
    tableIndex: 0,
    // A crop whose top-left pixel is at (1000, 2000) on the page.
    crop: { offsetLeft: 1000, offsetTop: 2000, width: 300, height: 100, gray: new Uint8Array(300 * 100).fill(255), dpi: 300 },
    grid: {
      box: { left: 1000, top: 2000, right: 1300, bottom: 2100 },
      columnEdges: [1000, 1150, 1300],
      rowEdges: [2000, 2100],
      cells: [
        { row: 0, col: 0, rowSpan: 1, colSpan: 1, box: { left: 1000, top: 2000, right: 1150, bottom: 2100 } },
        { row: 0, col: 1, rowSpan: 1, colSpan: 1, box: { left: 1150, top: 2000, right: 1300, bottom: 2100 } },
      ],
    },
    languages: [{ code: 'eng', file: 'eng.traineddata' }],
    paddle: null,
  };
}

/** An executor whose OCR answers come from `answers`, one per attempt (an Error rejects, as a dead thread does). */
function scriptedExecutor(answers: (OcrTaskResult | Error)[], seen: OcrTask[]): TaskExecutor {
  return {
    threadCount: 1,
    runPage: () => Promise.reject(new Error('no page tasks here')),
    async runOcr(task) {
      // What a pool thread would receive: a copy of the task, its pixels moved.
      seen.push({ ...task, crop: { ...task.crop, gray: task.crop.gray.slice() } });
      task.crop.gray = new Uint8Array(0);
      const answer = answers[seen.length - 1];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    close: async () => undefined,
  };
}

const WORD_IN_CROP = { text: '42', confidence: 91, box: { left: 10, top: 20, right: 40, bottom: 50 } };

describe('ocrTable', () => {
  it('gives the cell boxes in crop pixels and the words back in page pixels', async () => {
    const seen: OcrTask[] = [];
    const outcome = await ocrTable(scriptedExecutor([{ kind: 'ocr', status: 'ok', words: [WORD_IN_CROP], ocrMs: 5, models: noModelTimes() }], seen), job(), OPTIONS, () => undefined);
    assert.deepEqual(seen[0].cellBoxes, [
      { left: 0, top: 0, right: 150, bottom: 100 },
      { left: 150, top: 0, right: 300, bottom: 100 },
    ]);
    assert.equal(seen[0].upscale, 1);
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.value.words, [{ ...WORD_IN_CROP, box: { left: 1010, top: 2020, right: 1040, bottom: 2050 } }]);
    assert.equal(outcome.value.ocrMs, 5);
    assert.equal(outcome.value.crop?.gray.length, 300 * 100, 'the untouched pixels come back for a second reading');
    assert.notEqual(outcome.value.crop?.gray, seen[0].crop.gray);
  });

  it('reads only the given cells, larger, when asked to read doubtful cells again', async () => {
    const seen: OcrTask[] = [];
    await ocrTable(scriptedExecutor([{ kind: 'ocr', status: 'ok', words: [], ocrMs: 1, models: noModelTimes() }], seen), { ...job(), only: { cellIndexes: [1], upscale: 2 } }, OPTIONS, () => undefined);
    assert.deepEqual(seen[0].cellBoxes, [{ left: 150, top: 0, right: 300, bottom: 100 }]);
    assert.equal(seen[0].upscale, 2);
  });

  it('tries once more, with its own copy of the pixels, after a dead thread', async () => {
    const seen: OcrTask[] = [];
    const notes: string[] = [];
    const outcome = await ocrTable(scriptedExecutor([new Error('the worker thread exited'), { kind: 'ocr', status: 'ok', words: [], ocrMs: 1, models: noModelTimes() }], seen), job(), OPTIONS, (note) => notes.push(note));
    assert.ok(outcome.ok);
    assert.equal(outcome.value.crop, null, 'the retry used the kept copy: none is left for a second reading');
    assert.deepEqual([seen[0].attempt, seen[1].attempt], [1, 2]);
    assert.equal(seen[1].crop.gray.length, 300 * 100, 'the retry has the pixels the first attempt moved away');
    assert.deepEqual(notes, ['page 2, table 1: OCR failed (the worker thread exited); trying once more']);
  });

  it('gives up after two failures, saying why', async () => {
    const failed: OcrTaskResult = { kind: 'ocr', status: 'failed', error: 'recognize failed', engineFailed: false };
    const seen: OcrTask[] = [];
    const outcome = await ocrTable(scriptedExecutor([failed, failed], seen), job(), OPTIONS, () => undefined);
    assert.deepEqual(outcome, { ok: false, reason: 'recognize failed' });
    assert.equal(seen.length, 2);
  });

  it('ends the run at once when the engine cannot start', async () => {
    const seen: OcrTask[] = [];
    const noEngine: OcrTaskResult = { kind: 'ocr', status: 'failed', error: 'cannot load eng.traineddata', engineFailed: true };
    await assert.rejects(ocrTable(scriptedExecutor([noEngine], seen), job(), OPTIONS, () => undefined), (error) => error instanceof OcrError && /eng\.traineddata/.test(error.message));
    assert.equal(seen.length, 1, 'no retry');
  });
});
