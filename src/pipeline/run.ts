// The pipeline, on one screen: check the outputs → open → each page through the pool (text layer
// and vector rulings, or render → detect → crop) → each crop's OCR through the pool → assemble →
// gather by index → join across pages → type → write → report. Text-layer tables skip the OCR
// round trip; both kinds are assembled alike.
import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { buildTable } from '../assemble/build-table.js';
import { needsChecking } from '../assemble/find-doubtful-cells.js';
import { joinContinuedTables } from '../assemble/join-tables.js';
import { typeTable } from '../assemble/table-values.js';
import { InputError, NoTablesError, OutputError, errorText } from '../errors.js';
import { splitSpansByWords } from '../grid/split-spans-by-words.js';
import type { LanguageSource } from '../ocr/language-data.js';
import type { PaddleModelFiles } from '../ocr/paddle/model-files.js';
import { SETTINGS, type Options } from '../options.js';
import { checkOutputFile, checkOutputPath } from '../output/check-output-path.js';
import { prepareWriter, writeOutput, type TextSink } from '../output/write-output.js';
import { selectPages } from '../page-spec.js';
import { openPdfFile } from '../pdf/open-pdf.js';
import { Slots } from '../pool/slots.js';
import type { ProgressReporter } from '../report/progress.js';
import { writeFailureReport, writeRunReport } from '../report/run-report.js';
import type { ExtractedTable, ExtractionResult, PageGeometry, RunResult, StageTimings, Word } from '../types.js';
import { chooseEngine } from './choose-engine.js';
import { startLoadMeter } from './load-meter.js';
import { ocrTable } from './ocr-table.js';
import { rereadDoubtfulCells } from './reread-doubtful-cells.js';
import { addPageTimings, readPageThroughPool } from './page-through-pool.js';
import { createTaskExecutor, type TaskExecutor } from './task-executor.js';
import type { PageTable } from './tasks.js';

/** A table with at least this share of its filled cells uncertain is warned about as a whole. */
const MOSTLY_UNCERTAIN_RATIO = 0.5;

export interface RunDependencies {
  progress?: ProgressReporter;
  /** Receives --verbose notes: per page, text layer or OCR and where the table grids came from. */
  log?: (message: string) => void;
  /** Defaults to a pool of options.workers threads (in-process for 1). */
  createExecutor?: (threadCount: number) => TaskExecutor;
  /**
   * A pool shared by several runs (a batch: one pool for all files, so cores stay busy across
   * file boundaries), with its limit on pages in flight. The run neither creates nor closes it.
   */
  shared?: { executor: TaskExecutor; pageSlots: Slots };
  /** Where `-o -` output goes (CSV, JSON); defaults to process.stdout. */
  stdout?: TextSink;
}

const processStdout: TextSink = (text) =>
  new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));

async function prepareDebugDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new OutputError(`option --debug-dir: cannot create '${dir}': ${errorText(error)}`);
  }
}

/** Two pages a thread in flight: one being worked on, one queued, so no thread waits for the main thread. */
export const pageSlotsFor = (executor: TaskExecutor): Slots => new Slots(2 * executor.threadCount);

const silentProgress: ProgressReporter = { start() {}, pageDone() {}, tableDone() {}, warn() {}, stop() {} };

/** Checks the output paths, extracts the tables, writes them (and the report). */
export async function runPipeline(options: Options, dependencies: RunDependencies = {}): Promise<RunResult> {
  if (options.reportPath) await checkOutputFile(options.reportPath, options.input, 'the report');
  try {
    return await convert(options, dependencies);
  } catch (error) {
    // A CI job reads why the run failed from its report.
    if (options.reportPath) await writeFailureReport(error, options, options.reportPath);
    throw error;
  }
}

async function convert(options: Options, dependencies: RunDependencies): Promise<RunResult> {
  const meterLoad = startLoadMeter();
  // Everything that can fail fast does, before any page is rendered.
  await checkOutputPath(options.output, options.input, options.format);
  const extraction = await extractTablesFromPdf(options, dependencies);
  const { tables, timings } = extraction;
  if (tables.length === 0 && options.failOnEmpty) throw new NoTablesError('no table was found in the selected pages (--fail-on-empty)');
  const writeStart = performance.now();
  const written = await writeOutput(tables, options, dependencies.stdout ?? processStdout);
  for (const message of written.warnings) {
    extraction.warnings.push(message);
    dependencies.progress?.warn(message);
  }
  timings.writeMs = performance.now() - writeStart;
  timings.totalMs += timings.writeMs;
  // The load with the writing included.
  const result: RunResult = { ...extraction, load: { ...extraction.load, ...meterLoad() }, outputFiles: written.files };
  if (options.reportPath) await writeRunReport(result, options, options.reportPath);
  return result;
}

