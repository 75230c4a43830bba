// Glyph-sized ink components, and a grid of them for nearest-neighbour searches.
import { componentsOfMask, type Components, type CoarseInkMask } from '../../image/ink-components.js';

/** Components larger than this (inches) in either direction are pictures, borders or frames. */
const MAX_GLYPH_SIZE_INCH = 0.5;

/** The glyph-sized components and their typical size. */
export interface Glyphs {
  components: Components;
  /** Components that look like glyphs (not specks, not pictures or frames). */
  ids: Int32Array;
  /** Components too small for glyphs: i-dots, periods, commas, specks. */
  dots: Int32Array;
  /** Median of max(width, height) over the glyphs. */
  medianSize: number;
}

/** The components of `k` (by default those of the mask) sorted into glyphs, dots and the rest. */
export function glyphsOf(mask: CoarseInkMask, k: Components = componentsOfMask(mask)): Glyphs {
  const maxSize = Math.round(MAX_GLYPH_SIZE_INCH * mask.dpi);
  const sizeHistogram = new Int32Array(maxSize + 1);
  let sized = 0;
  for (let c = 0; c < k.count; c++) {
    const size = Math.max(k.right[c] - k.left[c], k.bottom[c] - k.top[c]) + 1;
    if (size <= maxSize && size >= 2 && k.area[c] >= 3) {
      sizeHistogram[size]++;
      sized++;
    }
  }
  let medianSize = 0;
  for (let size = 0, seen = 0; size <= maxSize; size++) {
    seen += sizeHistogram[size];
    if (seen * 2 > sized) {
      medianSize = size;
      break;
    }
  }
  const ids: number[] = [];
  const dots: number[] = [];
  const minGlyph = 0.4 * medianSize;
  const maxStroke = Math.max(3, 0.25 * medianSize);
  const minRulingPiece = Math.round(0.15 * mask.dpi);
  for (let c = 0; c < k.count; c++) {
    const width = k.right[c] - k.left[c] + 1;
    const height = k.bottom[c] - k.top[c] + 1;
    const size = Math.max(width, height);
    if (size > maxSize) continue;
    // a piece of a ruling between two crossing ones (a cell's side), or of a broken one
    const thickness = Math.min(width, height);
    if ((size >= 2 * medianSize && thickness <= maxStroke) || (size >= minRulingPiece && size >= 10 * thickness)) continue;
    if (size >= minGlyph && size >= 2 && k.area[c] >= 3) ids.push(c);
    else if (k.area[c] >= 2) dots.push(c);
  }
  return { components: k, ids: Int32Array.from(ids), dots: Int32Array.from(dots), medianSize };
}

/** Buckets of components by centre, for nearest-neighbour searches (compressed rows). */
export interface ComponentGrid {
  cellSize: number;
  columns: number;
  rows: number;
  /** Components of bucket b: items[start[b] .. start[b + 1]). */
  start: Int32Array;
  items: Int32Array;
}

export function gridOf(glyphs: Glyphs, width: number, height: number): ComponentGrid {
  const { components: k, ids } = glyphs;
  const cellSize = Math.max(4, 2 * glyphs.medianSize);
  const columns = Math.ceil(width / cellSize);
  const rows = Math.ceil(height / cellSize);
  const start = new Int32Array(columns * rows + 1);
  const bucketOf = new Int32Array(ids.length);
  for (let n = 0; n < ids.length; n++) {
    const c = ids[n];
    const b = Math.floor((k.top[c] + k.bottom[c]) / 2 / cellSize) * columns + Math.floor((k.left[c] + k.right[c]) / 2 / cellSize);
    bucketOf[n] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < columns * rows; b++) start[b + 1] += start[b];
  const fill = start.slice(0, columns * rows);
  const items = new Int32Array(ids.length);
  for (let n = 0; n < ids.length; n++) items[fill[bucketOf[n]]++] = ids[n];
  return { cellSize, columns, rows, start, items };
}

/** Overlap of [a0, a1] and [b0, b1] (inclusive ends) relative to the shorter one. */
export function overlapRatio(a0: number, a1: number, b0: number, b1: number): number {
  const overlap = Math.min(a1, b1) - Math.max(a0, b0) + 1;
  return overlap <= 0 ? 0 : overlap / Math.min(a1 - a0 + 1, b1 - b0 + 1);
}
