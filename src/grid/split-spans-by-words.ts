// Rulings a scan lost in part of a grid: a calendar's week numbers or a lab report's test names in
// a column whose row rules are too faint, one tall "merged" cell holding 4, 5, 6 beside rows of
// dates. Where a row-spanning cell's lines sit one per spanned row, each level with the text of
// the other cells of its row, the cell is those rows' cells, not a merged one. A merged label (its lines set close
// together, centred in the span) lines up with no row and stays merged; so do a cell starting in
// the top row (a header label wrapped over two header rows sits level with them) and a row label
// heading sub-rows that repeat down the table (headsSubRows).
import type { CellGrid, GridCell, PixelBox, Word } from '../types.js';
import { centreInCell, median } from '../measure.js';

// A line is level with its row's text when their centres differ by at most this share of its height.
const MAX_CENTRE_OFFSET_RATIO = 0.35;

const centreY = (box: PixelBox) => (box.top + box.bottom) / 2;


/** The cells `cell` is made of when its lines sit one per row, level with those rows' text; null when it is a merged cell. */
function splitCell(grid: CellGrid, cell: GridCell, words: readonly Word[]): GridCell[] | null {
  const own = words.filter((word) => centreInCell(word, cell.box));
  if (own.length < 2) return null;
  const parts: GridCell[] = [];
  let filled = 0;
  for (let k = 0; k < cell.rowSpan; k++) {
    const row = cell.row + k;
    const top = grid.rowEdges[row];
    const bottom = grid.rowEdges[row + 1];
    const band = own.filter((word) => centreY(word.box) >= top && centreY(word.box) < bottom);
    // The text of the row's own one-row cells, outside this cell.
    const beside = grid.cells
      .filter((other) => other !== cell && other.row === row && other.rowSpan === 1)
      .flatMap((other) => words.filter((word) => centreInCell(word, other.box)));
    if (band.length > 0) {
      if (beside.length === 0) return null;
      const rowCentre = median(beside.map((word) => centreY(word.box)));
      if (band.some((word) => Math.abs(centreY(word.box) - rowCentre) > MAX_CENTRE_OFFSET_RATIO * (word.box.bottom - word.box.top))) return null;
      filled++;
    }
    parts.push({ row, col: cell.col, rowSpan: 1, colSpan: cell.colSpan, box: { left: cell.box.left, top, right: cell.box.right, bottom } });
  }
  return filled >= 2 ? parts : null;
}

/** The texts of the cells right of `cell`, row by row down its span. */
function subRowLabels(grid: CellGrid, cell: GridCell, words: readonly Word[]): string {
  const right = grid.cells.filter((other) => other.col === cell.col + cell.colSpan && other.row >= cell.row && other.row < cell.row + cell.rowSpan);
  return right.map((other) => words.filter((word) => centreInCell(word, other.box)).map((word) => word.text).join(' ')).join('\n');
}

/**
 * Whether `cell` heads sub-rows: the cells right of it read the same down its span as beside
 * another span of its column (营业 收入 over 金额 / 占比%, then 营业 支出 over 金额 / 占比%). Its
 * lines are a label wrapped over them, however level they sit.
 */
function headsSubRows(grid: CellGrid, cell: GridCell, words: readonly Word[]): boolean {
  const labels = subRowLabels(grid, cell, words);
  if (labels.replace(/\s/gu, '') === '') return false;
  return grid.cells.some((other) => other !== cell && other.col === cell.col && other.rowSpan === cell.rowSpan && subRowLabels(grid, other, words) === labels);
}

/** The grid with each row-spanning cell whose lines sit one per row split into those rows' cells. */
export function splitSpansByWords(grid: CellGrid, words: readonly Word[]): CellGrid {
  if (!grid.cells.some((cell) => cell.rowSpan > 1)) return grid;
  // Not in the top row: a header label wrapped over the header's rows lines up with them too.
  // headsSubRows reads the whole column: asked only of cells whose lines do sit one per row.
  const partsOf = (cell: GridCell) => {
    if (cell.rowSpan < 2 || cell.row === 0) return null;
    const parts = splitCell(grid, cell, words);
    return parts && !headsSubRows(grid, cell, words) ? parts : null;
  };
  const cells = grid.cells.flatMap((cell) => partsOf(cell) ?? [cell]);
  if (cells.length === grid.cells.length) return grid;
  // Row-major order of the top-left corners, as every grid keeps them.
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { ...grid, cells };
}
