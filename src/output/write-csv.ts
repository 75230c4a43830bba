// Tables → CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted,
// CRLF between records, UTF-8) or TSV (the same with tabs). Cells keep the text as read; a merged
// cell's text is in its top-left position and the positions it covers are empty. A text cell that
// a spreadsheet would run as a formula is escaped unless the caller asks for the raw text. With
// csvBom each file starts with a UTF-8 byte-order mark: Excel on Windows reads a CSV without one
// in the system's ANSI code page, which garbles Chinese.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, errorText } from '../errors.js';
import type { DelimitedFormat } from '../options.js';
import type { ExtractedTable, TypedTable } from '../types.js';
import { writeFileAtomically } from './atomic-write.js';
import { CSV_COMPLETE_MARKER } from './complete-output.js';

const SEPARATORS: Record<DelimitedFormat, string> = { csv: ',', tsv: '\t' };

/** The byte-order mark --csv-bom puts first. */
export const UTF8_BOM = '\ufeff';

function quoteField(text: string, separator: string): string {
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

// OWASP's CSV-injection rule: Excel, LibreOffice and Google Sheets run a cell that starts with one
// of these as a formula (=HYPERLINK(...), +cmd|' /C calc'!A0, @SUM(...)).
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// ...but a number (-2, +3.5, -1,234.50, -12%) is data, and signs alone (a '-' for none) run nothing.
// Looser than the typing's parser (assemble/cell-values.ts) on purpose: a sign and digits run no
// formula whatever their grouping, so a text cell such as `-1.2.3` is left as written too.
const SIGNED_NUMBER = /^[+-]?\s*\d[\d.,\s]*%?$/;
const SIGNS_ONLY = /^[+-]+$/;

/** The text a spreadsheet shows as written: a leading `'` on a text cell it would run as a formula. */
export function escapeFormula(text: string, isNumber: boolean): string {
  if (!FORMULA_TRIGGER.test(text) || isNumber || SIGNED_NUMBER.test(text.trim()) || SIGNS_ONLY.test(text)) return text;
  return `'${text}`;
}

export interface CsvOptions {
  /** Keep formula-looking text exactly as read (--csv-raw); by default it is escaped. */
  csvRaw: boolean;
  /** Start each file with a UTF-8 byte-order mark (--csv-bom). */
  csvBom: boolean;
}

/** One table as delimited text (no byte-order mark). */
export function tableCsv(table: TypedTable, options: Pick<CsvOptions, 'csvRaw'>, format: DelimitedFormat = 'csv'): string {
  const rows = Array.from({ length: table.rowCount }, () => new Array<string>(table.columnCount).fill(''));
  for (const cell of table.cells) rows[cell.row][cell.col] = options.csvRaw ? cell.text : escapeFormula(cell.text, table.values[cell.row][cell.col].kind === 'number');
  const separator = SEPARATORS[format];
  return rows.map((row) => row.map((text) => quoteField(text, separator)).join(separator) + '\r\n').join('');
}

/** `p3-t1.csv`: page 3, its first table. */
export const csvFileName = (table: ExtractedTable, format: DelimitedFormat = 'csv') => `p${table.pageNumber}-t${table.tableIndex + 1}.${format}`;

/**
 * One CSV file per table in `dir` (made if missing); returns the files written. The folder's
 * completion marker is removed first and written last, so --skip-existing never trusts a folder
 * a killed run left half-filled.
 */
export async function writeCsvFiles(tables: readonly TypedTable[], dir: string, options: CsvOptions, format: DelimitedFormat = 'csv'): Promise<string[]> {
  const marker = path.join(dir, CSV_COMPLETE_MARKER);
  try {
    await mkdir(dir, { recursive: true });
    await rm(marker, { force: true });
  } catch (error) {
    throw new OutputError(`cannot create the folder ${dir}: ${errorText(error)}`);
  }
  const files: string[] = [];
  for (const table of tables) {
    const file = path.join(dir, csvFileName(table, format));
    await writeFileAtomically(file, (options.csvBom ? UTF8_BOM : '') + tableCsv(table, options, format));
    files.push(file);
  }
  await writeFileAtomically(marker, files.map((file) => path.basename(file)).join('\n') + '\n');
  return files;
}
