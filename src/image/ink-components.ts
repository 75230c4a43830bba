// A page's ink at about 100 DPI and its 8-connected components, in one pass over the page: the
// raw material for judging text layout (glyph sizes, neighbours, lines) without touching every
// page pixel more than once.
import type { PageImage } from '../types.js';
import { otsuThreshold } from './otsu-threshold.js';
import { DisjointSets } from './disjoint-sets.js';

/** The mask is the page box-averaged down to about this resolution. */
const WORK_DPI = 100;
/** Below this contrast between the ink and paper classes, the page is blank. */
const MIN_INK_CONTRAST = 60;
/** The ink threshold comes from the gray levels of every this-many-th mask row. */
const THRESHOLD_ROW_STEP = 4;
/** Ink runs longer than this (inches) are rulings, underlines or fills, not glyph strokes. */
const MAX_GLYPH_RUN_INCH = 0.4;

/**
 * The page's ink at mask resolution: about WORK_DPI, one mask pixel per `factor` × `factor` page
 * pixels (detect/'s InkMask is the page's own pixels, binarized for finding rulings).
 */
export interface CoarseInkMask {
  width: number;
  height: number;
  /** 1 = ink; 0 = paper; 2 = ink of a long horizontal run (ruling, underline, fill), treated as paper. */
  mask: Uint8Array;
  /** Page pixels per mask pixel. */
  factor: number;
  dpi: number;
  /** Ink runs longer than this are no glyph strokes. */
  minLongRun: number;
}

const ERASED = 2;

/** Box means of block row `y` of the page (blocks of `factor` × `factor` pixels) into `row`. */
function blockRow(image: PageImage, factor: number, y: number, row: Uint8Array): void {
  const src = image.gray;
  const stride = image.width;
  const width = row.length;
  let a = y * factor * stride;
  if (factor === 1) {
    row.set(src.subarray(a, a + width));
  } else if (factor === 2) {
    let b = a + stride;
    for (let x = 0; x < width; x++, a += 2, b += 2) row[x] = (src[a] + src[a + 1] + src[b] + src[b + 1] + 2) >> 2;
  } else if (factor === 3) {
    let b = a + stride;
    let c = b + stride;
    for (let x = 0; x < width; x++, a += 3, b += 3, c += 3) {
      const sum = src[a] + src[a + 1] + src[a + 2] + src[b] + src[b + 1] + src[b + 2] + src[c] + src[c + 1] + src[c + 2];
      row[x] = (sum * 7282 + 32768) >> 16; // sum / 9
    }
  } else if (factor === 4) {
    let b = a + stride;
    let c = b + stride;
    let d = c + stride;
    for (let x = 0; x < width; x++, a += 4, b += 4, c += 4, d += 4) {
      const sum =
        src[a] + src[a + 1] + src[a + 2] + src[a + 3] + src[b] + src[b + 1] + src[b + 2] + src[b + 3] +
        src[c] + src[c + 1] + src[c + 2] + src[c + 3] + src[d] + src[d + 1] + src[d + 2] + src[d + 3];
      row[x] = (sum + 8) >> 4;
    }
  } else {
    const area = factor * factor;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < factor; k++) {
        const o = a + k * stride + x * factor;
        for (let j = 0; j < factor; j++) sum += src[o + j];
      }
      row[x] = Math.floor((sum + (area >> 1)) / area);
    }
  }
}

/** Connected components of a mask's ink, with the ink runs they are made of. */
export interface Components {
  count: number;
  /** Ink runs row by row: row y's runs are rowStart[y] .. rowStart[y + 1] - 1, from runLeft to runRight (inclusive). */
  rowStart: Int32Array;
  runLeft: Int32Array;
  runRight: Int32Array;
  /** The component of each run. */
  runComponent: Int32Array;
  left: Int32Array;
  top: Int32Array;
  right: Int32Array; // inclusive
  bottom: Int32Array; // inclusive
  area: Int32Array;
}

/** 8- (or 4-) connected components built from horizontal ink runs, added row by row (union-find on runs). */
class RunComponents {
  private runLeft = new Int32Array(4096);
  private runRight = new Int32Array(4096);
  private readonly sets = new DisjointSets(0, 4096);
  private runs = 0;
  private readonly rowStart: Int32Array;
  private y = -1;
  /** First run of the previous row that may still touch the next run of this row. */
  private previous = 0;

  /** Columns a run of the row above may lie beside a run and still touch it: 1 for 8-connected, 0 for 4. */
  private readonly reach: number;

  constructor(
    private readonly height: number,
    connectivity: 4 | 8 = 8,
  ) {
    this.rowStart = new Int32Array(height + 1);
    this.reach = connectivity === 8 ? 1 : 0;
  }

  startRow(y: number): void {
    this.rowStart[y] = this.runs;
    this.previous = y > 0 ? this.rowStart[y - 1] : 0;
    this.y = y;
  }

  /** Adds the run [left, right] of the current row (runs of a row come left to right). */
  add(left: number, right: number): void {
    if (this.runs === this.runLeft.length) this.grow();
    const { runLeft, runRight, sets } = this;
    const r = this.runs++;
    runLeft[r] = left;
    runRight[r] = right;
    sets.add(); // run r's own set
    if (this.y === 0) return;
    const end = this.rowStart[this.y];
    let p = this.previous;
    const reach = this.reach;
    while (p < end && runRight[p] < left - reach) p++;
    this.previous = p;
    // previous-row runs overlapping [left - reach, right + reach]
    for (let q = p; q < end && runLeft[q] <= right + reach; q++) sets.join(r, q);
  }

