// Tables → CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks quoted,
// CRLF between records, UTF-8). Cells keep the text as read; a merged cell's text is in its
// top-left position and the positions it covers are empty.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, errorText } from '../errors.js';
import type { ExtractedTable } from '../types.js';
import { writeFileAtomically } from './atomic-write.js';

const quoteField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function tableCsv(table: ExtractedTable): string {
  const rows = Array.from({ length: table.rowCount }, () => new Array<string>(table.columnCount).fill(''));
  for (const cell of table.cells) rows[cell.row][cell.col] = cell.text;
  return rows.map((row) => row.map(quoteField).join(',') + '\r\n').join('');
}

/** `p3-t1.csv`: page 3, its first table. */
export const csvFileName = (table: ExtractedTable) => `p${table.pageNumber}-t${table.tableIndex + 1}.csv`;

/** One CSV file per table in `dir` (made if missing); returns the files written. */
export async function writeCsvFiles(tables: readonly ExtractedTable[], dir: string): Promise<string[]> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new OutputError(`cannot create the folder ${dir}: ${errorText(error)}`);
  }
  const files: string[] = [];
  for (const table of tables) {
    const file = path.join(dir, csvFileName(table));
    await writeFileAtomically(file, tableCsv(table));
    files.push(file);
  }
  return files;
}
