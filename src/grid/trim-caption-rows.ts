import type { CellGrid } from '../types.js';

/** A full-width top/bottom row this many times taller than the median row is a caption or notes block. */
const CAPTION_ROW_HEIGHT_RATIO = 2;

/**
 * Drop caption and notes rows that a frame drawn around a table shares with it: a first or
 * last grid row that is one cell spanning every column and much taller than the table's
 * typical row ("Exhibit B.4 …" above, footnotes below). A full-width title row of ordinary
 * height stays: it may be a real merged header. Returns the grid unchanged when nothing is
 * trimmed, or when trimming would leave fewer than two rows.
 */
export function trimCaptionRows(grid: CellGrid): CellGrid {
  let top = 0;
  let bottom = grid.rowEdges.length - 1; // exclusive row index
  const cols = grid.columnEdges.length - 1;
  const heights = grid.rowEdges.slice(1).map((y, i) => y - grid.rowEdges[i]);
  const isFullWidth = (row: number): boolean =>
    grid.cells.some((c) => c.row === row && c.rowSpan === 1 && c.col === 0 && c.colSpan === cols);
  const medianHeight = (from: number, to: number): number => {
    const s = heights.slice(from, to).sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };
  for (let changed = true; changed && bottom - top > 2; ) {
    changed = false;
    if (isFullWidth(top) && heights[top] >= CAPTION_ROW_HEIGHT_RATIO * medianHeight(top + 1, bottom)) {
      top++;
      changed = true;
    }
    if (bottom - top > 2 && isFullWidth(bottom - 1) && heights[bottom - 1] >= CAPTION_ROW_HEIGHT_RATIO * medianHeight(top, bottom - 1)) {
      bottom--;
      changed = true;
    }
  }
  if (top === 0 && bottom === grid.rowEdges.length - 1) return grid;
  const rowEdges = grid.rowEdges.slice(top, bottom + 1);
  const cells = grid.cells
    .filter((c) => c.row >= top && c.row + c.rowSpan <= bottom)
    .map((c) => ({ ...c, row: c.row - top, box: { ...c.box } }));
  return {
    box: { ...grid.box, top: rowEdges[0], bottom: rowEdges[rowEdges.length - 1] },
    columnEdges: [...grid.columnEdges],
    rowEdges,
    cells,
  };
}
