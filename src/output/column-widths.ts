// Column widths in characters (Excel's unit: the width of a digit in the default font), fitted
// to the longest line in each column. Row heights and the page orientation read them back.
import type ExcelJS from 'exceljs';

const MIN_COLUMN_WIDTH = 6;
const MAX_COLUMN_WIDTH = 60;
// Room for the cell's padding: the fitted width is the longest line plus this.
export const CELL_PADDING = 2;
/** The width Excel gives a column that sets none. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** Display width of a text in characters: East Asian wide characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/** Tracks the widest content per sheet column. */
export class ColumnWidths {
  private readonly widths = new Map<number, number>();

  note(column: number, text: string): void {
    const widest = Math.max(0, ...text.split('\n').map(displayWidth));
    this.widths.set(column, Math.max(this.widths.get(column) ?? 0, widest));
  }

  /** The width written for a column (1-based), or Excel's default where nothing was noted. */
  widthOf(column: number): number {
    const widest = this.widths.get(column);
    return widest === undefined ? DEFAULT_COLUMN_WIDTH : Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + CELL_PADDING));
  }

  /** The summed widths of `count` columns from `first`. */
  widthOfColumns(first: number, count: number): number {
    let width = 0;
    for (let column = first; column < first + count; column++) width += this.widthOf(column);
    return width;
  }

  apply(sheet: ExcelJS.Worksheet): void {
    for (const column of this.widths.keys()) sheet.getColumn(column).width = this.widthOf(column);
  }
}