  private grow(): void {
    const grow = (from: Int32Array) => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.runLeft = grow(this.runLeft);
    this.runRight = grow(this.runRight);
  }

  finish(width: number): Components {
    const { runs, height, rowStart, runLeft, runRight } = this;
    for (let y = this.y + 1; y <= height; y++) rowStart[y] = runs;
    const runComponent = new Int32Array(runs);
    let count = 0;
    for (let r = 0; r < runs; r++) {
      // A set's root is its first run, so it is numbered before the runs joined to it.
      const root = this.sets.root(r);
      runComponent[r] = root === r ? count++ : runComponent[root];
    }
    const left = new Int32Array(count).fill(width);
    const top = new Int32Array(count).fill(height);
    const right = new Int32Array(count).fill(-1);
    const bottom = new Int32Array(count).fill(-1);
    const area = new Int32Array(count);
    for (let y = 0; y < height; y++) {
      for (let r = rowStart[y]; r < rowStart[y + 1]; r++) {
        const c = runComponent[r];
        if (runLeft[r] < left[c]) left[c] = runLeft[r];
        if (runRight[r] > right[c]) right[c] = runRight[r];
        if (y < top[c]) top[c] = y;
        bottom[c] = y;
        area[c] += runRight[r] - runLeft[r] + 1;
      }
    }
    return { count, rowStart, runLeft: runLeft.subarray(0, runs), runRight: runRight.subarray(0, runs), runComponent, left, top, right, bottom, area };
  }
}

/**
 * The page's ink at about WORK_DPI (box means, Otsu threshold from every few rows) and its
 * connected components, in one pass over the page. Horizontal ink runs longer than any glyph
 * stroke (rulings, underlines, fills) are left out (ERASED in the mask); vertical rulings become
 * components too tall for glyphs. Null when the page has no ink worth the name.
 */
export function inkOf(image: PageImage): { mask: CoarseInkMask; components: Components } | null {
  const factor = Math.max(1, Math.round(image.dpi / WORK_DPI));
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  if (width < 16 || height < 16) return null;
  const row = new Uint8Array(width);
  const histogram = new Uint32Array(256);
  let sampled = 0;
  for (let y = 0; y < height; y += THRESHOLD_ROW_STEP) {
    blockRow(image, factor, y, row);
    for (let x = 0; x < width; x++) histogram[row[x]]++;
    sampled += width;
  }
  const threshold = otsuThreshold(histogram);
  let darkCount = 0;
  let darkSum = 0;
  let lightSum = 0;
  for (let v = 0; v < 256; v++) {
    if (v <= threshold) {
      darkCount += histogram[v];
      darkSum += v * histogram[v];
    } else lightSum += v * histogram[v];
  }
  const lightCount = sampled - darkCount;
  if (darkCount === 0 || lightCount === 0) return null;
  if (lightSum / lightCount - darkSum / darkCount < MIN_INK_CONTRAST) return null;

  const dpi = image.dpi / factor;
  const minLongRun = Math.max(8, Math.round(MAX_GLYPH_RUN_INCH * dpi));
  const mask = new Uint8Array(width * height);
  const builder = new RunComponents(height);
  for (let y = 0; y < height; y++) {
    blockRow(image, factor, y, row);
    builder.startRow(y);
    const o = y * width;
    let x = 0;
    while (x < width) {
      if (row[x] > threshold) {
        x++;
        continue;
      }
      const left = x;
      while (x < width && row[x] <= threshold) x++;
      if (x - left >= minLongRun) mask.fill(ERASED, o + left, o + x);
      else {
        mask.fill(1, o + left, o + x);
        builder.add(left, x - 1);
      }
    }
  }
  return { mask: { width, height, mask, factor, dpi, minLongRun }, components: builder.finish(width) };
}

/** The 4-connected components of a gray image's pixels at or below `inkMaxGray`, at its own resolution. */
export function componentsOfGray(gray: Uint8Array, width: number, height: number, inkMaxGray: number): Components {
  const builder = new RunComponents(height, 4);
  for (let y = 0; y < height; y++) {
    builder.startRow(y);
    const o = y * width;
    for (let x = 0; x < width; ) {
      while (x < width && gray[o + x] > inkMaxGray) x++;
      if (x === width) break;
      const left = x;
      while (x < width && gray[o + x] <= inkMaxGray) x++;
      builder.add(left, x - 1);
    }
  }
  return builder.finish(width);
}

/** Components of a mask's ink (value 1), leaving out horizontal runs of `minLongRun` or more. */
export function componentsOfMask(mask: CoarseInkMask): Components {
  const { width, height } = mask;
  const builder = new RunComponents(height);
  for (let y = 0; y < height; y++) {
    builder.startRow(y);
    const o = y * width;
    let x = 0;
    while (x < width) {
      if (mask.mask[o + x] !== 1) {
        x++;
        continue;
      }
      const left = x;
      while (x < width && mask.mask[o + x] === 1) x++;
      if (x - left < mask.minLongRun) builder.add(left, x - 1);
    }
  }
  return builder.finish(width);
}
