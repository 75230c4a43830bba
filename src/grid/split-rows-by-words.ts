// Unruled rows inside vector-ruled tables of born-digital pages (rules only between columns, or
// under the header): the same rule as for scans (split-implicit-rows.ts), with the text layer's
// word boxes standing in for the scan's ink.
import type { CellGrid, Word } from '../types.js';
import { splitImplicitRows } from './split-implicit-rows.js';

/** Word boxes are drawn at this share of their height, centred: a box runs from ascender to descender, and the boxes of tightly set lines touch. */
const WORD_CORE_HEIGHT_RATIO = 0.6;
/** Kept clear of each cell's borders (a word's box may reach a rule by a hair). */
const CELL_MARGIN_INCHES = 0.01;
/** Blank bands under ~1 pt are inside a line of text. */
const MIN_ROW_GAP_INCHES = 0.012;
/** Bands under ~2 pt tall are no text line. */
const MIN_TEXT_LINE_INCHES = 0.025;

/** A mask (1 = text) of the word boxes' cores, in a bitmap `width` × `height`. */
function wordMask(words: readonly Word[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const { box } of words) {
    const middle = (box.top + box.bottom) / 2;
    const half = ((box.bottom - box.top) * WORD_CORE_HEIGHT_RATIO) / 2;
    const left = Math.max(0, Math.round(box.left));
    const right = Math.min(width, Math.round(box.right));
    for (let y = Math.max(0, Math.round(middle - half)); y < Math.min(height, Math.round(middle + half)); y++) mask.fill(1, y * width + left, y * width + right);
  }
  return mask;
}

/** `grids` with their rows split where every column's text lines break alike (see split-implicit-rows.ts). */
export function splitRowsByWords(grids: CellGrid[], words: readonly Word[], page: { width: number; height: number; dpi: number }): CellGrid[] {
  if (grids.length === 0) return grids;
  const px = (inches: number, min: number) => Math.max(min, Math.round(inches * page.dpi));
  const settings = { marginPx: px(CELL_MARGIN_INCHES, 1), minGapPx: px(MIN_ROW_GAP_INCHES, 2), minLineHeightPx: px(MIN_TEXT_LINE_INCHES, 4) };
  const width = Math.ceil(page.width);
  const height = Math.ceil(page.height);
  // One mask for all the page's grids: each grid reads it only inside its own cells.
  const mask = wordMask(words, width, height);
  return grids.map((grid) => splitImplicitRows(grid, mask, width, settings));
}
