// The pipeline, on one screen: check output → open → per page, in the pool (text layer and
// vector rulings, or render → detect → crop) → OCR each crop (in the pool) → assemble → gather
// by index → write. Text-layer tables skip the OCR round trip; both kinds are assembled alike.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTable, wordsToPage } from './assemble/build-table.js';
import { needsChecking } from './assemble/find-doubtful-cells.js';
import { joinContinuedTables, type PageGeometry } from './assemble/join-tables.js';
import { EXIT_CODES, InputError, NoTablesError, OcrError, OutputError, errorText, type ExitCode } from './errors.js';
import { findLanguageData, resolveLanguageData, type LanguageSource } from './ocr/language-data.js';
import { AUTO_CJK_LANGUAGES, DEFAULTS, type Options } from './options.js';
import { selectPages } from './page-spec.js';
import { openPdfFile } from './pdf/open-pdf.js';
import { createExecutor, type TaskExecutor } from './pool/executor.js';
import { Slots } from './pool/slots.js';
import type { PageTable, PageTask, PageTaskResult } from './pool/tasks.js';

// A task that crashed its worker thread or ran past --timeout is tried once more.
const TASK_ATTEMPTS = 2;
/** A table with at least this share of its filled cells uncertain is warned about as a whole. */
const MOSTLY_UNCERTAIN_RATIO = 0.5;
import type { ProgressReporter } from './report/progress.js';
import { writeRunReport } from './report/run-report.js';
import type { ExtractedTable } from './types.js';
import { checkOutputFile, checkOutputPath } from './output/check-output-path.js';
import { prepareWriter, writeOutput, type TextSink } from './output/write-output.js';

export interface StageTimings {
  openMs: number;
  /** Summed over pages / tables: thread time, not wall time. */
  renderMs: number;
  /** Reading text layers and vector graphics. */
  textMs: number;
  detectMs: number;
  /** All OCR; its parts below: the `--lang auto` probe, whole-page passes, re-reads, table cells. */
  ocrMs: number;
  ocrProbeMs: number;
  ocrPageMs: number;
  /** Unsure words of word-layout tables read again. */
  ocrRereadMs: number;
  ocrCellsMs: number;
  /** Words into cells, on the main thread. */
  assembleMs: number;
  writeMs: number;
  totalMs: number;
}

/** How busy the run kept the machine. */
export interface RunLoad {
  /** User + system CPU time of the whole process (all threads). */
  cpuMs: number;
  /** Share of the run the main thread's event loop was busy (scheduling, gathering, assembling, writing). */
  mainThreadBusyRatio: number;
  /**
   * Of the main thread's busy time, the part while the pool was working (scheduling, gathering,
   * assembling): it overlaps the workers. The rest (open, join, write) is serial with them.
   */
  mainThreadBusyMs: number;
  mainThreadBusyDuringPoolMs: number;
  /**
   * Thread time of the tasks (render, text, detect, OCR) over the pool's wall time × threads: how
   * busy the workers were.
   */
  poolBusyRatio: number;
}

export interface RunResult {
  tables: ExtractedTable[];
  /**
   * Pages and tables that could not be read (a page skipped, a table left empty), each also a
   * warning: the run finished, but its output lacks them (EXIT_CODES.partial).
   */
  failures: string[];
  /** Files written (none when the output went to standard output). */
  outputFiles: string[];
  pageNumbers: number[];
  /** The pages read (skipped pages are missing), in page order. */
  pages: PageGeometry[];
  warnings: string[];
  timings: StageTimings;
  load: RunLoad;
}

/** What extraction gives, before anything is written. */
export type ExtractionResult = Omit<RunResult, 'outputFiles'>;

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

const silentProgress: ProgressReporter = { start() {}, pageDone() {}, tableDone() {}, warn() {}, stop() {} };

/** The exit code of a run that finished: success, or partial when some pages or tables could not be read. */
export function exitCodeOf(result: Pick<RunResult, 'failures'>): ExitCode {
  return result.failures.length > 0 ? EXIT_CODES.partial : EXIT_CODES.success;
}

