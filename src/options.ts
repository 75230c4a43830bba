// Options, their defaults (the only place they live) and their validation.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { UsageError, errorText } from './errors.js';
import { resolveAreas, type PageArea } from './page-area.js';
import { parsePageSpec, type PageRange } from './page-spec.js';
import type { OcrLayout, SheetLayout } from './types.js';
export const SHEET_LAYOUTS: readonly SheetLayout[] = ['per-table', 'per-page', 'one'];

/** What to write: a workbook, CSV or TSV files (one per table), or one JSON document. */
export type OutputFormat = 'xlsx' | 'csv' | 'tsv' | 'json';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['xlsx', 'csv', 'tsv', 'json'];
/** CSV and TSV: a file per table (a folder of them), or the tables one after another in one file. */
export type DelimitedFormat = Extract<OutputFormat, 'csv' | 'tsv'>;
export const isDelimitedFormat = (format: OutputFormat): format is DelimitedFormat => format === 'csv' || format === 'tsv';

/** The decimal separator of numbers in cells: decided per column, or given. */
export type DecimalOption = 'auto' | '.' | ',';
export const DECIMAL_OPTIONS: readonly DecimalOption[] = ['auto', '.', ','];

/** auto: the text layer where it is usable, OCR elsewhere; always: OCR every page; never: fail on a page that needs OCR. */
export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

/**
 * Which OCR engine reads scans. auto: PP-OCR (ONNX Runtime) where the languages are Chinese and
 * English and it is installed, else tesseract.js; paddle: PP-OCR or fail; tesseract: tesseract.js.
 */
export type EngineOption = 'auto' | 'paddle' | 'tesseract';
export const ENGINE_OPTIONS: readonly EngineOption[] = ['auto', 'paddle', 'tesseract'];

/** The languages PP-OCR's models read (its dictionary holds Chinese, Latin letters, digits, punctuation). */
export const PADDLE_LANGUAGES: readonly string[] = ['eng', 'chi_sim'];

/** Everything a run needs, validated. */
export interface Options {
  input: string;
  output: string;
  /** Pool threads; 1 runs everything in-process. */
  workers: number;
  /** Selected pages; null means all. */
  pages: PageRange[] | null;
  /** Pages past the document's end are left out rather than an error (set for a batch's inputs). */
  ignorePagesBeyondEnd: boolean;
  /** Where to search each page for tables (--area, --columns); empty: the whole page, columns found. */
  areas: PageArea[];
  dpi: number;
  /** Tesseract language codes, e.g. ['eng'] or ['eng', 'chi_sim']; with `--lang auto`, ['eng']. */
  languages: string[];
  /** `--lang auto`: a scanned page that reads as Chinese is OCR'd with chi_sim+eng (when chi_sim data is installed). */
  autoLanguage: boolean;
  /** A folder of `<lang>.traineddata` files; null uses the bundled @tesseract.js-data packages. */
  tessdataDir: string | null;
  engine: EngineOption;
  sheets: SheetLayout;
  ocrMode: OcrMode;
  password: string | null;
  quiet: boolean;
  /** Where to write per-page debug pictures (--debug-dir); null for none. */
  debugDir: string | null;
  /** Largest bitmap rendered for one page; a bigger page is rendered at a lower DPI, with a warning. */
  maxPagePixels: number;
  /** Longest wait for one tesseract.js worker to load its language data. */
  ocrStartTimeoutMs: number;
  format: OutputFormat;
  /** Numbers and dates as typed cells (false: all text, --no-typing). */
  typing: boolean;
  decimal: DecimalOption;
  /** Join a table continued on the next page with it (false: --no-join). */
  join: boolean;
  /** Fill cells of low OCR confidence with a colour (they always get a comment). */
  markLowConfidence: boolean;
  /** Thin cell borders along each table's grid in xlsx output (false: --no-borders). */
  borders: boolean;
  /** CSV cells exactly as read, formula-looking text included (--csv-raw); by default such text is escaped. */
  csvRaw: boolean;
  /** CSV/TSV files start with a UTF-8 byte-order mark (--csv-bom), for Excel on Windows. */
  csvBom: boolean;
  /** Where to write the run report (JSON); null for none. */
  reportPath: string | null;
  /** Longest a page task or a table's OCR may take before it is stopped and retried once. */
  taskTimeoutMs: number;
  /** Exit with EXIT_CODES.noTables when no table was found (else success with a warning). */
  failOnEmpty: boolean;
}

