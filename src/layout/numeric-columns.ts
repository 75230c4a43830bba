// Columns of numbers in a block of lines, and where the body starts below a header: the lines
// above the first number in a column of numbers are header lines (a header wrapped over lines).
import type { ColumnGap } from './column-gaps.js';
import { textOf, wordsByColumn } from './columns-and-rules.js';
import { isNumericOrBlank } from './number-text.js';
import { type TextLine } from './text-lines.js';
import { median } from '../measure.js';

/** At most this many lines above the body are a header (a three-line header plus a spanning group line). */
export const MAX_HEADER_LINES = 4;
/** A column where this share of the filled lines hold numbers is a column of numbers. */
const NUMERIC_COLUMN_SHARE = 0.6;
/** A line filling the first column and this share of a typical line's columns is a body row, not a wrapped header line. */
const ROW_LIKE_FILL_SHARE = 0.75;

/** Columns of numbers (most lines of the block that fill them, judged below the header, hold a number), with each line's cell texts. */
interface NumericColumns {
  /** Per line, its text in each column. */
  cells: string[][];
  numericColumns: number[];
}

export function numericColumnsOf(lines: readonly TextLine[], gaps: readonly ColumnGap[]): NumericColumns {
  const edges = [-Infinity, ...gaps.map((g) => (g.left + g.right) / 2), Infinity];
  const cells = lines.map((line) => wordsByColumn([line], edges).map(textOf));
  const numericColumns: number[] = [];
  // Judge the columns by the lower lines: the header lines are what is being looked for.
  const lower = cells.slice(Math.min(MAX_HEADER_LINES, Math.floor(cells.length / 2)));
  for (let c = 0; c + 1 < edges.length; c++) {
    const filled = lower.map((row) => row[c]).filter((t) => t !== '');
    if (filled.length >= 2 && filled.filter(isNumericOrBlank).length >= NUMERIC_COLUMN_SHARE * filled.length) numericColumns.push(c);
  }
  return { cells, numericColumns };
}

/**
 * The index of the first line with a number in a column of numbers, or 0 when the table has no
 * such column.
 */
export function firstNumericLine({ cells, numericColumns }: NumericColumns): number {
  if (numericColumns.length === 0) return 0;
  const first = cells.findIndex((row) => numericColumns.some((c) => isNumericOrBlank(row[c]) && row[c] !== ''));
  return Math.max(0, first);
}

/**
 * The index of the first line from `from` on (past the first line) that reads as a body row: it
 * fills the first column and nearly as many columns as a typical line of the block, with no words
 * in a column of numbers. A data row whose number is blank (an empty Ext. cell) is still a row;
 * a wrapped header's lines hold words over the numbers.
 */
export function firstRowLikeLine({ cells, numericColumns }: NumericColumns, from: number): number {
  const filled = cells.map((row) => row.filter((text) => text !== '').length);
  const typical = median(filled);
  for (let k = Math.max(1, from); k < cells.length; k++) {
    const wordsOverNumbers = numericColumns.some((c) => cells[k][c] !== '' && !isNumericOrBlank(cells[k][c]));
    if (cells[k][0] !== '' && filled[k] >= 2 && filled[k] >= ROW_LIKE_FILL_SHARE * typical && !wordsOverNumbers) return k;
  }
  return cells.length;
}