/** Reads the PDF's tables: open → per page, in the pool → OCR → assemble → gather → join. */
export async function extractTablesFromPdf(options: Options, dependencies: RunDependencies = {}): Promise<ExtractionResult> {
  const progress = dependencies.progress ?? silentProgress;
  const log = dependencies.log ?? (() => undefined);
  const warnings: string[] = [];
  const failures: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    progress.warn(message);
  };
  const fail = (message: string) => {
    failures.push(message);
    warn(message);
  };
  const startedAt = performance.now();
  const timings: StageTimings = { openMs: 0, renderMs: 0, textMs: 0, detectMs: 0, ocrMs: 0, ocrProbeMs: 0, ocrPageMs: 0, ocrRereadMs: 0, ocrCellsMs: 0, assembleMs: 0, writeMs: 0, totalMs: 0 };
  const meterLoad = startLoadMeter();
  const assemble = (build: () => ExtractedTable): ExtractedTable => {
    const start = performance.now();
    const table = build();
    timings.assembleMs += performance.now() - start;
    return table;
  };

  if (options.debugDir) await prepareDebugDir(options.debugDir);
  const engine = chooseEngine(options);
  // Said once, at the first page that needs OCR: a born-digital run has nothing to say of engines.
  let engineNamed = false;
  const nameEngineOnce = () => {
    if (engineNamed) return;
    engineNamed = true;
    log(`OCR engine: ${engine.paddle ? 'PP-OCR (PP-OCRv4 on onnxruntime-node), Chinese and English' : `tesseract.js, ${options.autoLanguage ? 'auto' : engine.languages.map((language) => language.code).join('+')}`}`);
    if (engine.fallbackWarning) warn(engine.fallbackWarning);
  };
  const document = await openPdfFile(options.input, options.password);
  const pageCount = document.numPages;
  await document.destroy();
  const pageNumbers = selectPages(options.pages, pageCount, options.ignorePagesBeyondEnd);
  timings.openMs = performance.now() - startedAt;

  const executor = dependencies.shared?.executor ?? (dependencies.createExecutor ?? createTaskExecutor)(options.workers);
  const pageSlots = dependencies.shared?.pageSlots ?? pageSlotsFor(executor);
  progress.start(pageNumbers.length);

  // A table whose cells are mostly uncertain needs the reader's eyes as a whole, not cell by cell.
  const warnIfMostlyUncertain = (table: ExtractedTable): ExtractedTable => {
    const filled = table.cells.filter((cell) => cell.text !== '');
    const uncertain = filled.filter((cell) => needsChecking(cell, SETTINGS.lowConfidence)).length;
    if (filled.length > 0 && uncertain >= MOSTLY_UNCERTAIN_RATIO * filled.length) {
      const message = `page ${table.pageNumber}, table ${table.tableIndex + 1}: ${uncertain} of its ${filled.length} cells are uncertain (low OCR confidence or doubtful numbers); check it against the PDF`;
      table.warnings.push(message);
      warn(message);
    }
    return table;
  };

  const readTable = async (pageNumber: number, tableIndex: number, pageTable: PageTable, dpi: number, pageLanguages: LanguageSource[], paddle: PaddleModelFiles | null): Promise<ExtractedTable> => {
    if (pageTable.source !== 'crop') {
      progress.tableDone();
      const source = pageTable.source === 'text-layer' ? 'text-layer' : 'ocr';
      const table = assemble(() => buildTable(splitSpansByWords(pageTable.grid, pageTable.words), pageTable.words, { pageNumber, tableIndex, dpi, source, lowConfidence: SETTINGS.lowConfidence }));
      return source === 'ocr' ? warnIfMostlyUncertain(table) : table;
    }
    const { grid, crop } = pageTable;
    const origin = { pageNumber, tableIndex, dpi, source: 'ocr' as const, lowConfidence: SETTINGS.lowConfidence };
    const outcome = await ocrTable(executor, { pageNumber, tableIndex, grid, crop, languages: pageLanguages, paddle }, options, log);
    progress.tableDone();
    if (outcome.ok) {
      timings.ocrMs += outcome.value.ocrMs;
      timings.ocrCellsMs += outcome.value.ocrMs;
      const { words, crop: pixels } = outcome.value;
      // Row rules a scan lost in some columns: a "merged" cell whose lines sit one per row is split.
      const cellGrid = splitSpansByWords(grid, words);
      const build = (cellWords: Word[]) => assemble(() => buildTable(cellGrid, cellWords, origin));
      const readAgain = async (cellIndexes: number[]) => {
        if (!pixels) return null;
        const again = await ocrTable(executor, { pageNumber, tableIndex, grid: cellGrid, crop: pixels, languages: pageLanguages, paddle, only: { cellIndexes, upscale: SETTINGS.rereadUpscale } }, options, log);
        if (!again.ok) return null;
        timings.ocrMs += again.value.ocrMs;
        timings.ocrRereadMs += again.value.ocrMs;
        return again.value.words;
      };
      return warnIfMostlyUncertain(await rereadDoubtfulCells(build(words), cellGrid, words, readAgain, build));
    }
    const message = `page ${pageNumber}, table ${tableIndex + 1}: OCR failed twice (${outcome.reason}); the table is written with its grid and empty cells`;
    fail(message);
    return assemble(() => buildTable(grid, [], origin, [message]));
  };

  // A page that ends the run (--ocr never); the lowest such page is the one reported, whichever
  // thread got there first, and pages after it are not started.
  const fatal: { page: { pageNumber: number; error: string } | null } = { page: null };
  const pageGeometry = new Map<number, PageGeometry>();
  const emptyPages = new Set<number>();

  const readPage = async (pageNumber: number): Promise<ExtractedTable[]> => {
    await pageSlots.acquire();
    try {
      if (fatal.page && fatal.page.pageNumber < pageNumber) return [];
      const page = await readPageThroughPool(executor, pageNumber, { languages: engine.languages, autoCjkLanguages: engine.autoCjkLanguages, warnIfNotLatin: engine.warnIfNotLatin, paddle: engine.paddle }, options, log);
      if (page.status === 'failed') {
        if (page.fatal) {
          if (!fatal.page || pageNumber < fatal.page.pageNumber) fatal.page = { pageNumber, error: page.error };
          return [];
        }
        fail(`page ${pageNumber} was skipped: ${page.error}`);
        progress.pageDone(0);
        return [];
      }
      if (page.ocrMs > 0 || page.tables.some((table) => table.source !== 'text-layer')) nameEngineOnce();
      page.warnings.forEach(warn);
      page.notes.forEach(log);
      pageGeometry.set(pageNumber, { pageNumber, dpi: page.dpi, layout: page.layout });
      if (page.empty) emptyPages.add(pageNumber);
      // The first page is back, so the threads are busy: load the writer meanwhile.
      prepareWriter(options.format);
      addPageTimings(timings, page);
      progress.pageDone(page.tables.length);
      return await Promise.all(page.tables.map((table, index) => readTable(pageNumber, index, table, page.dpi, page.languages, page.paddle)));
    } finally {
      pageSlots.release();
    }
  };

  let tablesByPage: ExtractedTable[][];
  const poolStart = performance.now();
  const eventLoopAtPoolStart = performance.eventLoopUtilization();
  try {
    // Gathered by index: the order is the page order, whichever thread finishes first.
    tablesByPage = await Promise.all(pageNumbers.map(readPage));
    if (fatal.page) throw new InputError(fatal.page.error, 'use --ocr auto to OCR such pages');
  } finally {
    progress.stop();
    if (!dependencies.shared) await executor.close();
  }
  const taskMs = timings.renderMs + timings.textMs + timings.detectMs + timings.ocrMs;
  const poolBusyRatio = taskMs / Math.max(1, (performance.now() - poolStart) * executor.threadCount);
  const mainDuringPool = performance.eventLoopUtilization(eventLoopAtPoolStart);
  const pages = pageNumbers.flatMap((pageNumber) => pageGeometry.get(pageNumber) ?? []);
  const perPageTables = tablesByPage.flat();
  const tables = options.join ? joinContinuedTables(perPageTables, pages) : perPageTables;
  for (const table of tables) {
    if (table.continuations.length > 0) log(`page ${table.pageNumber}, table ${table.tableIndex + 1}: continued on page ${table.continuations.map((part) => part.pageNumber).join(', ')}; joined`);
  }
  const emptyCount = pageNumbers.filter((pageNumber) => emptyPages.has(pageNumber)).length;
  if (tables.length === 0 && !options.failOnEmpty) warn(`no table was found in the selected pages${emptyCount > 0 ? ` (${emptyCount} of the ${pageNumbers.length} are empty)` : ''}`);
  timings.totalMs = performance.now() - startedAt;
  const load = { ...meterLoad(), mainThreadBusyDuringPoolMs: mainDuringPool.active, poolBusyRatio };
  // Typed once, after the join (a joined table's columns are typed as a whole); writers only write.
  const typed = tables.map((table) => typeTable(table, { typing: options.typing, decimal: options.decimal, lowConfidence: SETTINGS.lowConfidence }));
  return { tables: typed, failures, pageNumbers, pages, emptyPages: pageNumbers.filter((pageNumber) => emptyPages.has(pageNumber)), warnings, timings, load };
}