/** The raw values as the CLI (or an API caller) gives them, before validation. */
export interface OptionInput {
  input: string;
  output: string;
  workers?: string | number;
  pages?: string;
  /** `top,left,bottom,right`, repeatable (see page-area.ts). */
  area?: string | string[];
  /** `x1,x2,…`: one for every area, or one per area. */
  columns?: string | string[];
  dpi?: string | number;
  lang?: string;
  tessdata?: string;
  engine?: string;
  sheets?: string;
  ocr?: string;
  password?: string;
  /** A file whose first line is the password. */
  passwordFile?: string;
  quiet?: boolean;
  debugDir?: string;
  format?: string;
  typing?: boolean;
  decimal?: string;
  join?: boolean;
  markLowConfidence?: boolean;
  borders?: boolean;
  csvRaw?: boolean;
  csvBom?: boolean;
  report?: string;
  /** Seconds. */
  timeout?: string | number;
  failOnEmpty?: boolean;
}

/** The defaults of the options a user can give. */
export const DEFAULTS = {
  workers: os.availableParallelism(),
  pages: 'all',
  dpi: 300,
  // Per page: eng, or chi_sim+eng where the page reads as Chinese and chi_sim data is installed.
  lang: 'auto',
  engine: 'auto' as EngineOption,
  sheets: 'per-table' as SheetLayout,
  ocr: 'auto' as OcrMode,
  format: 'xlsx' as OutputFormat,
  decimal: 'auto' as DecimalOption,
  // Seconds a page task (render, detect) or one table's OCR may take. A 50-cell table takes ~0.5 s
  // and a dense 1000-cell one under a minute; past this, something hangs: the task is stopped
  // (its worker thread ended) and tried once more.
  timeoutSeconds: 300,
} as const;

/** Settings no option changes: measured choices, passed to the stages with the options. */
export const SETTINGS = {
  // 40 megapixels: A2 at 300 DPI; a 40 MP RGBA canvas is 160 MB, times the workers rendering at once.
  maxPagePixels: 40_000_000,
  // Loading a language takes ~0.35 s (eng best_int) to a few s (chi_sim); a missing file can hang.
  ocrStartTimeoutMs: 60_000,
  // Tesseract PSM for a whole line-erased table crop: 6 (one uniform block of text) read 98-100 %
  // of a 50-cell table in STACK-NOTES; words are then placed in cells by geometry.
  pageSegmentationMode: 6,
  // OCR each non-empty cell on its own ('cells') or the whole crop at once ('table'). On the dev
  // corpus's scanned lattice tables 'cells' scored cell_exact 0.96 vs 0.88 and ran ~20 % faster.
  ocrLayout: 'cells' as OcrLayout,
  // Cells whose mean OCR word confidence (0-100) is below this get a comment saying so. Tesseract's
  // LSTM reads clean print at 90+; below 60 a misread character is likely.
  lowConfidence: 60,
  // A doubtful figure is read again this much larger than its table's first reading.
  rereadUpscale: 2,
  // A page is not read when drawing it would cost pdf.js more than these (see pdf/drawing-cost.ts).
  // Its time grows with the square of the graphics-state nesting (`q` without `Q`; 3000: < 1 s,
  // 10000: 5-9 s, 100000: many minutes), where PDF's own limit is 28. It holds about 1 KB an
  // operator (1 million: 28 s and 1.2 GB), where a dense text page has 10000 and a scan 10.
  maxGraphicsNesting: 5000,
  maxPageOperators: 1_000_000,
  // PP-OCR (see ocr/paddle/). The detector's thresholds are PaddleOCR's own for PP-OCRv4. Its input
  // is capped at 960 px a side: as accurate as 1600 px on corpus-real's pages, at half the memory
  // (~390 vs ~760 MB a thread). The recognizer's cost grows with its input's width, so a batch
  // holds lines of similar width, padded only to the widest of them. Measured on 595 detected
  // lines of four realistic pages, one thread: ms a line by batch size 1: 14.4, 2: 15.3, 4: 14.1,
  // 6: 15.0, 8: 20.5, 12: 17.8 (batches buy nothing on one CPU thread; past 6 they cost), and
  // padding every batch to PaddleOCR's 320 px: 21.1. A batch's padding changes what its lines
  // read, a little: 6, the setting every accuracy figure was measured with, stays (4 read two
  // fragile synthetic tables worse, one of them lost). The padded width of a batch is bounded by
  // 1920 px (it was 3840): the recognizer's arena grows to its widest batch, and wide lines (a
  // page pass's headings, a wrapped cell) now go two or three to a batch, not six. Peak RSS at
  // --workers 1: synth-s05 416 → 370 MB, enpdf-09 (phone photo) 404 → 371 MB, in the same time;
  // cell_exact on corpus, corpus-synth, corpus-real unchanged (1.00, 0.94, 0.77; tables within
  // ±0.04), typed numbers differing from the printed ones unmarked 0, 4, 3 as before.
  paddle: {
    detection: { maxSidePx: 960, pixelThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5 },
    batchLines: 6,
    batchWidthPx: 1920,
    minLineWidthPx: 48,
    classifyBelowConfidence: 50,
    upsideDownProbability: 0.9,
  },
} as const;

