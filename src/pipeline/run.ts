// The pipeline, on one screen: check the outputs → open → each page through the pool (text layer
// and vector rulings, or render → detect → crop) → each crop's OCR through the pool → assemble →
// gather by index → join across pages → type → write → report. Text-layer tables skip the OCR
// round trip; both kinds are assembled alike.
import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { joinContinuedTables } from '../assemble/join-tables.js';
import { typeTable } from '../assemble/table-values.js';
import { NoTablesError, OutputError, errorText } from '../errors.js';
import { timed } from '../measure.js';
import { SETTINGS, type Options } from '../options.js';
import { checkOutputFile, checkOutputPath } from '../output/check-output-path.js';
import { writeOutput, type TextSink } from '../output/write-output.js';
import { selectPages } from '../page-spec.js';
import { noModelTimes } from '../ocr/ocr-engine.js';
import { openPdfFile } from '../pdf/open-pdf.js';
import { Slots } from '../pool/slots.js';
import type { ProgressReporter } from '../report/progress.js';
import { writeFailureReport, writeRunReport } from '../report/run-report.js';
import type { ExtractedTable, ExtractionResult, PageGeometry, RunLoad, RunResult, StageTimings } from '../types.js';
import { chooseEngine, type EngineChoice } from './choose-engine.js';
import { startLoadMeter } from './load-meter.js';
import { RunRecord } from './run-record.js';
import { tablesOfPage, type DocumentRun } from './tables-of-page.js';
import { createTaskExecutor, type TaskExecutor } from './task-executor.js';

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
  const written = await timed(timings, 'writeMs', () => writeOutput(tables, options, dependencies.stdout ?? processStdout));
  timings.totalMs += timings.writeMs;
  for (const message of written.warnings) {
    extraction.warnings.push(message);
    dependencies.progress?.warn(message);
  }
  // The load with the writing included.
  const result: RunResult = { ...extraction, load: { ...extraction.load, ...meterLoad() }, outputFiles: written.files };
  if (options.reportPath) await writeRunReport(result, options, options.reportPath);
  return result;
}

/** Reads the PDF's tables: open → per page, in the pool → OCR → assemble → gather → join → type. */
export async function extractTablesFromPdf(options: Options, dependencies: RunDependencies = {}): Promise<ExtractionResult> {
  const startedAt = performance.now();
  const meterLoad = startLoadMeter();
  const timings = noStageTimings();
  const progress = dependencies.progress ?? silentProgress;
  const record = new RunRecord(progress, dependencies.log ?? (() => undefined));
  if (options.debugDir) await prepareDebugDir(options.debugDir);
  const engine = chooseEngine(options);
  const pageNumbers = await timed(timings, 'openMs', () => selectedPages(options));
  const executor = dependencies.shared?.executor ?? (dependencies.createExecutor ?? createTaskExecutor)(options.workers);
  const pageSlots = dependencies.shared?.pageSlots ?? pageSlotsFor(executor);
  const run: DocumentRun = { options, executor, pageSlots, engine, record, progress, timings, nameEngineOnce: engineNamer(engine, options, record) };
  const { tablesByPage, poolLoad } = await readPages(run, pageNumbers, !dependencies.shared);
  const tables = joinTables(run, tablesByPage.flat(), record.pagesOf(pageNumbers));
  if (tables.length === 0 && !options.failOnEmpty) warnNoTables(record, pageNumbers);
  timings.totalMs = performance.now() - startedAt;
  // Typed once, after the join (a joined table's columns are typed as a whole); writers only write.
  const typed = tables.map((table) => typeTable(table, { typing: options.typing, decimal: options.decimal, lowConfidence: SETTINGS.lowConfidence }));
  const { warnings, failures } = record;
  return { tables: typed, failures, pageNumbers, pages: record.pagesOf(pageNumbers), emptyPages: record.emptyOf(pageNumbers), warnings, timings, load: { ...meterLoad(), ...poolLoad } };
}

const noStageTimings = (): StageTimings => ({ openMs: 0, renderMs: 0, textMs: 0, detectMs: 0, structureMs: 0, ocrMs: 0, ocrProbeMs: 0, ocrPageMs: 0, ocrRereadMs: 0, ocrCellsMs: 0, ocrModels: noModelTimes(), assembleMs: 0, writeMs: 0, totalMs: 0 });

/** The pages --pages selects of the document (checked against its page count). */
async function selectedPages(options: Options): Promise<number[]> {
  const document = await openPdfFile(options.input, options.password);
  const pageCount = document.numPages;
  await document.destroy();
  return selectPages(options.pages, pageCount, options.ignorePagesBeyondEnd);
}

/** Said once, at the first page that needs OCR: a born-digital run has nothing to say of engines. */
function engineNamer(engine: EngineChoice, options: Options, record: RunRecord): () => void {
  let named = false;
  return () => {
    if (named) return;
    named = true;
    record.log(`OCR engine: ${engine.paddle ? 'PP-OCR (PP-OCRv4 on onnxruntime-node), Chinese and English' : `tesseract.js, ${options.autoLanguage ? 'auto' : engine.languages.map((language) => language.code).join('+')}`}`);
    if (engine.fallbackWarning) record.warn(engine.fallbackWarning);
  };
}

/** Every page's tables, gathered by index, with how busy the pool and the main thread were. */
async function readPages(run: DocumentRun, pageNumbers: number[], closeExecutor: boolean): Promise<{ tablesByPage: ExtractedTable[][]; poolLoad: Pick<RunLoad, 'mainThreadBusyDuringPoolMs' | 'poolBusyRatio'> }> {
  const poolStart = performance.now();
  const eventLoopAtPoolStart = performance.eventLoopUtilization();
  run.progress.start(pageNumbers.length);
  let tablesByPage: ExtractedTable[][];
  try {
    // Gathered by index: the order is the page order, whichever thread finishes first.
    tablesByPage = await Promise.all(pageNumbers.map((pageNumber) => tablesOfPage(run, pageNumber)));
    run.record.throwIfEnded();
  } finally {
    run.progress.stop();
    if (closeExecutor) await run.executor.close();
  }
  const { timings, executor } = run;
  const taskMs = timings.renderMs + timings.textMs + timings.detectMs + timings.ocrMs;
  const poolBusyRatio = taskMs / Math.max(1, (performance.now() - poolStart) * executor.threadCount);
  return { tablesByPage, poolLoad: { mainThreadBusyDuringPoolMs: performance.eventLoopUtilization(eventLoopAtPoolStart).active, poolBusyRatio } };
}

function joinTables(run: DocumentRun, perPageTables: ExtractedTable[], pages: PageGeometry[]): ExtractedTable[] {
  if (!run.options.join) return perPageTables;
  const tables = joinContinuedTables(perPageTables, pages);
  for (const table of tables) {
    if (table.continuations.length > 0) run.record.log(`page ${table.pageNumber}, table ${table.tableIndex + 1}: continued on page ${table.continuations.map((part) => part.pageNumber).join(', ')}; joined`);
  }
  return tables;
}

function warnNoTables(record: RunRecord, pageNumbers: number[]): void {
  const emptyCount = record.emptyOf(pageNumbers).length;
  record.warn(`no table was found in the selected pages${emptyCount > 0 ? ` (${emptyCount} of the ${pageNumbers.length} are empty)` : ''}`);
}
