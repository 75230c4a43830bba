// Typing, the last step before writing: a joined table's cells as typed values, which top rows
// are its header, and which cells the reader should check. Every writer writes what this gives.
import type { DecimalOption } from '../options.js';
import type { CellValue, ExtractedCell, ExtractedTable, TypedCell, TypedTable } from '../types.js';
import { decideDecimalSeparator, parseCellValue, typeTableValues } from './cell-values.js';
import { checkTotals, columnAddsUp } from './check-totals.js';
import { needsChecking } from './find-doubtful-cells.js';
import { strayWordsInNumberColumns } from './stray-words.js';

export interface TypingOptions {
  /** false: every cell stays text (--no-typing). */
  typing: boolean;
  decimal: DecimalOption;
  /** OCR confidence (0-100) below which a cell is to be checked. */
  lowConfidence: number;
}

type TableValues = Pick<TypedTable, 'values' | 'headerRows'>;

// A header longer than this many rows is more likely a text-only table with a number at the end.
const MAX_HEADER_ROWS = 5;

/** The table's cell texts as a full grid ('' where no cell starts). */
function textGrid(table: ExtractedTable): string[][] {
  const grid = Array.from({ length: table.rowCount }, () => new Array<string>(table.columnCount).fill(''));
  for (const cell of table.cells) grid[cell.row][cell.col] = cell.text;
  return grid;
}

const isTyped = (value: CellValue) => value.kind !== 'text';
const isText = (value: CellValue) => value.kind === 'text' && value.text.trim() !== '';

/** Plain four-digit years (1900–2099) and nothing else: a row of years over columns of figures. */
function isRowOfYears(row: CellValue[]): boolean {
  const numbers = row.filter(isTyped);
  return numbers.length > 0 && numbers.length === row.filter((value) => value.kind !== 'text' || value.text.trim() !== '').length
    && numbers.every((value) => value.kind === 'number' && value.numFmt === '0' && Number.isInteger(value.value) && value.value >= 1900 && value.value < 2100);
}

/**
 * Header rows: the rows above the first row with a number or date, or the top row when the table
 * has no numbers, or when its top row mixes labels with numbers or holds only years (a row of years
 * over the columns).
 */
function countHeaderRows(typed: CellValue[][]): number {
  if (typed.length < 2) return 0;
  const firstTypedRow = typed.findIndex((row) => row.some(isTyped));
  if (firstTypedRow < 0) return 1;
  if (firstTypedRow === 0) return typed[0].some(isText) || isRowOfYears(typed[0]) ? 1 : 0;
  return firstTypedRow <= Math.min(MAX_HEADER_ROWS, typed.length - 1) ? firstTypedRow : 1;
}

function tableValues(table: ExtractedTable, options: TypingOptions): TableValues {
  const texts = textGrid(table);
  const asText = () => texts.map((row) => row.map((text): CellValue => ({ kind: 'text', text })));
  if (!options.typing) return { values: asText(), headerRows: countHeaderRows(asText()) };
  const typed = typeTableValues(texts, options.decimal);
  const headerRows = countHeaderRows(typed);
  // Header cells are labels: `2024` over a column is a heading, not a number.
  for (let row = 0; row < headerRows; row++) typed[row] = texts[row].map((text) => ({ kind: 'text', text }));
  return { values: typed, headerRows };
}

/** What the reader is told about a cell to check: its confidence, and why its value is in doubt. */
function checkNote(cell: ExtractedCell, lowConfidence: number): string {
  const confidence = cell.confidence === null ? '' : `OCR confidence ${Math.round(cell.confidence)}%${cell.confidence < lowConfidence ? ` (below ${lowConfidence}%)` : ''}`;
  return `${[confidence, cell.doubt].filter(Boolean).join('; ')}: check this cell against the PDF.`;
}

const cellKey = (row: number, col: number) => `${row},${col}`;

/**
 * Doubtful numbers are written as their text, never typed: a number 10× off in a typed cell goes
 * into a user's sums unseen. Returns what each such cell would have been typed as, for the totals.
 */
function untypeDoubtfulCells(table: ExtractedTable, values: CellValue[][]): Map<string, { text: string; value: CellValue }> {
  const doubtful = new Map<string, { text: string; value: CellValue }>();
  for (const cell of table.cells) {
    if (cell.doubt === null || cell.text === '') continue;
    const value = values[cell.row][cell.col];
    if (value.kind === 'text') continue;
    doubtful.set(cellKey(cell.row, cell.col), { text: cell.text, value });
    values[cell.row][cell.col] = { kind: 'text', text: cell.text };
  }
  return doubtful;
}

/**
 * A column whose texts leave the decimal separator open (`3.597`, `1.241`, `732`: thousands or
 * decimals?) is typed the other way when only that makes its totals add up (3,597 + … = 14,862).
 */
function settleSeparatorsByTotals(texts: string[][], values: CellValue[][], headerRows: number, doubtful: ReadonlyMap<string, { text: string; value: CellValue }>): void {
  const columnCount = Math.max(0, ...values.map((row) => row.length));
  const totalsInput = (grid: CellValue[][]) => ({ values: grid, headerRows, doubtful });
  for (let col = 1; col < columnCount; col++) {
    if (columnAddsUp(totalsInput(values), col) !== false) continue;
    const other = decideDecimalSeparator(texts.map((row) => row[col] ?? '')) === '.' ? ',' : '.';
    const retyped = values.map((row, r) => (r < headerRows || doubtful.has(cellKey(r, col)) ? row : row.map((value, c) => (c === col ? parseCellValue(texts[r][c], other) : value))));
    const numbers = (grid: CellValue[][]) => grid.filter((row) => row[col]?.kind === 'number').length;
    if (numbers(retyped) !== numbers(values) || columnAddsUp(totalsInput(retyped), col) !== true) continue;
    for (const [r, row] of retyped.entries()) values[r][col] = row[col];
  }
}

export function typeTable(extracted: ExtractedTable, options: TypingOptions): TypedTable {
  const { values, headerRows } = tableValues(extracted, options);
  // Header cells are labels: a year over a column of decimals is not a misread figure.
  const table = { ...extracted, cells: extracted.cells.map((cell) => (cell.row < headerRows && cell.doubt !== null ? { ...cell, doubt: null } : cell)) };
  const doubtful = options.typing ? untypeDoubtfulCells(table, values) : new Map();
  const strays = table.source === 'ocr' && options.typing ? strayWordsInNumberColumns(values, headerRows, new Set(doubtful.keys())) : new Set<string>();
  if (options.typing && options.decimal === 'auto') settleSeparatorsByTotals(textGrid(table), values, headerRows, doubtful);
  const totals = options.typing ? checkTotals({ values, headerRows, doubtful }) : [];
  const totalNotes = new Map(totals.filter((total) => total.note !== null).map((total) => [cellKey(total.row, total.col), total.note!]));
  const cells = table.cells.map((cell): TypedCell => {
    const key = cellKey(cell.row, cell.col);
    const notes = [
      needsChecking(cell, options.lowConfidence) ? checkNote(cell, options.lowConfidence) : null,
      strays.has(key) ? `Text in a column of numbers: a misread number? Check this cell against the PDF.` : null,
      totalNotes.get(key) ?? null,
    ].filter((note): note is string => note !== null);
    const doubtfulValue = doubtful.has(key) || strays.has(key) || totalNotes.has(key);
    return { ...cell, check: notes.length > 0 ? notes.join('\n') : null, doubtfulValue };
  });
  return { ...table, values, headerRows, cells, totals: totals.map(({ row, col, addsUp }) => ({ row, col, addsUp })) };
}
