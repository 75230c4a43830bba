import type { CellGrid, PageImage, TableCrop } from '../types.js';
import { cropGray } from '../image/crop-gray.js';
import { otsuThreshold } from '../image/otsu-threshold.js';

/** Margin around the table box: half a heavy rule plus its anti-aliasing (~2 pt). */
const CROP_MARGIN_INCHES = 0.03;
/** A rule is searched this far either side of a grid edge: a 2-pt rule, blur and residual skew. */
const ERASE_ZONE_INCHES = 0.035;
/** A border segment holds a rule when one scan line along it is at least this much dark… */
const CORE_MIN_COVERAGE_RATIO = 0.5;
/** …and the rule's other scan lines (thickness, blurred edges) are the neighbours at least this dark. */
const BAND_MIN_COVERAGE_RATIO = 0.25;
/** On the rule's scan lines, dark runs at least this long are erased (a character stroke crossing the rule is shorter). */
const ERASE_MIN_RUN_INCHES = 0.04;
/** Gaps bridged inside a ruling run (scan dropouts, noise), ~1 pt. */
const ERASE_MAX_GAP_INCHES = 0.012;
/** Around an erased run, lighter-than-ink pixels are whitened this far (anti-aliasing, blur). */
const ERASE_BAND_PX = 2;

/**
 * Cut a table out of the page for OCR, with the ruling lines whitened (Tesseract reads almost
 * nothing from a crop with its grid lines in: see STACK-NOTES).
 *
 * Along each border segment between two different cells, the scan lines that hold the rule are
 * found by how much of the segment they darken; on those lines only, dark runs longer than a
 * character stroke are whitened (and, around them, the lighter anti-aliasing pixels). Text near a
 * rule is separated from it by paper and stays; a stroke crossing a rule loses only the rule's
 * pixels. Where cells are merged there is no border and nothing is erased.
 * The crop owns its ArrayBuffer (it is transferred to a worker); `offsetLeft`/`offsetTop` map
 * crop pixels back to page pixels.
 */
export function cropTableForOcr(image: PageImage, grid: CellGrid): TableCrop {
  const margin = Math.max(2, Math.round(CROP_MARGIN_INCHES * image.dpi));
  const crop = cropGray(image, {
    left: grid.box.left - margin,
    top: grid.box.top - margin,
    right: grid.box.right + margin + 1,
    bottom: grid.box.bottom + margin + 1,
  });
  const { width, height, gray } = crop;
  const offsetLeft = crop.box.left;
  const offsetTop = crop.box.top;
  const result: TableCrop = { offsetLeft, offsetTop, width, height, gray, dpi: image.dpi };
  if (width === 0 || height === 0) return result;

  const inkMaxGray = otsuThreshold(gray);
  const eraser: Eraser = {
    gray,
    runs: [],
    inkMaxGray,
    zonePx: Math.max(2, Math.round(ERASE_ZONE_INCHES * image.dpi)),
    minRunPx: Math.max(4, Math.round(ERASE_MIN_RUN_INCHES * image.dpi)),
    maxGapPx: Math.max(1, Math.round(ERASE_MAX_GAP_INCHES * image.dpi)),
  };
  const rowEdges = grid.rowEdges.map((y) => y - offsetTop);
  const columnEdges = grid.columnEdges.map((x) => x - offsetLeft);
  const rows = rowEdges.length - 1;
  const cols = columnEdges.length - 1;
  const cellAt = new Int32Array(Math.max(0, rows * cols));
  grid.cells.forEach((cell, index) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) cellAt[r * cols + c] = index;
    }
  });
  // A border lies between two different cells, or on the table's outline.
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (i > 0 && i < rows && cellAt[(i - 1) * cols + j] === cellAt[i * cols + j]) continue;
      eraseAlong(eraser, 1, width, width, height, rowEdges[i], columnEdges[j], columnEdges[j + 1]);
    }
  }
  for (let j = 0; j <= cols; j++) {
    for (let i = 0; i < rows; i++) {
      if (j > 0 && j < cols && cellAt[i * cols + j - 1] === cellAt[i * cols + j]) continue;
      eraseAlong(eraser, width, 1, height, width, columnEdges[j], rowEdges[i], rowEdges[i + 1]);
    }
  }
  // Whiten only after all runs are found: erasing horizontal rules first would cut the vertical
  // rules at every crossing and leave their anti-aliased corners behind.
  for (const run of eraser.runs) whitenRun(gray, run, inkMaxGray);
  // What is left of a rule's corners is single dark pixels: clear them near erased runs.
  for (const run of eraser.runs) clearSpecks(gray, width, height, run, inkMaxGray);
  return result;
}

/** A run to whiten: pixels (along = start…end-1, across = b), with the strides of its orientation. */
interface EraseRun {
  strideAlong: number;
  strideAcross: number;
  acrossSize: number;
  b: number;
  start: number;
  end: number;
}

