// The command line's flag for each option of a run. Typed over OptionInput: an option without a
// flag here is a compile error, so none can be added to the run without deciding its flag.
import { EXIT_CODES } from '../errors.js';
import { DECIMAL_OPTIONS, DEFAULTS, ENGINE_OPTIONS, OCR_MODES, OUTPUT_FORMATS, SETTINGS, SHEET_LAYOUTS, type OptionInput } from '../options.js';

export interface FlagSpec {
  /** commander's syntax: '--dpi <n>', '--no-join', '-q, --quiet'. Its attribute name is the OptionInput field. */
  flags: string;
  help: string;
  /** The only values allowed (commander lists them in --help and refuses others). */
  choices?: readonly string[];
  /** May be given several times; the values are collected in a list. */
  repeatable?: true;
}

/** The environment variable that gives the password when neither --password nor --password-file does. */
export const PASSWORD_VARIABLE = 'PDF2XLSX_PASSWORD';

/** Every run option but the input (the argument) and the output (-o), in --help order. */
export const OPTION_FLAGS: { readonly [Field in Exclude<keyof OptionInput, 'input' | 'output'>]-?: FlagSpec } = {
  format: { flags: '--format <format>', help: `what to write (default: from the output's name, else ${DEFAULTS.format})`, choices: OUTPUT_FORMATS },
  workers: { flags: '-w, --workers <n>', help: `worker threads (default: ${DEFAULTS.workers}, this machine's cores)` },
  pages: { flags: '-p, --pages <spec>', help: 'pages to read, e.g. 1-3,5,7-end (default: all)' },
  area: {
    flags: '--area <top,left,bottom,right>',
    help: "search only this part of each page for tables: PDF points from the page's top-left corner, or percentages (10%,0%,60%,100%); repeatable. An area with no table detected in it is read as one, a row per text line (default: the whole page)",
    repeatable: true,
  },
  columns: {
    flags: '--columns <x1,x2,...>',
    help: "column separators inside each --area (or the page), in PDF points from the page's left edge or percentages: the area is read as one table split there; once for every area, or once per area (default: found from the layout)",
    repeatable: true,
  },
  dpi: { flags: '--dpi <n>', help: `render resolution for OCR (default: ${DEFAULTS.dpi})` },
  lang: { flags: '--lang <codes>', help: `OCR languages joined with '+', e.g. eng+chi_sim, or auto: eng, or chi_sim+eng on pages that read as Chinese (default: ${DEFAULTS.lang})` },
  tessdata: { flags: '--tessdata <dir>', help: 'a folder of <lang>.traineddata files (default: the bundled eng data, TESSDATA_PREFIX, Debian tesseract-ocr-* data)' },
  engine: {
    flags: '--engine <engine>',
    help: `OCR engine for scans: auto: PP-OCR (ONNX Runtime) for Chinese and English when installed, else tesseract.js; paddle; tesseract (default: ${DEFAULTS.engine})`,
    choices: ENGINE_OPTIONS,
  },
  sheets: { flags: '--sheets <layout>', help: `one sheet per table, one per page, or all tables on one sheet (default: ${DEFAULTS.sheets})`, choices: SHEET_LAYOUTS },
  typing: { flags: '--no-typing', help: 'keep every cell as text (default: numbers and dates become typed cells)' },
  decimal: { flags: '--decimal <separator>', help: `decimal separator of numbers in cells; auto decides per column (default: ${DEFAULTS.decimal})`, choices: DECIMAL_OPTIONS },
  borders: { flags: '--no-borders', help: "write xlsx cells without borders (default: thin borders along each table's grid)" },
  csvRaw: { flags: '--csv-raw', help: "write CSV cells exactly as read; by default a text cell starting with = + - @ (a formula to a spreadsheet) gets a leading '" },
  csvBom: { flags: '--csv-bom', help: 'start each CSV or TSV file with a UTF-8 byte-order mark, so Excel on Windows reads Chinese and accents right' },
  join: { flags: '--no-join', help: 'keep a table continued on the next page as two tables (default: joined)' },
  markLowConfidence: { flags: '--mark-low-confidence', help: `fill cells OCR read with confidence below ${SETTINGS.lowConfidence}% in colour (they always get a comment)` },
  timeout: {
    flags: '--timeout <seconds>',
    help: `longest a page or one table's OCR may take before it is stopped and tried once more; a second failure leaves that page or table out with a warning, exit ${EXIT_CODES.partial} (default: ${DEFAULTS.timeoutSeconds})`,
  },
  failOnEmpty: { flags: '--fail-on-empty', help: `exit ${EXIT_CODES.noTables} when no table is found (default: success with a warning)` },
  report: { flags: '--report <file>', help: 'write a JSON report of the run: per table its page, box, source, size and confidence; warnings; stage times' },
  ocr: {
    flags: '--ocr <mode>',
    help: `auto: read born-digital pages from their text layer and OCR the rest; always: OCR every page; never: fail on a page that needs OCR (default: ${DEFAULTS.ocr})`,
    choices: OCR_MODES,
  },
  password: { flags: '--password <pw>', help: `password of an encrypted PDF (visible to other users in ps: prefer --password-file or the ${PASSWORD_VARIABLE} variable)` },
  passwordFile: { flags: '--password-file <file>', help: 'read the password of an encrypted PDF from the first line of a file' },
  quiet: { flags: '-q, --quiet', help: 'no progress bar and no warnings on stderr' },
  debugDir: { flags: '--debug-dir <dir>', help: "write per page a PNG of the detected rulings, tables, cells and words, and per OCR'd table a PNG of the crop as OCR saw it" },
};

/** The run options among commander's parsed flags (whose names are OptionInput's fields). */
export function optionInputOf(flags: Record<string, unknown>, input: string, output: string, env: NodeJS.ProcessEnv = process.env): OptionInput {
  const given = Object.fromEntries(Object.keys(OPTION_FLAGS).map((field) => [field, flags[field]])) as Partial<OptionInput>;
  const fromEnvironment = given.password === undefined && given.passwordFile === undefined && env[PASSWORD_VARIABLE] ? { password: env[PASSWORD_VARIABLE] } : {};
  return { ...given, ...fromEnvironment, input, output };
}
