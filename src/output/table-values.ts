// A table's cells as typed values, and which top rows are its header. Shared by the workbook and
// JSON writers, so both type alike.
import { typeTableValues, type CellValue } from '../assemble/cell-values.js';
import type { DecimalOption } from '../options.js';
import type { ExtractedTable } from '../types.js';

export interface TypingOptions {
  /** false: every cell stays text (--no-typing). */
  typing: boolean;
  decimal: DecimalOption;
}

export interface TableValues {
  /** values[row][col]; positions covered by a merged cell hold empty text. */
  values: CellValue[][];
  /** How many top rows are header rows (labels: never typed). */
  headerRows: number;
}

// A header longer than this many rows is more likely a text-only table with a number at the end.
const MAX_HEADER_ROWS = 5;

/** The table's cell texts as a full grid ('' where no cell starts). */
export function textGrid(table: ExtractedTable): string[][] {
  const grid = Array.from({ length: table.rowCount }, () => new Array<string>(table.columnCount).fill(''));
  for (const cell of table.cells) grid[cell.row][cell.col] = cell.text;
  return grid;
}

const isTyped = (value: CellValue) => value.kind !== 'text';
const isText = (value: CellValue) => value.kind === 'text' && value.text.trim() !== '';

/**
 * Header rows: the rows above the first row with a number or date, or the top row when the table
 * has no numbers, or when its top row mixes labels with numbers (a row of years over the columns).
 */
function countHeaderRows(typed: CellValue[][]): number {
  if (typed.length < 2) return 0;
  const firstTypedRow = typed.findIndex((row) => row.some(isTyped));
  if (firstTypedRow < 0) return 1;
  if (firstTypedRow === 0) return typed[0].some(isText) ? 1 : 0;
  return firstTypedRow <= Math.min(MAX_HEADER_ROWS, typed.length - 1) ? firstTypedRow : 1;
}

export function tableValues(table: ExtractedTable, options: TypingOptions): TableValues {
  const texts = textGrid(table);
  const asText = () => texts.map((row) => row.map((text): CellValue => ({ kind: 'text', text })));
  if (!options.typing) return { values: asText(), headerRows: countHeaderRows(asText()) };
  const typed = typeTableValues(texts, options.decimal);
  const headerRows = countHeaderRows(typed);
  // Header cells are labels: `2024` over a column is a heading, not a number.
  for (let row = 0; row < headerRows; row++) typed[row] = texts[row].map((text) => ({ kind: 'text', text }));
  return { values: typed, headerRows };
}
