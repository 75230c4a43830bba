// Golden tests of the page task, what a pool thread does with one page (worker/read-page.ts through
// TaskHandlers.runPageTask): a page in, its PageTaskResult out, pinned by content in
// test/pipeline/golden/page-task/*.json. Each case takes one path of the task: the text layer
// with vector rulings, with word layout, with --area/--columns, turned (/Rotate), too large for
// 300 DPI, or over a scan (checked against the image, grids from raster rulings); a scan's ruled
// tables as crops, its word layout from the page OCR pass, a blank scan, a scan under --ocr never.
//
// The task is made by the pipeline's own readPageThroughPool, with the options resolveOptions
// gives for `--lang eng --engine tesseract --workers 1`, and run in-process by TaskHandlers (the
// code a pool thread runs). Timings are left out of the goldens; coordinates are rounded to
// 0.01 px. A crop is pinned by its size, its dark pixel count and a hash of its gray pixels.
//
// UPDATE_GOLDEN=1 writes the goldens anew; check the diff before committing it. The scans made
// here are rendered by the platform's canvas (see fixtures/README.md), so another platform may
// need fresh goldens for them; the committed sample-scanned.pdf does not depend on it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { INVOICE_TABLE, KEY_VALUE_PAGE, KEY_VALUE_TABLE, MERGED_PAGE, TWO_TABLES_PAGE, makeScannedPdf, makeScannedPdfWithTextLayer, makeTextPdf, type PageSpec } from '../../fixtures/lib/index.ts';
import { resolveOptions, type Options } from '../../src/options.ts';
import { chooseEngine } from '../../src/pipeline/choose-engine.ts';
import { readPageThroughPool } from '../../src/pipeline/page-through-pool.ts';
import type { TaskExecutor } from '../../src/pipeline/task-executor.ts';
import type { PageTable, PageTaskResult } from '../../src/pipeline/tasks.ts';
import { TaskHandlers } from '../../src/pipeline/worker/task-handlers.ts';
import type { CellGrid, PixelBox, TableCrop, Word } from '../../src/types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const goldenDir = path.join(here, 'golden/page-task');
const updating = process.env.UPDATE_GOLDEN === '1';

// ---- The summary a golden holds ----

const round = (value: number) => Math.round(value * 100) / 100;
const boxOf = (box: PixelBox) => [round(box.left), round(box.top), round(box.right), round(box.bottom)];

function gridSummary(grid: CellGrid) {
  return {
    box: boxOf(grid.box),
    columnEdges: grid.columnEdges.map(round),
    rowEdges: grid.rowEdges.map(round),
    // Each cell: [row, col, rowSpan, colSpan] and its box.
    cells: grid.cells.map((cell) => ({ at: [cell.row, cell.col, cell.rowSpan, cell.colSpan], box: boxOf(cell.box) })),
  };
}

const wordSummary = (word: Word) => ({ text: word.text, confidence: round(word.confidence), box: boxOf(word.box) });

function cropSummary(crop: TableCrop) {
  let ink = 0;
  for (const value of crop.gray) if (value < 128) ink++;
  const hash = createHash('sha256').update(crop.gray).digest('hex').slice(0, 16);
  return { offsetLeft: crop.offsetLeft, offsetTop: crop.offsetTop, width: crop.width, height: crop.height, dpi: crop.dpi, grayBytes: crop.gray.length, inkPixels: ink, graySha256: hash };
}

function tableSummary(table: PageTable) {
  if (table.source === 'crop') return { source: table.source, grid: gridSummary(table.grid), crop: cropSummary(table.crop) };
  return { source: table.source, grid: gridSummary(table.grid), words: table.words.map(wordSummary) };
}

/** The page result by content: everything but the timings and the language files' paths. */
function summarize(result: PageTaskResult) {
  if (result.status === 'failed') return result;
  return {
    status: result.status,
    pageNumber: result.pageNumber,
    dpi: result.dpi,
    empty: result.empty,
    languages: result.languages.map((language) => language.code),
    paddle: result.paddle,
    warnings: result.warnings,
    notes: result.notes,
    layout: {
      width: result.layout.width,
      height: result.layout.height,
      textBands: result.layout.textBands.map((band) => ({ top: round(band.top), bottom: round(band.bottom), ...(band.text !== undefined ? { text: band.text } : {}) })),
    },
    tables: result.tables.map(tableSummary),
  };
}