export const LIMITS = {
  workers: { min: 1, max: 256 },
  dpi: { min: 50, max: 1200 },
  timeoutSeconds: { min: 1, max: 86_400 },
} as const;

function parseIntegerOption(name: string, value: string | number, min: number, max: number): number {
  const text = String(value).trim();
  const number = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`option ${name}: '${value}' is not valid`, `give a whole number from ${min} to ${max}`);
  }
  return number;
}

/** `--lang auto`: eng for every page, plus chi_sim on pages that read as Chinese (see ocr/detect-script.ts). */
export const AUTO_LANGUAGE = 'auto';
export const AUTO_BASE_LANGUAGES = ['eng'] as const;
export const AUTO_CJK_LANGUAGES = ['chi_sim'] as const;

// Tesseract language codes: eng, chi_sim, deu_latf, ...
const LANGUAGE_CODE = /^[a-z]{3}(_[a-z]+)*$/i;

function parseLanguages(value: string): string[] {
  const codes = value.split('+').map((code) => code.trim());
  for (const code of codes) {
    if (!LANGUAGE_CODE.test(code)) {
      throw new UsageError(`option --lang: '${value}' is not valid`, `give Tesseract language codes joined with '+', e.g. eng or chi_sim+eng, or auto`);
    }
  }
  return [...new Set(codes)];
}

/** Validates raw option values and fills in the defaults. Throws UsageError naming the option. */
/** The format an output's name asks for (`out.csv` → csv), or null for a folder, `-` or another name. */
export function formatOfName(output: string): OutputFormat | null {
  const extension = /\.([a-z]+)$/i.exec(output)?.[1]?.toLowerCase();
  return OUTPUT_FORMATS.find((format) => format === extension) ?? null;
}

/**
 * --format when given, else the one the output's name asks for, else xlsx. A --format that the
 * name contradicts (`-o out.csv --format json`) is refused: writing JSON into out.csv, or an xlsx
 * into out.json, is never what was meant.
 */
function outputFormatOf(output: string, given: OutputFormat | undefined): OutputFormat {
  const named = formatOfName(output);
  if (given && named && given !== named) {
    throw new UsageError(`option --format ${given} does not match the output ${output}`, `name the output .${given}, or leave --format out to write ${named}`);
  }
  return given ?? named ?? DEFAULTS.format;
}

/** A repeatable option's values: none, one, or several. */
const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** --password, or the first line of --password-file (its line break is not part of it). */
function passwordOf(raw: OptionInput): string | null {
  if (raw.passwordFile === undefined) return raw.password ?? null;
  if (raw.password !== undefined) throw new UsageError('give --password or --password-file, not both');
  let text: string;
  try {
    text = readFileSync(raw.passwordFile, 'utf8');
  } catch (error) {
    throw new UsageError(`option --password-file: cannot read ${raw.passwordFile}: ${errorText(error)}`);
  }
  return text.split(/\r?\n/)[0];
}

