// The programmatic API: the same pipeline the CLI runs, as typed functions.
//
//   import { extractTables } from 'pdf2xlsx';
//   const { tables } = await extractTables('report.pdf', { workers: 4 });
//   for (const table of tables) console.log(table.page, table.rows, table.cells[0].text);
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveOptions, type DecimalOption, type EngineOption, type OcrMode, type OptionInput, type Options, type OutputFormat } from './options.js';
import { tablesDocument, type TableJson } from './output/write-json.js';
import { exitCodeOf } from './errors.js';
import { abortableExecutor } from './pipeline/abortable-executor.js';
import { extractTablesFromPdf, runPipeline, type RunDependencies } from './pipeline/run.js';
import { createTaskExecutor } from './pipeline/task-executor.js';
import type { ProgressReporter } from './report/progress.js';
import type { SheetLayout } from './types.js';

export { EXIT_CODES, InputError, NoTablesError, OcrError, OutputError, Pdf2XlsxError, UsageError } from './errors.js';
export type { CellJson, TableJson } from './output/write-json.js';
export type { TableSummary, BoxJson } from './output/table-summary.js';

export interface ExtractOptions {
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Pages to read, e.g. '1-3,5,7-end' (default: all). */
  pages?: string;
  /** Render resolution for OCR (default 300). */
  dpi?: number;
  /** Tesseract languages joined with '+', e.g. 'eng+chi_sim', or 'auto' (the default: eng, or chi_sim+eng on pages that read as Chinese). */
  lang?: string;
  /** The OCR engine: 'auto' (the default: PP-OCR for Chinese and English where onnxruntime-node is installed, else tesseract.js), 'paddle' or 'tesseract'. */
  engine?: EngineOption;
  /** A folder of <lang>.traineddata files. */
  tessdata?: string;
  ocr?: OcrMode;
  password?: string;
  /** Search only these parts of each page: `top,left,bottom,right` in PDF points from the top-left corner, or percentages (`'10%,0%,60%,100%'`). */
  area?: string | string[];
  /** Column separators inside each area, `x1,x2,…` in PDF points or percentages: each area is read as one table split there. */
  columns?: string | string[];
  /** Join tables continued across pages (default true). */
  join?: boolean;
  /** Give numbers and dates as typed values (default true). */
  typing?: boolean;
  decimal?: DecimalOption;
  /** Longest a page or a table's OCR may take (default 300 s). */
  timeoutSeconds?: number;
  /** Stops the run: the promise rejects with the signal's reason, and the worker threads end. */
  signal?: AbortSignal;
  /** Called as pages are read (with the tables found on them) and as tables are read. */
  onProgress?: (progress: ExtractProgress) => void;
}

/** How far a run is: pages read of those selected, tables read of those found so far. */
export interface ExtractProgress {
  pagesDone: number;
  pages: number;
  tablesDone: number;
  tables: number;
}

/** A PDF file's path, or its bytes. */
export type PdfInput = string | Uint8Array;

export interface ExtractResult {
  /** In page order, then reading order: cells with text, typed value, merges (spans), confidence; page, box, source. */
  tables: TableJson[];
  /** Everything a CLI run would print as a warning. */
  warnings: string[];
  /** Pages skipped and tables left empty (a CLI run would exit 7). */
  failures: string[];
  /** The pages read (1-based). */
  pages: number[];
}

function optionInput(input: string, output: string, options: ConvertOptions): OptionInput {
  const { timeoutSeconds, signal: _signal, onProgress: _onProgress, ...given } = options;
  return { ...given, timeout: timeoutSeconds, input, output, quiet: true };
}

/** The progress reporter that tells `onProgress`. */
function progressCallback(onProgress: (progress: ExtractProgress) => void): ProgressReporter {
  const progress: ExtractProgress = { pagesDone: 0, pages: 0, tablesDone: 0, tables: 0 };
  const tell = () => onProgress({ ...progress });
  return {
    start(pages) {
      progress.pages = pages;
      tell();
    },
    pageDone(tablesFound) {
      progress.pagesDone++;
      progress.tables += tablesFound;
      tell();
    },
    tableDone() {
      progress.tablesDone++;
      tell();
    },
    warn() {},
    stop() {},
  };
}

/**
 * Runs `work` on the PDF given as a path or bytes (written to a temporary file first: pdf.js and
 * the worker threads read it by path), with the caller's signal and progress callback.
 */
async function runOn<T>(input: PdfInput, output: string, options: ConvertOptions, work: (options: Options, dependencies: RunDependencies) => Promise<T>): Promise<T> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const folder = typeof input === 'string' ? null : await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-input-'));
  try {
    const file = folder ? path.join(folder, 'input.pdf') : (input as string);
    if (folder) await writeFile(file, input);
    const resolved = resolveOptions(optionInput(file, output, options));
    const dependencies: RunDependencies = {
      ...(onProgress ? { progress: progressCallback(onProgress) } : {}),
      ...(signal ? { createExecutor: (threads: number) => abortableExecutor(createTaskExecutor(threads), signal) } : {}),
    };
    // Tasks stopped by the signal fail in many ways downstream (a page skipped, an error): the
    // caller hears of the abort instead.
    const result = await work(resolved, dependencies).catch((error: unknown) => {
      signal?.throwIfAborted();
      throw error;
    });
    signal?.throwIfAborted();
    return result;
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

/** Reads the tables of a PDF (scanned or born-digital). Throws a Pdf2XlsxError (with its exitCode) on bad input. */
export async function extractTables(input: PdfInput, options: ExtractOptions = {}): Promise<ExtractResult> {
  const result = await runOn(input, '', options, extractTablesFromPdf);
  return {
    tables: tablesDocument(result.tables, typeof input === 'string' ? input : '').tables,
    warnings: result.warnings,
    failures: result.failures,
    pages: result.pages.map((page) => page.pageNumber),
  };
}

export interface ConvertOptions extends ExtractOptions {
  format?: OutputFormat;
  sheets?: SheetLayout;
  /** Thin cell borders along each table's grid in xlsx output (default true). */
  borders?: boolean;
  /** Fill low-confidence cells with a colour in xlsx output (default false; they always get a comment). */
  markLowConfidence?: boolean;
  /** CSV cells exactly as read, formula-looking text included (default false: such text gets a leading '). */
  csvRaw?: boolean;
  /** CSV/TSV files start with a UTF-8 byte-order mark (default false), for Excel on Windows. */
  csvBom?: boolean;
}

/** Does what `pdf2xlsx input -o output` does; returns the exit code the CLI would give (0 or 7). */
export async function convertPdf(input: PdfInput, output: string, options: ConvertOptions = {}): Promise<{ exitCode: number; warnings: string[]; files: string[] }> {
  const result = await runOn(input, output, options, runPipeline);
  return { exitCode: exitCodeOf(result), warnings: result.warnings, files: result.outputFiles };
}