/** Pretty JSON with flat arrays and objects (a box, a word, a cell) on one line, so a diff reads well. */
function toJson(value: unknown, indent = ''): string {
  const isLeaf = (x: unknown) => x === null || typeof x !== 'object';
  const isFlat = (x: unknown) => isLeaf(x) || (Array.isArray(x) && x.every(isLeaf));
  if (Array.isArray(value)) {
    if (value.every(isLeaf)) return `[${value.map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map((x) => inner + toJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (entries.every(([, x]) => isFlat(x))) return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${toJson(x)}`).join(', ')} }`;
    const inner = indent + '  ';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${toJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Compares the page's summary with its golden file (or writes the file, with UPDATE_GOLDEN=1). */
async function assertGolden(name: string, result: PageTaskResult): Promise<void> {
  const summary = summarize(result);
  const file = path.join(goldenDir, `${name}.json`);
  if (updating) {
    await mkdir(goldenDir, { recursive: true });
    await writeFile(file, toJson(summary) + '\n');
    return;
  }
  assert.ok(existsSync(file), `no golden file ${path.relative(projectRoot, file)}: run with UPDATE_GOLDEN=1 to write it`);
  // Through JSON, as the golden was written: undefined fields drop out alike.
  assert.deepEqual(JSON.parse(JSON.stringify(summary)), JSON.parse(await readFile(file, 'utf8')), `page task result differs from ${path.relative(projectRoot, file)} (UPDATE_GOLDEN=1 rewrites it)`);
}

// ---- Running one page task as the pipeline makes it ----

describe('page task goldens (TaskHandlers.runPageTask, in-process)', () => {
  let dir: string;
  const handlers = new TaskHandlers();
  const retries: string[] = [];
  // The in-process executor's page half: the pipeline's task straight into the thread's handlers.
  const executor: TaskExecutor = {
    threadCount: 1,
    runPage: (task) => handlers.runPageTask(task),
    runOcr: () => Promise.reject(new Error('a page task makes no OCR task')),
    close: async () => undefined,
  };

  /** The page task for page `pageNumber` of `input`, made as a run makes it (`--lang eng --engine tesseract`, plus `extra`). */
  async function runPage(input: string, pageNumber: number, extra: { ocr?: string; area?: string; columns?: string } = {}): Promise<PageTaskResult> {
    const options: Options = resolveOptions({ input, output: path.join(dir, 'out.xlsx'), workers: 1, lang: 'eng', engine: 'tesseract', ...extra });
    const engine = chooseEngine(options);
    const languages = { languages: engine.languages, autoCjkLanguages: engine.autoCjkLanguages, warnIfNotLatin: engine.warnIfNotLatin, paddle: engine.paddle };
    return readPageThroughPool(executor, pageNumber, languages, options, (message) => retries.push(message));
  }

  async function writePdf(name: string, bytes: Uint8Array): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  }

  const sampleText = path.join(projectRoot, 'fixtures/sample-text.pdf');
  const sampleScan = path.join(projectRoot, 'fixtures/sample-scanned.pdf');
  // Born-digital, a borderless key–value table (and a heading): found in the words' layout.
  let keyValueText: string;
  // That page scanned at 150 DPI (the e2e layouts test's scan): word layout from the page OCR pass.
  let keyValueScan: string;
  // A blank page scanned with a little noise.
  let blankScan: string;
  // A scan with a matching invisible text layer (an OCR'd scan): the layer is checked against the
  // image, and the rulings are only in the image.
  let scanWithText: string;
  // Born-digital, /Rotate 90: the text runs sideways until the view is turned.
  let rotatedText: string;
  // Born-digital, A0: too large to render at 300 DPI.
  let hugeText: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-page-task-'));
    const keyValuePdf = await makeTextPdf([KEY_VALUE_PAGE]);
    keyValueText = await writePdf('key-value.pdf', keyValuePdf);
    keyValueScan = await writePdf('key-value-scan.pdf', await makeScannedPdf(keyValuePdf, { dpi: 150, noise: 3, skewDegrees: 0.2, seed: 3 }));
    const blank: PageSpec = { tables: [] };
    blankScan = await writePdf('blank-scan.pdf', await makeScannedPdf(await makeTextPdf([blank]), { dpi: 150, noise: 3, seed: 5, format: 'flate' }));
    scanWithText = await writePdf('scan-with-text.pdf', await makeScannedPdfWithTextLayer([TWO_TABLES_PAGE], 'matching'));
    rotatedText = await writePdf('rotated.pdf', await makeTextPdf([{ ...MERGED_PAGE, rotate: 90 }]));
    hugeText = await writePdf('huge.pdf', await makeTextPdf([{ widthPt: 2384, heightPt: 3370, tables: [{ table: INVOICE_TABLE, xPt: 200, yPt: 300 }] }]));
  });

  after(async () => {
    await handlers.close();
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(retries, [], 'no page task was retried');
  });

  it('born-digital, ruled tables drawn as vectors: text-layer tables from vector rulings (sample-text.pdf page 1)', async () => {
    const result = await runPage(sampleText, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['text-layer', 'text-layer']);
    await assertGolden('text-vector-rulings', result);
  });

  it('born-digital, merged header cells drawn as vectors: the cell spans (sample-text.pdf page 2)', async () => {
    const result = await runPage(sampleText, 2);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['text-layer']);
    assert.ok(result.tables[0].grid.cells.some((cell) => cell.rowSpan > 1 || cell.colSpan > 1), 'a merged cell');
    await assertGolden('text-vector-merged', result);
  });

  it('born-digital, a borderless table: a text-layer table from word layout', async () => {
    const result = await runPage(keyValueText, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => [table.source, table.grid.rowEdges.length - 1, table.grid.columnEdges.length - 1]), [['text-layer', KEY_VALUE_TABLE.rows.length, 2]]);
    await assertGolden('text-word-layout', result);
  });

  it('born-digital, --area with --columns: the area read as one table of the given columns', async () => {
    // The key–value table is at about 61–295 pt across, 93–238 pt down; its columns meet at ~156 pt.
    const result = await runPage(keyValueText, 1, { area: '85,50,245,320', columns: '150' });
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => [table.source, table.grid.columnEdges.length - 1]), [['text-layer', 2]]);
    await assertGolden('text-area-columns', result);
  });

  it('born-digital, /Rotate 90: the view turned so the text reads left to right', async () => {
    const result = await runPage(rotatedText, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['text-layer']);
    await assertGolden('text-rotated', result);
  });

  it('born-digital, an A0 page: rendered below 300 DPI, with a warning', async () => {
    const result = await runPage(hugeText, 1);
    assert.equal(result.status, 'ok');
    assert.ok(result.dpi < 300);
    assert.equal(result.warnings.length, 1);
    await assertGolden('text-oversized-page', result);
  });

  it('a scan with a matching OCR text layer: the layer checked against the image, grids from raster rulings', async () => {
    const result = await runPage(scanWithText, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['text-layer', 'text-layer']);
    await assertGolden('text-over-scan-raster-rulings', result);
  });

  it('scanned, ruled tables: crops to OCR later, no words (sample-scanned.pdf page 1)', async () => {
    const result = await runPage(sampleScan, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['crop', 'crop']);
    await assertGolden('scan-ruled-crops', result);
  });

  it('scanned, a borderless table: ocr-words from the page OCR pass', async () => {
    const result = await runPage(keyValueScan, 1);
    assert.equal(result.status, 'ok');
    assert.deepEqual(result.tables.map((table) => table.source), ['ocr-words']);
    await assertGolden('scan-word-layout', result);
  });

  it('scanned, a blank page: empty, no tables', async () => {
    const result = await runPage(blankScan, 1);
    assert.equal(result.status, 'ok');
    assert.equal(result.empty, true);
    assert.deepEqual(result.tables, []);
    await assertGolden('scan-blank', result);
  });

  it('scanned, --ocr never: the page fails, fatally for the run', async () => {
    const result = await runPage(sampleScan, 1, { ocr: 'never' });
    assert.equal(result.status, 'failed');
    assert.equal(result.fatal, true);
    await assertGolden('scan-ocr-never', result);
  });
});