export function resolveOptions(raw: OptionInput): Options {
  const sheets = raw.sheets ?? DEFAULTS.sheets;
  if (!SHEET_LAYOUTS.includes(sheets as SheetLayout)) {
    throw new UsageError(`option --sheets: '${sheets}' is not valid`, `use one of ${SHEET_LAYOUTS.join(', ')}`);
  }
  const ocrMode = raw.ocr ?? DEFAULTS.ocr;
  if (!OCR_MODES.includes(ocrMode as OcrMode)) {
    throw new UsageError(`option --ocr: '${ocrMode}' is not valid`, `use one of ${OCR_MODES.join(', ')}`);
  }
  if (raw.format !== undefined && !OUTPUT_FORMATS.includes(raw.format as OutputFormat)) {
    throw new UsageError(`option --format: '${raw.format}' is not valid`, `use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  const format = outputFormatOf(raw.output, raw.format as OutputFormat | undefined);
  const decimal = raw.decimal ?? DEFAULTS.decimal;
  if (!DECIMAL_OPTIONS.includes(decimal as DecimalOption)) {
    throw new UsageError(`option --decimal: '${decimal}' is not valid`, `use one of ${DECIMAL_OPTIONS.join(' ')}`);
  }
  const engine = raw.engine ?? DEFAULTS.engine;
  if (!ENGINE_OPTIONS.includes(engine as EngineOption)) {
    throw new UsageError(`option --engine: '${engine}' is not valid`, `use one of ${ENGINE_OPTIONS.join(', ')}`);
  }
  const lang = raw.lang ?? DEFAULTS.lang;
  const languages = lang === AUTO_LANGUAGE ? [...AUTO_BASE_LANGUAGES] : parseLanguages(lang);
  if (engine === 'paddle' && !languages.every((code) => PADDLE_LANGUAGES.includes(code))) {
    throw new UsageError(`option --engine paddle reads ${PADDLE_LANGUAGES.join(' and ')} only, not --lang ${lang}`, 'use --engine tesseract (or auto) for other languages');
  }
  const pagesText = raw.pages ?? DEFAULTS.pages;
  return {
    input: raw.input,
    output: raw.output,
    workers: parseIntegerOption('--workers', raw.workers ?? DEFAULTS.workers, LIMITS.workers.min, LIMITS.workers.max),
    pages: pagesText === 'all' ? null : parsePageSpec(pagesText),
    ignorePagesBeyondEnd: false,
    areas: resolveAreas(listOf(raw.area), listOf(raw.columns)),
    dpi: parseIntegerOption('--dpi', raw.dpi ?? DEFAULTS.dpi, LIMITS.dpi.min, LIMITS.dpi.max),
    languages,
    autoLanguage: lang === AUTO_LANGUAGE,
    tessdataDir: raw.tessdata ?? null,
    engine: engine as EngineOption,
    sheets: sheets as SheetLayout,
    ocrMode: ocrMode as OcrMode,
    password: passwordOf(raw),
    quiet: raw.quiet ?? false,
    debugDir: raw.debugDir ?? null,
    maxPagePixels: SETTINGS.maxPagePixels,
    ocrStartTimeoutMs: SETTINGS.ocrStartTimeoutMs,
    format: format as OutputFormat,
    typing: raw.typing ?? true,
    decimal: decimal as DecimalOption,
    join: raw.join ?? true,
    markLowConfidence: raw.markLowConfidence ?? false,
    borders: raw.borders ?? true,
    csvRaw: raw.csvRaw ?? false,
    csvBom: raw.csvBom ?? false,
    reportPath: raw.report ?? null,
    taskTimeoutMs: 1000 * parseIntegerOption('--timeout', raw.timeout ?? DEFAULTS.timeoutSeconds, LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max),
    failOnEmpty: raw.failOnEmpty ?? false,
  };
}
