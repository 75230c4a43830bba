import { DisjointSets } from '../image/disjoint-sets.js';
/**
 * A straight-ish dark stroke found by chaining long ink runs of neighbouring scan lines.
 * Coordinates are in the scan frame: for horizontal segments "along" is x and "across" is y;
 * for vertical ones "along" is y and "across" is x.
 */
export interface LineSegment {
  /** Ink-weighted mean of the across coordinate (the line's centre). */
  position: number;
  /** Extent along the line, end exclusive. */
  start: number;
  end: number;
  /** Ink pixels per unit of length: the mean stroke thickness. */
  thickness: number;
  /** First and last scan line touched (inclusive). */
  acrossMin: number;
  acrossMax: number;
  /** d(across)/d(along), measured between the ink centres of the first and last quarter. */
  slope: number;
}

export interface LineSegments {
  horizontal: LineSegment[];
  vertical: LineSegment[];
}

/**
 * Find horizontal and vertical line segments in an ink mask (any non-zero value is ink).
 *
 * Per scan line, ink runs may bridge gaps of up to `maxGapPx` background pixels (broken or
 * noisy lines); runs at least `minRunPx` long and at least `minInkRatio` ink are kept (the ink
 * ratio keeps most scan lines through words out). Kept runs of adjacent scan lines that overlap
 * or nearly touch are chained into one segment, so a line that is several pixels thick or that
 * drifts across scan lines because the page is skewed still comes out as one segment, with its
 * slope measured (used for deskewing). Both orientations come from row-major passes only.
 */
export function findLineSegments(
  mask: Uint8Array,
  width: number,
  height: number,
  minRunPx: number,
  maxGapPx: number,
  minInkRatio: number,
): LineSegments {
  // The word-skipping scanners need a 4-byte-aligned view; a misaligned subarray is copied.
  const aligned = (mask.byteOffset & 3) === 0 ? mask : mask.slice();
  const rowRuns = collectRowRuns(aligned, width, height, minRunPx, maxGapPx, minInkRatio);
  const columnRuns = collectColumnRuns(aligned, width, height, minRunPx, maxGapPx, minInkRatio);
  return {
    horizontal: chainRuns(rowRuns, height, maxGapPx),
    vertical: chainRuns(columnRuns, width, maxGapPx),
  };
}

/** Growable struct-of-arrays for the runs, so a page with 10^5 runs allocates a handful of arrays. */
class RunList {
  row: Int32Array;
  start: Int32Array;
  end: Int32Array;
  ink: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.row = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.ink = new Int32Array(capacity);
  }
  push(row: number, start: number, end: number, ink: number): void {
    if (this.length === this.row.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.row = grow(this.row);
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.ink = grow(this.ink);
    }
    const i = this.length++;
    this.row[i] = row;
    this.start[i] = start;
    this.end[i] = end;
    this.ink[i] = ink;
  }
}


/** Runs sorted by scan line, with the index of each line's first run (`lineFirst[line]`). */
interface SortedRuns {
  runs: RunList;
  lineFirst: Int32Array;
}

/** Index of the first ink byte in [i, end), skipping blank 4-byte words; `end` if none. */
function nextInk(mask: Uint8Array, words: Uint32Array, i: number, end: number): number {
  const wordEnd = Math.min(end, words.length << 2);
  while (i < end) {
    if ((i & 3) === 0 && i + 4 <= wordEnd && words[i >> 2] === 0) {
      i += 4;
      continue;
    }
    if (mask[i] !== 0) return i;
    i++;
  }
  return end;
}

function wordView(mask: Uint8Array): Uint32Array {
  return new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2);
}

/** Horizontal runs, row by row. */
function collectRowRuns(
  mask: Uint8Array,
  width: number,
  height: number,
  minRunPx: number,
  maxGapPx: number,
  minInkRatio: number,
): SortedRuns {
  const words = wordView(mask);
  const runs = new RunList(1024);
  const lineFirst = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    lineFirst[y] = runs.length;
    const o = y * width;
    const end = o + width;
    let i = o;
    for (;;) {
      i = nextInk(mask, words, i, end);
      if (i >= end) break;
      const start = i;
      let last = i;
      let ink = 0;
      while (i < end) {
        if (mask[i] !== 0) {
          last = i;
          ink++;
        } else if (i - last > maxGapPx) {
          break;
        }
        i++;
      }
      const length = last + 1 - start;
      if (length >= minRunPx && ink >= minInkRatio * length) runs.push(y, start - o, last + 1 - o, ink);
      i = last + 1;
    }
  }
  lineFirst[height] = runs.length;
  return { runs, lineFirst };
}

/**
 * Vertical runs, found in the same row-major pass (no transpose): each column keeps its open
 * run, closed once the gap below its last ink exceeds the tolerance. Sorted by column after.
 */
