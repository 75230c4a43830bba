// Row heights for cells with wrapped (multi-line) text. Excel and LibreOffice keep a row with no
// height at one line, so a wrapped cell's text spills over the rows below it; each row is given
// the height its tallest wrapped cell needs instead. Rows without wrapped text get no height.
import type ExcelJS from 'exceljs';
import { CELL_PADDING, displayWidth, type ColumnWidths } from './column-widths.js';

/** A cell as written: its top-left position on the sheet (1-based) and the rows and columns it covers. */
export interface PlacedCell {
  cell: ExcelJS.Cell;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

// Excel's default row, one line of its default 11-pt font, is 15 points high.
const LINE_HEIGHT = 15;

/**
 * How many lines a text takes in a column `charsPerLine` characters wide: its own line breaks,
 * and each line wrapped at spaces; a word longer than a line is broken across lines, as Excel does.
 */
export function wrappedLineCount(text: string, charsPerLine: number): number {
  const capacity = Math.max(1, charsPerLine);
  let lines = 0;
  for (const line of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of line.split(' ')) {
      const width = displayWidth(word);
      if (used > 0 && used + 1 + width <= capacity) {
        used += 1 + width;
        continue;
      }
      if (used > 0) lines++;
      const wordLines = Math.max(1, Math.ceil(width / capacity));
      lines += wordLines - 1;
      used = width - (wordLines - 1) * capacity;
    }
  }
  return lines;
}

/** The text a wrapped cell shows per line: its columns' width less the padding the fit added. */
function charsPerLine(placed: PlacedCell, widths: ColumnWidths): number {
  return Math.floor(widths.widthOfColumns(placed.col, placed.colSpan)) - CELL_PADDING;
}

function neededHeight(placed: PlacedCell, widths: ColumnWidths): number {
  return wrappedLineCount(String(placed.cell.value ?? ''), charsPerLine(placed, widths)) * LINE_HEIGHT;
}

/**
 * Sets the height of every row holding wrapped text to fit its tallest wrapped cell, at the
 * widths the columns were written with. A cell spanning rows spreads what those rows lack evenly
 * over them. Call once the sheet's widths are final.
 */
export function fitRowHeights(sheet: ExcelJS.Worksheet, placed: readonly PlacedCell[], widths: ColumnWidths): void {
  const wrapped = placed.filter((cell) => cell.cell.alignment?.wrapText === true);
  const heights = new Map<number, number>();
  for (const cell of wrapped) {
    if (cell.rowSpan === 1) heights.set(cell.row, Math.max(heights.get(cell.row) ?? 0, neededHeight(cell, widths)));
  }
  // Single-row cells have set their rows, so a cell spanning rows only adds what those still lack.
  for (const cell of wrapped) {
    if (cell.rowSpan === 1) continue;
    const rows = Array.from({ length: cell.rowSpan }, (_, index) => cell.row + index);
    const lacking = neededHeight(cell, widths) - rows.reduce((sum, row) => sum + (heights.get(row) ?? LINE_HEIGHT), 0);
    if (lacking <= 0) continue;
    const share = Math.ceil(lacking / cell.rowSpan);
    for (const row of rows) heights.set(row, (heights.get(row) ?? LINE_HEIGHT) + share);
  }
  for (const [row, height] of heights) sheet.getRow(row).height = height;
}
