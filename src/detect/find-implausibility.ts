import type { CellGrid } from '../types.js';

/** A grid covering this much of the page… */
const PAGE_FRAME_AREA_RATIO = 0.5;
/** …with fewer cells than this is a page frame or a framed layout (header box, footer box), not a table. */
const MIN_CELLS_FOR_PAGE_SIZED = 4;
/** A one-row "table" taller than this is a framed figure, not a table row. */
const MAX_SINGLE_ROW_INCHES = 1.5;

/**
 * Why a grid is no table (a lone box, a page frame, a framed figure), or '' when plausible.
 * Shared by the raster and the vector detectors; `page` is the page's size in pixels at `dpi`.
 */
export function findImplausibility(grid: CellGrid, page: { width: number; height: number; dpi: number }): string {
  if (grid.cells.length < 2) return 'a single cell';
  const boxArea = (grid.box.right - grid.box.left) * (grid.box.bottom - grid.box.top);
  if (boxArea >= PAGE_FRAME_AREA_RATIO * page.width * page.height && grid.cells.length < MIN_CELLS_FOR_PAGE_SIZED) {
    return 'a page frame';
  }
  const rows = grid.rowEdges.length - 1;
  if (rows === 1 && grid.box.bottom - grid.box.top > MAX_SINGLE_ROW_INCHES * page.dpi) return 'one tall row';
  return '';
}