function collectColumnRuns(
  mask: Uint8Array,
  width: number,
  height: number,
  minRunPx: number,
  maxGapPx: number,
  minInkRatio: number,
): SortedRuns {
  const words = wordView(mask);
  const colStart = new Int32Array(width).fill(-1);
  const colLast = new Int32Array(width);
  const colInk = new Int32Array(width);
  const open = new Int32Array(width);
  let openCount = 0;
  const found = new RunList(1024);
  const close = (x: number): void => {
    const length = colLast[x] + 1 - colStart[x];
    if (length >= minRunPx && colInk[x] >= minInkRatio * length) found.push(x, colStart[x], colLast[x] + 1, colInk[x]);
    colStart[x] = -1;
  };
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const end = o + width;
    let i = o;
    for (;;) {
      i = nextInk(mask, words, i, end);
      if (i >= end) break;
      const x = i - o;
      if (colStart[x] < 0) {
        colStart[x] = y;
        colInk[x] = 0;
        open[openCount++] = x;
      }
      colLast[x] = y;
      colInk[x]++;
      i++;
    }
    for (let k = 0; k < openCount; ) {
      const x = open[k];
      if (y - colLast[x] > maxGapPx) {
        close(x);
        open[k] = open[--openCount];
      } else {
        k++;
      }
    }
  }
  for (let k = 0; k < openCount; k++) close(open[k]);

  // Counting sort by column (stable, so each column's runs stay in top-to-bottom order).
  const lineFirst = new Int32Array(width + 1);
  for (let r = 0; r < found.length; r++) lineFirst[found.row[r] + 1]++;
  for (let x = 0; x < width; x++) lineFirst[x + 1] += lineFirst[x];
  const runs = new RunList(Math.max(1, found.length));
  runs.length = found.length;
  const next = lineFirst.slice(0, width);
  for (let r = 0; r < found.length; r++) {
    const k = next[found.row[r]]++;
    runs.row[k] = found.row[r];
    runs.start[k] = found.start[r];
    runs.end[k] = found.end[r];
    runs.ink[k] = found.ink[r];
  }
  return { runs, lineFirst };
}

/**
 * Chain runs of adjacent scan lines that overlap (within the gap tolerance) into segments:
 * union-find over neighbouring lines, then per-group extent, ink, centre and slope.
 */
function chainRuns(sorted: SortedRuns, lineCount: number, maxGapPx: number): LineSegment[] {
  const { runs, lineFirst } = sorted;
  const n = runs.length;
  const sets = new DisjointSets(n);
  const { start, end, row, ink } = runs;
  for (let line = 1; line < lineCount; line++) {
    let i = lineFirst[line - 1];
    const iEnd = lineFirst[line];
    let j = lineFirst[line];
    const jEnd = lineFirst[line + 1];
    while (i < iEnd && j < jEnd) {
      if (end[i] + maxGapPx < start[j]) i++;
      else if (end[j] + maxGapPx < start[i]) j++;
      else {
        sets.join(i, j);
        if (end[i] < end[j]) i++;
        else j++;
      }
    }
  }

  // Per-group extent, ink and ink-weighted centre.
  const groupOf = new Int32Array(n);
  const groupIndex = new Int32Array(n).fill(-1);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const r = sets.root(i);
    if (groupIndex[r] < 0) groupIndex[r] = groups++;
    groupOf[i] = groupIndex[r];
  }
  const gStart = new Int32Array(groups).fill(0x7fffffff);
  const gEnd = new Int32Array(groups);
  const gRowMin = new Int32Array(groups).fill(0x7fffffff);
  const gRowMax = new Int32Array(groups);
  const gInk = new Float64Array(groups);
  const gRowSum = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    if (start[i] < gStart[g]) gStart[g] = start[i];
    if (end[i] > gEnd[g]) gEnd[g] = end[i];
    if (row[i] < gRowMin[g]) gRowMin[g] = row[i];
    if (row[i] > gRowMax[g]) gRowMax[g] = row[i];
    gInk[g] += ink[i];
    gRowSum[g] += ink[i] * row[i];
  }

  // Slope from the centres of the first and last quarter of each group's length.
  const leftW = new Float64Array(groups);
  const leftY = new Float64Array(groups);
  const leftX = new Float64Array(groups);
  const rightW = new Float64Array(groups);
  const rightY = new Float64Array(groups);
  const rightX = new Float64Array(groups);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    const quarter = (gEnd[g] - gStart[g]) / 4;
    const leftEnd = gStart[g] + quarter;
    const rightStart = gEnd[g] - quarter;
    const ls = start[i];
    const le = Math.min(end[i], leftEnd);
    if (le > ls) {
      const w = le - ls;
      leftW[g] += w;
      leftY[g] += w * row[i];
      leftX[g] += (w * (ls + le)) / 2;
    }
    const rs = Math.max(start[i], rightStart);
    const re = end[i];
    if (re > rs) {
      const w = re - rs;
      rightW[g] += w;
      rightY[g] += w * row[i];
      rightX[g] += (w * (rs + re)) / 2;
    }
  }

  const segments: LineSegment[] = [];
  for (let g = 0; g < groups; g++) {
    const length = gEnd[g] - gStart[g];
    let slope = 0;
    if (leftW[g] > 0 && rightW[g] > 0) {
      const dx = rightX[g] / rightW[g] - leftX[g] / leftW[g];
      if (dx > 0) slope = (rightY[g] / rightW[g] - leftY[g] / leftW[g]) / dx;
    }
    segments.push({
      position: gRowSum[g] / gInk[g],
      start: gStart[g],
      end: gEnd[g],
      thickness: gInk[g] / length,
      acrossMin: gRowMin[g],
      acrossMax: gRowMax[g],
      slope,
    });
  }
  return segments;
}
