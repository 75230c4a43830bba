// Results are gathered by index: the workbook's order never depends on which task finished first.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { resolveOptions } from '../../src/options.ts';
import type { TaskExecutor } from '../../src/pipeline/task-executor.ts';
import { noPageTimings, type OcrTask, type PageTask } from '../../src/pipeline/tasks.ts';
import { noModelTimes } from '../../src/ocr/ocr-engine.ts';
import { tableSheets } from '../e2e/cli-helpers.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import type { CellGrid } from '../../src/types.ts';

const PAGE_COUNT = 6;
const TABLES_PER_PAGE = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const grid: CellGrid = {
  box: { left: 0, top: 0, right: 200, bottom: 50 },
  columnEdges: [0, 100, 200],
  rowEdges: [0, 50],
  cells: [
    { row: 0, col: 0, rowSpan: 1, colSpan: 1, box: { left: 0, top: 0, right: 100, bottom: 50 } },
    { row: 0, col: 1, rowSpan: 1, colSpan: 1, box: { left: 100, top: 0, right: 200, bottom: 50 } },
  ],
};

/** A fake pool: early pages and first tables take longest, so tasks finish in reverse order. */
function outOfOrderExecutor(completions: string[]): TaskExecutor {
  return {
    threadCount: 4,
    async runPage(task: PageTask) {
      await sleep((PAGE_COUNT - task.pageNumber) * 15);
      completions.push(`page ${task.pageNumber}`);
      const tables = Array.from({ length: TABLES_PER_PAGE }, (_, index) => ({
        source: 'crop' as const,
        grid,
        // The crop's offset carries its identity through to the OCR task.
        crop: { offsetLeft: task.pageNumber * 1000 + index * 10, offsetTop: 0, width: 1, height: 1, gray: new Uint8Array(1), dpi: 300 },
      }));
      return { kind: 'page', status: 'ok', pageNumber: task.pageNumber, dpi: 300, tables, empty: false, languages: task.languages, paddle: null, warnings: [], notes: [], layout: { width: 2550, height: 3300, textBands: [] }, timings: { ...noPageTimings(), renderMs: 1, detectMs: 1 } };
    },
    async runOcr(task: OcrTask) {
      const pageNumber = Math.floor(task.crop.offsetLeft / 1000);
      const tableIndex = (task.crop.offsetLeft % 1000) / 10;
      await sleep((TABLES_PER_PAGE - tableIndex) * 20 + Math.random() * 10);
      completions.push(`table ${pageNumber}.${tableIndex}`);
      // Word boxes are crop-relative: subtract the offset so they land in the grid's first cell.
      const left = 10 - task.crop.offsetLeft;
      return { kind: 'ocr', status: 'ok', ocrMs: 1, models: noModelTimes(), words: [{ text: `p${pageNumber}t${tableIndex + 1}`, confidence: 95, box: { left, top: 10, right: left + 40, bottom: 30 } }] };
    },
    async close() {},
  };
}

describe('gathering by index', () => {
  let dir: string;
  let pdfPath: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-order-'));
    const pdf = await PDFDocument.create();
    for (let i = 0; i < PAGE_COUNT; i++) pdf.addPage([200, 200]);
    pdfPath = path.join(dir, 'blank.pdf');
    await writeFile(pdfPath, await pdf.save());
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes tables in page order, then table order, although tasks finished out of order', async () => {
    const completions: string[] = [];
    const output = path.join(dir, 'out.xlsx');
    const options = resolveOptions({ input: pdfPath, output, workers: 4 });
    const result = await runPipeline(options, { createExecutor: () => outOfOrderExecutor(completions) });

    // The fake really did finish out of order.
    assert.notDeepEqual(completions.filter((c) => c.startsWith('page')), completions.filter((c) => c.startsWith('page')).sort());
    assert.ok(completions.indexOf('table 6.1') < completions.indexOf('table 1.0'));

    const expectedNames = Array.from({ length: PAGE_COUNT }, (_, p) => Array.from({ length: TABLES_PER_PAGE }, (_, t) => `p${p + 1}-t${t + 1}`)).flat();
    assert.deepEqual(result.tables.map((t) => `p${t.pageNumber}-t${t.tableIndex + 1}`), expectedNames);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), expectedNames);
    for (const sheet of tableSheets(workbook)) {
      assert.equal(sheet.getCell('A1').value, sheet.name.replace('-', ''));
    }
  });

  it('never has more pages outstanding than two per thread, however many pages there are', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 40; i++) pdf.addPage([200, 200]);
    const manyPages = path.join(dir, 'many.pdf');
    await writeFile(manyPages, await pdf.save());
    const threadCount = 2;
    let outstanding = 0;
    let mostOutstanding = 0;
    const tablesLeft = new Map<number, number>();
    const executor: TaskExecutor = {
      threadCount,
      async runPage(task: PageTask) {
        outstanding++;
        mostOutstanding = Math.max(mostOutstanding, outstanding);
        await sleep(2);
        tablesLeft.set(task.pageNumber, TABLES_PER_PAGE);
        const tables = Array.from({ length: TABLES_PER_PAGE }, (_, index) => ({
          source: 'crop' as const,
          grid,
          crop: { offsetLeft: task.pageNumber * 1000 + index * 10, offsetTop: 0, width: 1, height: 1, gray: new Uint8Array(1), dpi: 300 },
        }));
        return { kind: 'page', status: 'ok', pageNumber: task.pageNumber, dpi: 300, tables, empty: false, languages: task.languages, paddle: null, warnings: [], notes: [], layout: { width: 2550, height: 3300, textBands: [] }, timings: { ...noPageTimings(), renderMs: 1, detectMs: 1 } };
      },
      async runOcr(task: OcrTask) {
        await sleep(5);
        const pageNumber = Math.floor(task.crop.offsetLeft / 1000);
        const left = tablesLeft.get(pageNumber)! - 1;
        tablesLeft.set(pageNumber, left);
        // The page is done once its last table is read.
        if (left === 0) outstanding--;
        return { kind: 'ocr', status: 'ok', ocrMs: 1, models: noModelTimes(), words: [] };
      },
        async close() {},
    };
    const options = resolveOptions({ input: manyPages, output: path.join(dir, 'many.xlsx'), workers: threadCount });
    const result = await runPipeline(options, { createExecutor: () => executor });
    assert.equal(result.tables.length, 40 * TABLES_PER_PAGE);
    assert.ok(mostOutstanding >= 2, 'pages did run in parallel');
    assert.ok(mostOutstanding <= 2 * threadCount, `at most ${2 * threadCount} pages outstanding, saw ${mostOutstanding}`);
  });
});
