// --report <file.json>: what a run did, for scripts and for checking a run by eye. The schema is
// in the README ("Run report"); add fields, never change or remove them.
import { createRequire } from 'node:module';
import type { Options } from '../options.js';
import { writeFileAtomically } from '../output/atomic-write.js';
import { EXIT_CODES, Pdf2XlsxError, errorLine, exitCodeOf } from '../errors.js';
import type { RunResult } from '../types.js';
import { summariseTable, type TableSummary } from '../output/table-summary.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface RunReport {
  pdf2xlsx: string;
  input: string;
  output: string;
  format: Options['format'];
  /** The run's exit code: 0, or 7 when some pages or tables could not be read (see failures); another code when the run failed (see error). */
  exitCode: number;
  /** Why the run failed, as printed on stderr; absent when it finished. */
  error?: string;
  /** Pages skipped and tables left empty (each also in warnings). */
  failures: string[];
  /** `empty`: pages with nothing on them (blank or separator pages), never searched or OCR'd. */
  pages: { selected: number; read: number; skipped: number[]; empty: number[] };
  tables: TableSummary[];
  /** Over all tables: total figures checked against their rows, those that did not add up, and cells whose value is in doubt. */
  checks: { totalsChecked: number; totalsNotAddingUp: number; doubtfulValues: number };
  warnings: string[];
  /** Seconds. open, assemble, write and total are wall time; the others thread time summed over pages/tables. */
  timings: { total: number; open: number; render: number; text: number; detect: number; structure: number; ocr: number; ocrByPass: { languageProbe: number; page: number; reread: number; cells: number }; ocrInModels: { findText: number; classify: number; recognize: number }; assemble: number; write: number };
  load: { cpuSeconds: number; mainThreadBusy: number; mainThreadBusySeconds: number; mainThreadBusyBesidePoolSeconds: number; workersBusy: number };
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const share = (ratio: number) => Math.round(ratio * 1000) / 1000;

export function buildRunReport(result: RunResult, options: Options): RunReport {
  const read = new Set(result.pages.map((page) => page.pageNumber));
  const t = result.timings;
  const summaries = result.tables.map(summariseTable);
  return {
    pdf2xlsx: version,
    input: options.input,
    output: options.output,
    format: options.format,
    exitCode: exitCodeOf(result),
    failures: result.failures,
    pages: { selected: result.pageNumbers.length, read: read.size, skipped: result.pageNumbers.filter((page) => !read.has(page)), empty: result.emptyPages },
    tables: summaries,
    checks: {
      totalsChecked: summaries.reduce((sum, table) => sum + table.totals.checked, 0),
      totalsNotAddingUp: summaries.reduce((sum, table) => sum + table.totals.notAddingUp, 0),
      doubtfulValues: summaries.reduce((sum, table) => sum + table.doubtfulValues, 0),
    },
    warnings: result.warnings,
    timings: {
      total: seconds(t.totalMs),
      open: seconds(t.openMs),
      render: seconds(t.renderMs),
      text: seconds(t.textMs),
      detect: seconds(t.detectMs),
      structure: seconds(t.structureMs),
      ocr: seconds(t.ocrMs),
      ocrByPass: { languageProbe: seconds(t.ocrProbeMs), page: seconds(t.ocrPageMs), reread: seconds(t.ocrRereadMs), cells: seconds(t.ocrCellsMs) },
      ocrInModels: { findText: seconds(t.ocrModels.findTextMs), classify: seconds(t.ocrModels.classifyMs), recognize: seconds(t.ocrModels.recognizeMs) },
      assemble: seconds(t.assembleMs),
      write: seconds(t.writeMs),
    },
    load: {
      cpuSeconds: seconds(result.load.cpuMs),
      mainThreadBusy: share(result.load.mainThreadBusyRatio),
      mainThreadBusySeconds: seconds(result.load.mainThreadBusyMs),
      mainThreadBusyBesidePoolSeconds: seconds(result.load.mainThreadBusyDuringPoolMs),
      workersBusy: share(result.load.poolBusyRatio),
    },
  };
}

export async function writeRunReport(result: RunResult, options: Options, reportPath: string): Promise<void> {
  await writeFileAtomically(reportPath, JSON.stringify(buildRunReport(result, options), null, 2) + '\n');
}

/** The report of a run that failed: its exit code and error (as printed), and nothing read. */
export function buildFailureReport(error: unknown, options: Options): RunReport {
  const known = error instanceof Pdf2XlsxError;
  return {
    pdf2xlsx: version,
    input: options.input,
    output: options.output,
    format: options.format,
    exitCode: known ? error.exitCode : EXIT_CODES.internal,
    error: errorLine(error),
    failures: [],
    pages: { selected: 0, read: 0, skipped: [], empty: [] },
    tables: [],
    checks: { totalsChecked: 0, totalsNotAddingUp: 0, doubtfulValues: 0 },
    warnings: [],
    timings: { total: 0, open: 0, render: 0, text: 0, detect: 0, structure: 0, ocr: 0, ocrByPass: { languageProbe: 0, page: 0, reread: 0, cells: 0 }, ocrInModels: { findText: 0, classify: 0, recognize: 0 }, assemble: 0, write: 0 },
    load: { cpuSeconds: 0, mainThreadBusy: 0, mainThreadBusySeconds: 0, mainThreadBusyBesidePoolSeconds: 0, workersBusy: 0 },
  };
}

/** Writes the failure report; a report that cannot be written then is not a second error. */
export async function writeFailureReport(error: unknown, options: Options, reportPath: string): Promise<void> {
  await writeFileAtomically(reportPath, JSON.stringify(buildFailureReport(error, options), null, 2) + '\n').catch(() => undefined);
}
