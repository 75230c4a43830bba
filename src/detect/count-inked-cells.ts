import type { CellGrid } from '../types.js';

/** Mask value of dark ink (text); thin light lines (light chart gridlines) are not content. */
const DARK_INK = 1;

/**
 * Count the cells of a grid that hold some dark ink inside their borders (at least `minInkPx`
 * pixels of mask value 1 once `marginPx` is trimmed off every side, past the rulings' own pixels).
 * A grid whose cells are all blank is a figure's gridlines or an empty form, not a table to extract.
 */
export function countInkedCells(mask: Uint8Array, width: number, grid: CellGrid, marginPx: number, minInkPx: number): number {
  let inked = 0;
  for (const cell of grid.cells) {
    const left = cell.box.left + marginPx;
    const right = cell.box.right - marginPx;
    const top = cell.box.top + marginPx;
    const bottom = cell.box.bottom - marginPx;
    let ink = 0;
    for (let y = top; y < bottom && ink < minInkPx; y++) {
      const o = y * width;
      for (let x = left; x < right; x++) if (mask[o + x] === DARK_INK) ink++;
    }
    if (ink >= minInkPx) inked++;
  }
  return inked;
}