interface Eraser {
  gray: Uint8Array;
  runs: EraseRun[];
  inkMaxGray: number;
  zonePx: number;
  minRunPx: number;
  maxGapPx: number;
}

/**
 * Erase the ruling along one border segment. "Along" is the border's direction, "across" the
 * other; strides map (along, across) to buffer offsets, so one routine serves both orientations.
 */
function eraseAlong(
  e: Eraser,
  strideAlong: number,
  strideAcross: number,
  alongSize: number,
  acrossSize: number,
  position: number,
  from: number,
  to: number,
): void {
  const { gray, inkMaxGray, zonePx } = e;
  const s0 = Math.max(0, Math.round(from));
  const s1 = Math.min(alongSize, Math.round(to));
  const b0 = Math.max(0, Math.round(position) - zonePx);
  const b1 = Math.min(acrossSize - 1, Math.round(position) + zonePx);
  if (s1 - s0 < 2 || b1 < b0) return;
  // Which scan lines near the edge hold the rule: the darkest-covered one, grown while its
  // neighbours are still largely dark. Text near the rule is separated from it by paper.
  const coverage = new Float64Array(b1 - b0 + 1);
  let best = -1;
  for (let b = b0; b <= b1; b++) {
    let dark = 0;
    for (let a = s0; a < s1; a++) if (gray[a * strideAlong + b * strideAcross] <= inkMaxGray) dark++;
    coverage[b - b0] = dark / (s1 - s0);
    if (best < 0 || coverage[b - b0] > coverage[best - b0]) best = b;
  }
  if (coverage[best - b0] < CORE_MIN_COVERAGE_RATIO) return;
  let lo = best;
  let hi = best;
  while (lo > b0 && coverage[lo - 1 - b0] >= BAND_MIN_COVERAGE_RATIO) lo--;
  while (hi < b1 && coverage[hi + 1 - b0] >= BAND_MIN_COVERAGE_RATIO) hi++;
  // extend past the segment's ends so the crossings with perpendicular rules go too
  const a0 = Math.max(0, s0 - zonePx);
  const a1 = Math.min(alongSize, s1 + zonePx);
  for (let b = lo; b <= hi; b++) collectRuns(e, strideAlong, strideAcross, acrossSize, b, a0, a1, e.minRunPx);
}

/** Push the dark runs of at least `minRun` on scan line `b` within [a0, a1); returns how many. */
function collectRuns(
  e: Eraser,
  strideAlong: number,
  strideAcross: number,
  acrossSize: number,
  b: number,
  a0: number,
  a1: number,
  minRun: number,
): number {
  const { gray, inkMaxGray, maxGapPx } = e;
  let found = 0;
  let a = a0;
  while (a < a1) {
    if (gray[a * strideAlong + b * strideAcross] > inkMaxGray) {
      a++;
      continue;
    }
    const start = a;
    let last = a;
    while (a < a1) {
      if (gray[a * strideAlong + b * strideAcross] <= inkMaxGray) last = a;
      else if (a - last > maxGapPx) break;
      a++;
    }
    if (last + 1 - start >= minRun) {
      e.runs.push({ strideAlong, strideAcross, acrossSize, b, start, end: last + 1 });
      found++;
    }
    a = last + 1;
  }
  return found;
}

/** Whiten a run, and the lighter-than-ink pixels of the band around it. */
function whitenRun(gray: Uint8Array, run: EraseRun, inkMaxGray: number): void {
  const { strideAlong, strideAcross, acrossSize, b, start, end } = run;
  for (let a = start; a < end; a++) gray[a * strideAlong + b * strideAcross] = 255;
  for (let d = -ERASE_BAND_PX; d <= ERASE_BAND_PX; d++) {
    const bb = b + d;
    if (d === 0 || bb < 0 || bb >= acrossSize) continue;
    for (let a = start; a < end; a++) {
      const k = a * strideAlong + bb * strideAcross;
      if (gray[k] > inkMaxGray) gray[k] = 255;
    }
  }
}

/** Whiten dark pixels with no dark 8-neighbour in the band around an erased run. */
function clearSpecks(gray: Uint8Array, width: number, height: number, run: EraseRun, inkMaxGray: number): void {
  const { strideAlong, strideAcross, acrossSize, b, start, end } = run;
  const reach = ERASE_BAND_PX + 1;
  for (let d = -reach; d <= reach; d++) {
    const bb = b + d;
    if (bb < 0 || bb >= acrossSize) continue;
    for (let a = start; a < end; a++) {
      const k = a * strideAlong + bb * strideAcross;
      if (gray[k] > inkMaxGray) continue;
      const x = k % width;
      const y = (k - x) / width;
      let neighbours = 0;
      for (let dy = -1; dy <= 1 && neighbours === 0; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx !== 0 || dy !== 0) && xx >= 0 && xx < width && gray[yy * width + xx] <= inkMaxGray) {
            neighbours++;
            break;
          }
        }
      }
      if (neighbours === 0) gray[k] = 255;
    }
  }
}
