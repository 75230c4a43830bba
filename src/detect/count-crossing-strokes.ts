import type { CellGrid } from '../types.js';

export interface CrossingProbe {
  /** Rows/columns of the line itself are searched this far around the grid edge. */
  maxLineThicknessPx: number;
  /** Probe this far beyond the line's outer rows, past its anti-aliasing. */
  probeGapPx: number;
  /** Ink on a probe row in a run longer than this is another line (a double rule), not a stroke. */
  maxStrokeRunPx: number;
  /** Stay this far from the perpendicular rulings, where crossings are the grid's own. */
  marginPx: number;
}

/**
 * Count strokes that pass through the grid's borders: dark ink (mask value 1; the mask may
 * also hold lighter thin-line pixels) just beyond a border on both sides,
 * at nearly the same place along it. Text stays inside its cell; the data lines of a chart
 * drawn over a gridded background cross the gridlines again and again. Used to tell charts
 * from tables.
 */
export function countCrossingStrokes(
  mask: Uint8Array,
  width: number,
  height: number,
  grid: CellGrid,
  probe: CrossingProbe,
): number {
  const rows = grid.rowEdges.length - 1;
  const cols = grid.columnEdges.length - 1;
  const cellAt = new Int32Array(rows * cols);
  grid.cells.forEach((cell, index) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) cellAt[r * cols + c] = index;
    }
  });
  let crossings = 0;
  // horizontal borders: along = x (stride 1), across = y (stride width)
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (cellAt[(i - 1) * cols + j] === cellAt[i * cols + j]) continue;
      crossings += countOnBorder(mask, 1, width, width, height, grid.rowEdges[i], grid.columnEdges[j], grid.columnEdges[j + 1], probe);
    }
  }
  // vertical borders: along = y (stride width), across = x (stride 1)
  for (let j = 1; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      if (cellAt[i * cols + j - 1] === cellAt[i * cols + j]) continue;
      crossings += countOnBorder(mask, width, 1, height, width, grid.columnEdges[j], grid.rowEdges[i], grid.rowEdges[i + 1], probe);
    }
  }
  return crossings;
}

function countOnBorder(
  mask: Uint8Array,
  strideAlong: number,
  strideAcross: number,
  alongSize: number,
  acrossSize: number,
  position: number,
  from: number,
  to: number,
  probe: CrossingProbe,
): number {
  const a0 = Math.max(0, Math.round(from) + probe.marginPx);
  const a1 = Math.min(alongSize, Math.round(to) - probe.marginPx);
  if (a1 - a0 < 4) return 0;
  const inkRatio = (b: number): number => {
    if (b < 0 || b >= acrossSize) return 0;
    let ink = 0;
    for (let a = a0; a < a1; a++) if (mask[a * strideAlong + b * strideAcross] !== 0) ink++;
    return ink / (a1 - a0);
  };
  // Find the line's rows: the densest row near the edge, grown while rows stay mostly ink.
  const centre = Math.round(position);
  const half = Math.ceil(probe.maxLineThicknessPx / 2);
  let best = centre;
  let bestRatio = -1;
  for (let b = centre - half; b <= centre + half; b++) {
    const r = inkRatio(b);
    if (r > bestRatio) {
      bestRatio = r;
      best = b;
    }
  }
  if (bestRatio < 0.5) return 0;
  let lo = best;
  let hi = best;
  while (hi - lo < probe.maxLineThicknessPx && inkRatio(lo - 1) >= 0.5) lo--;
  while (hi - lo < probe.maxLineThicknessPx && inkRatio(hi + 1) >= 0.5) hi++;
  const before = lo - probe.probeGapPx;
  const after = hi + probe.probeGapPx;
  if (before < 0 || after >= acrossSize) return 0;

  const strokeBefore = shortStrokes(mask, strideAlong, strideAcross, before, a0, a1, probe.maxStrokeRunPx);
  const strokeAfter = shortStrokes(mask, strideAlong, strideAcross, after, a0, a1, probe.maxStrokeRunPx);
  // A slanted stroke reaches the far probe shifted along the line: accept that much shift.
  const reach = after - before;
  let count = 0;
  let inCrossing = false;
  for (let a = a0; a < a1; a++) {
    let hit = false;
    if (strokeAfter[a - a0]) {
      const s = Math.max(a0, a - reach);
      const e = Math.min(a1 - 1, a + reach);
      for (let k = s; k <= e && !hit; k++) hit = strokeBefore[k - a0] === 1;
    }
    if (hit && !inCrossing) count++;
    inCrossing = hit;
  }
  return count;
}

/** 1 where the probe row has dark ink (mask value 1) in a run no longer than maxRunPx. */
function shortStrokes(
  mask: Uint8Array,
  strideAlong: number,
  strideAcross: number,
  b: number,
  a0: number,
  a1: number,
  maxRunPx: number,
): Uint8Array {
  const out = new Uint8Array(a1 - a0);
  let a = a0;
  while (a < a1) {
    if (mask[a * strideAlong + b * strideAcross] !== 1) {
      a++;
      continue;
    }
    const s = a;
    while (a < a1 && mask[a * strideAlong + b * strideAcross] === 1) a++;
    if (a - s <= maxRunPx) out.fill(1, s - a0, a - a0);
  }
  return out;
}
