// One page of a run: its task through the pool, then each table it found assembled: read from
// the text layer or the page pass, or its crop OCR'd through the pool (doubtful figures read again).
import { buildTable } from '../assemble/build-table.js';
import { needsChecking } from '../assemble/find-doubtful-cells.js';
import { splitSpansByWords } from '../grid/split-spans-by-words.js';
import { timed } from '../measure.js';
import { addModelTimes } from '../ocr/ocr-engine.js';
import { SETTINGS, type Options } from '../options.js';
import { prepareWriter } from '../output/write-output.js';
import type { Slots } from '../pool/slots.js';
import type { ProgressReporter } from '../report/progress.js';
import type { ExtractedTable, StageTimings, Word } from '../types.js';
import type { EngineChoice } from './choose-engine.js';
import { ocrTable, type OcrTableJob } from './ocr-table.js';
import { addPageTimings, readPageThroughPool } from './page-through-pool.js';
import { rereadDoubtfulCells } from './reread-doubtful-cells.js';
import type { RunRecord } from './run-record.js';
import type { TaskExecutor } from './task-executor.js';
import { pageOcrMs, type PageTable, type PageTaskResult } from './tasks.js';

/** A table with at least this share of its filled cells uncertain is warned about as a whole. */
const MOSTLY_UNCERTAIN_RATIO = 0.5;

/** What the pages of one run share. */
export interface DocumentRun {
  options: Options;
  executor: TaskExecutor;
  /** Pages in flight, at most. */
  pageSlots: Slots;
  engine: EngineChoice;
  record: RunRecord;
  progress: ProgressReporter;
  timings: StageTimings;
  /** Names the OCR engine in --verbose, once, at the first page that needs OCR. */
  nameEngineOnce: () => void;
}

type PageRead = Extract<PageTaskResult, { status: 'ok' }>;

/** The page's tables, assembled; none for a page skipped or after a page that ends the run. */
export async function tablesOfPage(run: DocumentRun, pageNumber: number): Promise<ExtractedTable[]> {
  await run.pageSlots.acquire();
  try {
    if (run.record.endsBefore(pageNumber)) return [];
    const { languages, autoCjkLanguages, warnIfNotLatin, paddle } = run.engine;
    const page = await readPageThroughPool(run.executor, pageNumber, { languages, autoCjkLanguages, warnIfNotLatin, paddle }, run.options, run.record.log);
    if (page.status === 'failed') {
      if (page.fatal) run.record.endRunAt(pageNumber, page.error);
      else skipPage(run, pageNumber, page.error);
      return [];
    }
    notePage(run, page);
    return await Promise.all(page.tables.map((table, index) => tableOf(run, page, index, table)));
  } finally {
    run.pageSlots.release();
  }
}

function skipPage(run: DocumentRun, pageNumber: number, error: string): void {
  run.record.fail(`page ${pageNumber} was skipped: ${error}`);
  run.progress.pageDone(0);
}

function notePage(run: DocumentRun, page: PageRead): void {
  if (pageOcrMs(page.timings) > 0 || page.tables.some((table) => table.source !== 'text-layer')) run.nameEngineOnce();
  page.warnings.forEach((warning) => run.record.warn(warning));
  page.notes.forEach(run.record.log);
  run.record.notePage({ pageNumber: page.pageNumber, dpi: page.dpi, layout: page.layout }, page.empty);
  // The first page is back, so the threads are busy: load the writer meanwhile.
  prepareWriter(run.options.format);
  addPageTimings(run.timings, page.timings);
  run.progress.pageDone(page.tables.length);
}

/** A table the page task found, assembled: its words already read (text layer, page pass), or its crop OCR'd. */
async function tableOf(run: DocumentRun, page: PageRead, tableIndex: number, pageTable: PageTable): Promise<ExtractedTable> {
  if (pageTable.source === 'crop') return tableFromCrop(run, page, tableIndex, pageTable);
  run.progress.tableDone();
  const source = pageTable.source === 'text-layer' ? 'text-layer' : 'ocr';
  const origin = { pageNumber: page.pageNumber, tableIndex, dpi: page.dpi, source, lowConfidence: SETTINGS.lowConfidence } as const;
  const table = timed(run.timings, 'assembleMs', () => buildTable(splitSpansByWords(pageTable.grid, pageTable.words), pageTable.words, origin));
  return source === 'ocr' ? warnIfMostlyUncertain(run, table) : table;
}

/** A ruled table of a scan: its crop OCR'd through the pool, its doubtful figures read again. */
async function tableFromCrop(run: DocumentRun, page: PageRead, tableIndex: number, pageTable: Extract<PageTable, { source: 'crop' }>): Promise<ExtractedTable> {
  const origin = { pageNumber: page.pageNumber, tableIndex, dpi: page.dpi, lowConfidence: SETTINGS.lowConfidence, source: 'ocr' as const };
  const assemble = (build: () => ExtractedTable) => timed(run.timings, 'assembleMs', build);
  const job: OcrTableJob = { pageNumber: page.pageNumber, tableIndex, grid: pageTable.grid, crop: pageTable.crop, languages: page.languages, paddle: page.paddle };
  const outcome = await ocrTable(run.executor, job, run.options, run.record.log);
  run.progress.tableDone();
  if (!outcome.ok) {
    const message = `page ${page.pageNumber}, table ${tableIndex + 1}: OCR failed twice (${outcome.reason}); the table is written with its grid and empty cells`;
    run.record.fail(message);
    return assemble(() => buildTable(pageTable.grid, [], origin, [message]));
  }
  run.timings.ocrMs += outcome.value.ocrMs;
  run.timings.ocrCellsMs += outcome.value.ocrMs;
  addModelTimes(run.timings.ocrModels, outcome.value.models);
  const { words, crop: pixels } = outcome.value;
  // Row rules a scan lost in some columns: a "merged" cell whose lines sit one per row is split.
  const cellGrid = splitSpansByWords(pageTable.grid, words);
  const build = (cellWords: Word[]) => assemble(() => buildTable(cellGrid, cellWords, origin));
  const readAgain = async (cellIndexes: number[]) => {
    if (!pixels) return null;
    const again = await ocrTable(run.executor, { ...job, grid: cellGrid, crop: pixels, only: { cellIndexes, upscale: SETTINGS.rereadUpscale } }, run.options, run.record.log);
    if (!again.ok) return null;
    run.timings.ocrMs += again.value.ocrMs;
    run.timings.ocrRereadMs += again.value.ocrMs;
    addModelTimes(run.timings.ocrModels, again.value.models);
    return again.value.words;
  };
  return warnIfMostlyUncertain(run, await rereadDoubtfulCells(build(words), cellGrid, words, readAgain, build));
}

// A table whose cells are mostly uncertain needs the reader's eyes as a whole, not cell by cell.
function warnIfMostlyUncertain(run: DocumentRun, table: ExtractedTable): ExtractedTable {
  const filled = table.cells.filter((cell) => cell.text !== '');
  const uncertain = filled.filter((cell) => needsChecking(cell, SETTINGS.lowConfidence)).length;
  if (filled.length > 0 && uncertain >= MOSTLY_UNCERTAIN_RATIO * filled.length) {
    const message = `page ${table.pageNumber}, table ${table.tableIndex + 1}: ${uncertain} of its ${filled.length} cells are uncertain (low OCR confidence or doubtful numbers); check it against the PDF`;
    table.warnings.push(message);
    run.record.warn(message);
  }
  return table;
}
