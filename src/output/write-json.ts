// Tables → one JSON document: every table with its summary (page, box, source, confidence) and
// its cells, with merges and, where typing is on, the typed value of each cell.
import { createRequire } from 'node:module';
import { summariseTable, type TableSummary } from './table-summary.js';
import type { TypedTable } from '../types.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface CellJson {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The text as read. */
  text: string;
  /** A number, or a date as YYYY-MM-DD, when the text is one (absent for text). */
  value?: number | string;
  /** The Excel number format that shows `value` as `text`. */
  numFmt?: string;
  confidence: number | null;
  /** Why the value read may be wrong; absent when nothing says so. */
  doubt?: string;
}

export interface TableJson extends TableSummary {
  headerRows: number;
  cells: CellJson[];
}

export interface TablesDocument {
  pdf2xlsx: string;
  input: string;
  tables: TableJson[];
}

export function tablesDocument(tables: readonly TypedTable[], input: string): TablesDocument {
  return {
    pdf2xlsx: version,
    input,
    tables: tables.map((table) => {
      const { values, headerRows } = table;
      return {
        ...summariseTable(table),
        headerRows,
        cells: table.cells.map((cell) => {
          const value = values[cell.row][cell.col];
          const typed =
            value.kind === 'number' ? { value: value.value, numFmt: value.numFmt }
            : value.kind === 'date' ? { value: value.value.toISOString().slice(0, 10), numFmt: value.numFmt }
            : {};
          return { row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, text: cell.text, ...typed, confidence: cell.confidence === null ? null : Math.round(cell.confidence * 10) / 10, ...(cell.doubt ? { doubt: cell.doubt } : {}), ...(cell.check ? { check: cell.check } : {}), ...(cell.doubtfulValue ? { doubtfulValue: true } : {}) };
        }),
      };
    }),
  };
}