/** Checks the output paths, extracts the tables, writes them (and the report). */
export async function runPipeline(options: Options, dependencies: RunDependencies = {}): Promise<RunResult> {
  const cpuAtStart = process.cpuUsage();
  const eventLoopAtStart = performance.eventLoopUtilization();
  // Everything that can fail fast does, before any page is rendered.
  await checkOutputPath(options.output, options.input, options.format);
  if (options.reportPath) await checkOutputFile(options.reportPath, options.input, 'the report');
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
  const cpu = process.cpuUsage(cpuAtStart);
  const mainThread = performance.eventLoopUtilization(eventLoopAtStart);
  const load: RunLoad = { ...extraction.load, cpuMs: (cpu.user + cpu.system) / 1000, mainThreadBusyRatio: mainThread.utilization, mainThreadBusyMs: mainThread.active };
  const result: RunResult = { ...extraction, load, outputFiles: written.files };
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
  const cpuAtStart = process.cpuUsage();
  const eventLoopAtStart = performance.eventLoopUtilization();
  const assemble = (build: () => ExtractedTable): ExtractedTable => {
    const start = performance.now();
    const table = build();
    timings.assembleMs += performance.now() - start;
    return table;
  };

  if (options.debugDir) await prepareDebugDir(options.debugDir);
  const languages = resolveLanguageData(options.languages, options.tessdataDir);
  // --lang auto: CJK pages need chi_sim data; without it every page is read in the base languages.
  const autoCjkLanguages = options.autoLanguage ? findLanguageData(AUTO_CJK_LANGUAGES, options.tessdataDir) : null;
  const document = await openPdfFile(options.input, options.password);
  const pageCount = document.numPages;
  await document.destroy();
  const pageNumbers = selectPages(options.pages, pageCount);
  timings.openMs = performance.now() - startedAt;

  const executor = dependencies.shared?.executor ?? (dependencies.createExecutor ?? createExecutor)(options.workers);
  // Two pages a thread: one being worked on, one queued, so no thread waits for the main thread.
  const pageSlots = dependencies.shared?.pageSlots ?? new Slots(2 * executor.threadCount);
  progress.start(pageNumbers.length);

  // A table whose cells are mostly uncertain needs the reader's eyes as a whole, not cell by cell.
  const warnIfMostlyUncertain = (table: ExtractedTable): ExtractedTable => {
    const filled = table.cells.filter((cell) => cell.text !== '');
    const uncertain = filled.filter((cell) => needsChecking(cell, DEFAULTS.lowConfidence)).length;
    if (filled.length > 0 && uncertain >= MOSTLY_UNCERTAIN_RATIO * filled.length) {
      const message = `page ${table.pageNumber}, table ${table.tableIndex + 1}: ${uncertain} of its ${filled.length} cells are uncertain (low OCR confidence or doubtful numbers); check it against the PDF`;
      table.warnings.push(message);
      warn(message);
    }
    return table;
  };

  const readTable = async (pageNumber: number, tableIndex: number, pageTable: PageTable, dpi: number, pageLanguages: LanguageSource[]): Promise<ExtractedTable> => {
    if (pageTable.source !== 'ocr') {
      progress.tableDone();
      const source = pageTable.source === 'text-layer' ? 'text-layer' : 'ocr';
      const table = assemble(() => buildTable(pageTable.grid, pageTable.words, { pageNumber, tableIndex, dpi, source, lowConfidence: DEFAULTS.lowConfidence }));
      return source === 'ocr' ? warnIfMostlyUncertain(table) : table;
    }
    const { grid, crop } = pageTable;
    const origin = { pageNumber, tableIndex, dpi, source: 'ocr' as const, lowConfidence: DEFAULTS.lowConfidence };
    const cellBoxes = grid.cells.map(({ box }) => ({
      left: box.left - crop.offsetLeft,
      top: box.top - crop.offsetTop,
      right: box.right - crop.offsetLeft,
      bottom: box.bottom - crop.offsetTop,
    }));
    // The crop's pixels are transferred to the worker; the retry needs its own copy.
    const retryPixels = crop.gray.slice();
    let failure = '';
    for (let attempt = 1; attempt <= TASK_ATTEMPTS; attempt++) {
      const result = await executor
        .runOcr(
          {
            kind: 'ocr',
            pageNumber,
            tableIndex,
            attempt,
            crop: attempt === 1 ? crop : { ...crop, gray: retryPixels },
            cellBoxes,
            layout: DEFAULTS.ocrLayout,
            languages: pageLanguages,
            pageSegmentationMode: DEFAULTS.pageSegmentationMode,
            startTimeoutMs: options.ocrStartTimeoutMs,
            debugFile: options.debugDir ? path.join(options.debugDir, `page-${pageNumber}-table-${tableIndex + 1}-ocr.png`) : null,
          },
          options.taskTimeoutMs,
        )
        // A rejection: the worker thread died, or the task ran past --timeout and was stopped.
        .catch((error: unknown) => ({ kind: 'ocr' as const, status: 'failed' as const, error: errorText(error), engineFailed: false }));
      if (result.status === 'ok') {
        progress.tableDone();
        timings.ocrMs += result.ocrMs;
        timings.ocrCellsMs += result.ocrMs;
        return assemble(() => warnIfMostlyUncertain(buildTable(grid, wordsToPage(result.words, crop.offsetLeft, crop.offsetTop), origin)));
      }
      if (result.engineFailed) throw new OcrError(result.error);
      failure = result.error;
      if (attempt < TASK_ATTEMPTS) log(`page ${pageNumber}, table ${tableIndex + 1}: OCR failed (${failure}); trying once more`);
    }
    progress.tableDone();
    const message = `page ${pageNumber}, table ${tableIndex + 1}: OCR failed twice (${failure}); the table is written with its grid and empty cells`;
    fail(message);
    return assemble(() => buildTable(grid, [], origin, [message]));
  };

  // A page that ends the run (--ocr never); the lowest such page is the one reported, whichever
  // thread got there first, and pages after it are not started.
  const fatal: { page: { pageNumber: number; error: string } | null } = { page: null };
  const pageGeometry = new Map<number, PageGeometry>();

  const readPage = async (pageNumber: number): Promise<ExtractedTable[]> => {
    await pageSlots.acquire();
    try {
      if (fatal.page && fatal.page.pageNumber < pageNumber) return [];
      let page: PageTaskResult | null = null;
      let crash = '';
      for (let attempt = 1; attempt <= TASK_ATTEMPTS && !page; attempt++) {
        const task: PageTask = {
          kind: 'page',
          pdfPath: options.input,
          password: options.password,
          pageNumber,
          dpi: options.dpi,
          maxPagePixels: options.maxPagePixels,
          ocrMode: options.ocrMode,
          languages,
          autoCjkLanguages,
          startTimeoutMs: options.ocrStartTimeoutMs,
          debugDir: options.debugDir,
          attempt,
        };
        // A failed result (the page cannot be read) would fail again: only a crash or a timeout is retried.
        page = await executor.runPage(task, options.taskTimeoutMs).catch((error: unknown) => {
          crash = errorText(error);
          if (attempt < TASK_ATTEMPTS) log(`page ${pageNumber}: ${crash}; trying once more`);
          return null;
        });
      }
      if (!page) page = { kind: 'page', status: 'failed', pageNumber, error: `it failed twice (${crash})`, fatal: false };
      if (page.status === 'failed') {
        if (page.fatal) {
          if (!fatal.page || pageNumber < fatal.page.pageNumber) fatal.page = { pageNumber, error: page.error };
          return [];
        }
        fail(`page ${pageNumber} was skipped: ${page.error}`);
        progress.pageDone(0);
        return [];
      }
      page.warnings.forEach(warn);
      page.notes.forEach(log);
      pageGeometry.set(pageNumber, { pageNumber, dpi: page.dpi, layout: page.layout });
      // The first page is back, so the threads are busy: load the writer meanwhile.
      prepareWriter(options.format);
      timings.renderMs += page.renderMs;
      timings.textMs += page.textMs;
      timings.ocrMs += page.ocrMs;
      timings.ocrProbeMs += page.ocrProbeMs;
      timings.ocrRereadMs += page.ocrRereadMs;
      timings.ocrPageMs += Math.max(0, page.ocrMs - page.ocrProbeMs - page.ocrRereadMs);
      timings.detectMs += page.detectMs;
      progress.pageDone(page.tables.length);
      return await Promise.all(page.tables.map((table, index) => readTable(pageNumber, index, table, page.dpi, page.languages)));
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
  if (tables.length === 0 && !options.failOnEmpty) warn('no table was found in the selected pages');
  timings.totalMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuAtStart);
  const mainThread = performance.eventLoopUtilization(eventLoopAtStart);
  const load: RunLoad = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainThreadBusyRatio: mainThread.utilization,
    mainThreadBusyMs: mainThread.active,
    mainThreadBusyDuringPoolMs: mainDuringPool.active,
    poolBusyRatio,
  };
  return { tables, failures, pageNumbers, pages, warnings, timings, load };
}
