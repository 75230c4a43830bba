// The programmatic API: the same pipeline the CLI runs, as typed functions.
//
//   import { extractTables } from 'pdf2xlsx';
//   const { tables } = await extractTables('report.pdf', { workers: 4 });
//   for (const table of tables) console.log(table.page, table.rows, table.cells[0].text);
import { resolveOptions, type DecimalOption, type EngineOption, type OcrMode, type OptionInput, type OutputFormat } from './options.js';
import { tablesDocument, type TableJson } from './output/write-json.js';
import { exitCodeOf } from './errors.js';
import { extractTablesFromPdf, runPipeline } from './pipeline/run.js';
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
}

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
  const { timeoutSeconds, ...given } = options;
  return { ...given, timeout: timeoutSeconds, input, output, quiet: true };
}

/** Reads the tables of a PDF (scanned or born-digital). Throws a Pdf2XlsxError (with its exitCode) on bad input. */
export async function extractTables(input: string, options: ExtractOptions = {}): Promise<ExtractResult> {
  const resolved = resolveOptions(optionInput(input, '', options));
  const result = await extractTablesFromPdf(resolved);
  return {
    tables: tablesDocument(result.tables, input).tables,
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
export async function convertPdf(input: string, output: string, options: ConvertOptions = {}): Promise<{ exitCode: number; warnings: string[]; files: string[] }> {
  const result = await runPipeline(resolveOptions(optionInput(input, output, options)));
  return { exitCode: exitCodeOf(result), warnings: result.warnings, files: result.outputFiles };
}
