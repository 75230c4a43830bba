// Is a scanned page sideways or upside down? Cheap geometry on a ~100-DPI ink mask decides the
// common case (upright Latin text) in a few milliseconds; a small OCR sample in the two candidate
// orientations settles the rest.
//
//  1. Axis. Glyphs of a text line sit closer to their neighbours along the line (letter and word
//     spacing) than to the glyphs of the lines above and below (leading). Every glyph-sized
//     connected component votes for the direction of its nearest neighbour: horizontal text
//     gives mostly horizontal votes, a page turned by 90° mostly vertical ones.
//  2. Up or down. In the frame where the text runs horizontally, glyphs are chained into text
//     lines and each line's x-height band is found from its ink profile. Latin text has far more
//     glyphs that rise above that band (b d f h k l t, capitals, digits) than glyphs that hang
//     below it (g j p q y); i and j dots float above it, periods and commas sit at its bottom
//     (also in lines of figures). Upside down, all of that swaps.
//  3. OCR. When the page is not clearly upright (a turn is proposed, or the counts are too close:
//     numbers or capitals only), a few text lines are OCR'd in both candidate orientations and
//     the reading with more confident text wins.
import { cropGray } from '../image/crop-gray.js';
import { otsuThreshold } from '../image/otsu-threshold.js';
import { quarterTurnPixel, rotateBitmapQuarterTurns, type QuarterTurn } from '../image/rotate-quarter-turns.js';
import type { GrayBitmap } from '../image/gray-bitmap.js';
import type { PageImage, PixelBox, Word } from '../types.js';
import type { TesseractEngine, WithEngine } from './tesseract-engine.js';

export type { QuarterTurn } from '../image/rotate-quarter-turns.js';

export interface OrientationDecision {
  /** The clockwise rotation to apply to the page image to make it upright. */
  clockwiseDegrees: QuarterTurn;
  /** Why, in a few words with the evidence (for --verbose notes). */
  reason: string;
}

// ---- tuning -------------------------------------------------------------------------------------

/** Geometry runs on the page box-averaged down to about this resolution. */
const WORK_DPI = 100;
/** Below this contrast between the ink and paper classes, the page is blank. */
const MIN_INK_CONTRAST = 60;
/** The ink threshold comes from the gray levels of every this-many-th mask row. */
const THRESHOLD_ROW_STEP = 4;
/** Ink runs longer than this (inches) are rulings, underlines or fills, not glyph strokes. */
const MAX_GLYPH_RUN_INCH = 0.4;
/** Components larger than this (inches) in either direction are pictures, borders or frames. */
const MAX_GLYPH_SIZE_INCH = 0.5;
/** Fewer glyph-sized components than this: too little text to tell. */
const MIN_GLYPHS = 24;
/** ... or fewer text lines, or glyphs in text lines, than these. */
const MIN_TEXT_LINES = 2;
const MIN_GLYPHS_IN_LINES = 16;
/** Nearest neighbours farther than this many median glyph sizes do not vote. */
const NEIGHBOUR_RADIUS_GLYPHS = 3;
/** The axis needs this ratio of votes; below it the axis is unsure. */
const AXIS_RATIO = 1.6;
/** At most about this many glyphs vote (every n-th glyph on a dense page). */
const MAX_AXIS_VOTERS = 800;
/** Glyphs closer than this many median glyph heights along a line belong to one text line. */
const LINE_LINK_GAP_GLYPHS = 1.2;
/** A text line needs at least this many glyph components. */
const MIN_LINE_GLYPHS = 3;
/** Lines are measured in pieces at most this many median glyph sizes long (skew blurs longer ones). */
const LINE_PIECE_GLYPHS = 10;
/** A text line's x-height band must be at least this tall (mask pixels). */
const MIN_BAND_PX = 3;
/** Up/down confidence (up - down) / sqrt(up + down) needed to decide from geometry alone. */
const MIN_UPDOWN_CONFIDENCE = 4;
/** ... and the majority must be at least this ratio. */
const MIN_UPDOWN_RATIO = 1.8;
/** Without an OCR engine, weaker evidence than that still turns the page. */
const PROBABLE_UPDOWN_CONFIDENCE = 2.5;
const PROBABLE_UPDOWN_RATIO = 1.5;
/** OCR sample: the text is scaled to about this glyph height (px), within these limits (px). */
const OCR_GLYPH_HEIGHT_PX = 30;
const OCR_SAMPLE_MAX_WIDTH_PX = 1000;
const OCR_SAMPLE_MAX_HEIGHT_PX = 200;
const OCR_MARGIN_PX = 16;
/** Tesseract: one uniform block of text. */
const OCR_BLOCK_PSM = 6;
/** The better reading must score this many times the other one to decide. */
const OCR_WIN_RATIO = 1.5;
/** ... and reach this score (confidence-weighted alphanumeric characters). */
const OCR_MIN_SCORE = 8;

// ---- the ink mask and its components ------------------------------------------------------------

interface InkMask {
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

interface Components {
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

/** 8-connected components built from horizontal ink runs, added row by row (union-find on runs). */
class RunComponents {
  private runLeft = new Int32Array(4096);
  private runRight = new Int32Array(4096);
  private parent = new Int32Array(4096);
  private runs = 0;
  private readonly rowStart: Int32Array;
  private y = -1;
  /** First run of the previous row that may still touch the next run of this row. */
  private previous = 0;

  constructor(private readonly height: number) {
    this.rowStart = new Int32Array(height + 1);
  }

  startRow(y: number): void {
    this.rowStart[y] = this.runs;
    this.previous = y > 0 ? this.rowStart[y - 1] : 0;
    this.y = y;
  }

  /** Adds the run [left, right] of the current row (runs of a row come left to right). */
  add(left: number, right: number): void {
    if (this.runs === this.parent.length) this.grow();
    const { runLeft, runRight, parent } = this;
    const r = this.runs++;
    runLeft[r] = left;
    runRight[r] = right;
    parent[r] = r;
    if (this.y === 0) return;
    const end = this.rowStart[this.y];
    let p = this.previous;
    while (p < end && runRight[p] < left - 1) p++;
    this.previous = p;
    // previous-row runs overlapping [left - 1, right + 1]: 8-connected
    for (let q = p; q < end && runLeft[q] <= right + 1; q++) {
      const a = this.find(r);
      const b = this.find(q);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }

  private find(a: number): number {
    const parent = this.parent;
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  private grow(): void {
    const grow = (from: Int32Array) => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.runLeft = grow(this.runLeft);
    this.runRight = grow(this.runRight);
    this.parent = grow(this.parent);
  }

  finish(width: number): Components {
    const { runs, height, rowStart, runLeft, runRight } = this;
    for (let y = this.y + 1; y <= height; y++) rowStart[y] = runs;
    const runComponent = new Int32Array(runs);
    let count = 0;
    for (let r = 0; r < runs; r++) {
      const root = this.find(r);
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
function inkOf(image: PageImage): { mask: InkMask; components: Components } | null {
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

/** Components of a mask's ink (value 1), leaving out horizontal runs of `minLongRun` or more. */
function componentsOfMask(mask: InkMask): Components {
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

// ---- geometry -----------------------------------------------------------------------------------

/** The glyph-sized components and their typical size. */
interface Glyphs {
  components: Components;
  /** Components that look like glyphs (not specks, not pictures or frames). */
  ids: Int32Array;
  /** Components too small for glyphs: i-dots, periods, commas, specks. */
  dots: Int32Array;
  /** Median of max(width, height) over the glyphs. */
  medianSize: number;
}

function glyphsOf(mask: InkMask, k: Components = componentsOfMask(mask)): Glyphs {
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
interface ComponentGrid {
  cellSize: number;
  columns: number;
  rows: number;
  /** Components of bucket b: items[start[b] .. start[b + 1]). */
  start: Int32Array;
  items: Int32Array;
}

function gridOf(glyphs: Glyphs, width: number, height: number): ComponentGrid {
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
function overlapRatio(a0: number, a1: number, b0: number, b1: number): number {
  const overlap = Math.min(a1, b1) - Math.max(a0, b0) + 1;
  return overlap <= 0 ? 0 : overlap / Math.min(a1 - a0 + 1, b1 - b0 + 1);
}

interface AxisVotes {
  horizontal: number;
  vertical: number;
}

/** Each glyph votes for the direction of its nearest neighbour: side by side, or stacked. */
function voteAxis(glyphs: Glyphs, grid: ComponentGrid): AxisVotes {
  const { components: k, ids, medianSize } = glyphs;
  const radius = NEIGHBOUR_RADIUS_GLYPHS * medianSize;
  const reach = Math.ceil((radius + medianSize) / grid.cellSize);
  let horizontal = 0;
  let vertical = 0;
  // a sample of the glyphs is plenty: the vote is rarely close
  const step = Math.max(1, Math.floor(ids.length / MAX_AXIS_VOTERS));
  for (let n = 0; n < ids.length; n += step) {
    const c = ids[n];
    const cl = k.left[c];
    const ct = k.top[c];
    const cr = k.right[c];
    const cb = k.bottom[c];
    const bx = Math.floor((cl + cr) / 2 / grid.cellSize);
    const by = Math.floor((ct + cb) / 2 / grid.cellSize);
    let hGap = Infinity;
    let vGap = Infinity;
    for (let y = Math.max(0, by - reach); y <= Math.min(grid.rows - 1, by + reach); y++) {
      for (let x = Math.max(0, bx - reach); x <= Math.min(grid.columns - 1, bx + reach); x++) {
        const b = y * grid.columns + x;
        for (let m = grid.start[b]; m < grid.start[b + 1]; m++) {
          const d = grid.items[m];
          if (d === c) continue;
          if (overlapRatio(ct, cb, k.top[d], k.bottom[d]) >= 0.5) {
            const gap = Math.max(k.left[d] - cr, cl - k.right[d]) - 1;
            if (gap >= 0 && gap < hGap) hGap = gap;
          }
          if (overlapRatio(cl, cr, k.left[d], k.right[d]) >= 0.5) {
            const gap = Math.max(k.top[d] - cb, ct - k.bottom[d]) - 1;
            if (gap >= 0 && gap < vGap) vGap = gap;
          }
        }
      }
    }
    if (hGap > radius && vGap > radius) continue;
    if (hGap < vGap) horizontal++;
    else if (vGap < hGap) vertical++;
  }
  return { horizontal, vertical };
}

/** One text line: its glyph components, box (mask pixels, inclusive) and x-height band. */
interface TextLine {
  ids: number[];
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Rows of the x-height band (absolute, inclusive). */
  bandTop: number;
  bandBottom: number;
}

interface UpDownCounts {
  /** Evidence for upright text: glyphs rising above their line's x-height band, i/j dots over their stems, periods and commas at the band's bottom. */
  up: number;
  /** The same evidence upside down: glyphs hanging below the band, dots under their stems, periods at the band's top. */
  down: number;
  /** The text lines (pieces of lines) that were measured. */
  lines: TextLine[];
}

/**
 * Chains glyphs into horizontal text lines (nearest neighbour to the right that overlaps
 * vertically, within LINE_LINK_GAP_GLYPHS), finds each line's x-height band from its ink profile
 * and counts what rises above / hangs below the bands.
 */
function countUpDown(mask: InkMask, glyphs: Glyphs, grid: ComponentGrid): UpDownCounts {
  const { components: k, ids, medianSize } = glyphs;
  const maxGap = LINE_LINK_GAP_GLYPHS * medianSize;
  const reach = Math.ceil((maxGap + medianSize) / grid.cellSize);
  const parent = new Int32Array(k.count);
  for (let c = 0; c < k.count; c++) parent[c] = c;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (let n = 0; n < ids.length; n++) {
    const c = ids[n];
    const bx = Math.floor((k.left[c] + k.right[c]) / 2 / grid.cellSize);
    const by = Math.floor((k.top[c] + k.bottom[c]) / 2 / grid.cellSize);
    let best = -1;
    let bestGap = Infinity;
    for (let y = Math.max(0, by - reach); y <= Math.min(grid.rows - 1, by + reach); y++) {
      for (let x = bx; x <= Math.min(grid.columns - 1, bx + reach); x++) {
        const b = y * grid.columns + x;
        for (let m = grid.start[b]; m < grid.start[b + 1]; m++) {
          const d = grid.items[m];
          if (k.left[d] <= k.left[c]) continue;
          if (overlapRatio(k.top[c], k.bottom[c], k.top[d], k.bottom[d]) < 0.5) continue;
          const gap = k.left[d] - k.right[c] - 1;
          if (gap < bestGap) {
            bestGap = gap;
            best = d;
          }
        }
      }
    }
    if (best >= 0 && bestGap <= maxGap) {
      const a = find(c);
      const b = find(best);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const lineOfRoot = new Int32Array(k.count).fill(-1);
  const members: number[][] = [];
  for (let n = 0; n < ids.length; n++) {
    const root = find(ids[n]);
    if (lineOfRoot[root] < 0) {
      lineOfRoot[root] = members.length;
      members.push([]);
    }
    members[lineOfRoot[root]].push(ids[n]);
  }
  // Long lines are cut into pieces, so that a skewed scan's lines still have a sharp band.
  const maxPieceWidth = LINE_PIECE_GLYPHS * medianSize;
  const pieces: number[][] = [];
  for (const group of members) {
    if (group.length < MIN_LINE_GLYPHS) continue;
    group.sort((a, b) => k.left[a] - k.left[b]);
    let piece: number[] = [];
    for (const c of group) {
      if (piece.length > 0 && k.right[c] - k.left[piece[0]] > maxPieceWidth) {
        pieces.push(piece);
        piece = [];
      }
      piece.push(c);
    }
    pieces.push(piece);
  }
  const lineOf = new Int32Array(k.count).fill(-1);
  const lines: TextLine[] = [];
  for (const group of pieces) {
    if (group.length < MIN_LINE_GLYPHS) continue;
    let left = Infinity;
    let top = Infinity;
    let right = -1;
    let bottom = -1;
    for (const c of group) {
      left = Math.min(left, k.left[c]);
      top = Math.min(top, k.top[c]);
      right = Math.max(right, k.right[c]);
      bottom = Math.max(bottom, k.bottom[c]);
      lineOf[c] = lines.length;
    }
    lines.push({ ids: group, left, top, right, bottom, bandTop: top, bandBottom: bottom });
  }
  // row profiles of each line's own ink (other lines' ascenders may reach into its box), from the runs
  const profileStart = new Int32Array(lines.length + 1);
  for (let n = 0; n < lines.length; n++) profileStart[n + 1] = profileStart[n] + lines[n].bottom - lines[n].top + 1;
  const profiles = new Int32Array(profileStart[lines.length]);
  for (let y = 0; y < mask.height; y++) {
    for (let r = k.rowStart[y]; r < k.rowStart[y + 1]; r++) {
      const n = lineOf[k.runComponent[r]];
      if (n >= 0) profiles[profileStart[n] + y - lines[n].top] += k.runRight[r] - k.runLeft[r] + 1;
    }
  }
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const profile = profiles.subarray(profileStart[n], profileStart[n + 1]);
    let max = 0;
    for (let r = 0; r < profile.length; r++) if (profile[r] > max) max = profile[r];
    let bandTop = -1;
    let bandBottom = -1;
    for (let y = line.top; y <= line.bottom; y++) {
      if (profile[y - line.top] * 2 >= max) {
        if (bandTop < 0) bandTop = y;
        bandBottom = y;
      }
    }
    line.bandTop = bandTop;
    line.bandBottom = bandBottom;
  }
  // Lines whose band is far from the page's usual x-height are not body text: halftone pictures,
  // white-on-black cells, headings in capitals. They do not vote.
  const bandHeights = new Int32Array(mask.height + 2);
  let glyphsInLines = 0;
  for (const line of lines) {
    bandHeights[line.bandBottom - line.bandTop + 1] += line.ids.length;
    glyphsInLines += line.ids.length;
  }
  let typicalBand = 0;
  for (let h = 0, seen = 0; h < bandHeights.length; h++) {
    seen += bandHeights[h];
    if (seen * 2 > glyphsInLines) {
      typicalBand = h;
      break;
    }
  }
  const textLines = lines.filter((line) => {
    const band = line.bandBottom - line.bandTop + 1;
    return band >= MIN_BAND_PX && band >= 0.6 * typicalBand && band <= 1.7 * typicalBand && line.bottom - line.top + 1 <= 3 * band;
  });
  let up = 0;
  let down = 0;
  for (const line of textLines) {
    const band = line.bandBottom - line.bandTop + 1;
    const tolerance = Math.max(1, Math.round(0.2 * band));
    for (const c of line.ids) {
      // commas, hyphens and the like are no ascenders or descenders
      if (k.bottom[c] - k.top[c] + 1 < 1.1 * band) continue;
      if (k.top[c] < line.bandTop - tolerance) up++;
      if (k.bottom[c] > line.bandBottom + tolerance) down++;
    }
  }
  // Dots: an i or j dot has its stem below it (above it upside down); a period or comma, with no
  // glyph above or below, sits at the bottom of the band (at the top upside down), also in lines
  // of figures. Quotes and apostrophes, outside the band with nothing under them, do not count.
  for (let n = 0; n < glyphs.dots.length; n++) {
    const c = glyphs.dots[n];
    const cx = (k.left[c] + k.right[c]) / 2;
    const cy = (k.top[c] + k.bottom[c]) / 2;
    let line: TextLine | null = null;
    let bestDistance = Infinity;
    for (const candidate of textLines) {
      if (cx < candidate.left || cx > candidate.right) continue;
      const band = candidate.bandBottom - candidate.bandTop + 1;
      const distance = Math.abs(cy - (candidate.bandTop + candidate.bandBottom) / 2);
      if (distance <= band && distance < bestDistance) {
        bestDistance = distance;
        line = candidate;
      }
    }
    if (!line) continue;
    const band = line.bandBottom - line.bandTop + 1;
    if (k.bottom[c] - k.top[c] + 1 > 0.5 * band) continue;
    let stemBelow = false;
    let stemAbove = false;
    let touching = false; // a glyph within a pixel to the side: a broken-off piece of it, no period
    for (const g of line.ids) {
      if (k.left[g] > k.right[c] + 1 || k.right[g] < k.left[c] - 1) continue;
      touching = true;
      if (k.left[g] > k.right[c] || k.right[g] < k.left[c]) continue;
      if (k.top[g] > k.bottom[c]) stemBelow = true;
      else if (k.bottom[g] < k.top[c]) stemAbove = true;
    }
    if (stemBelow !== stemAbove) {
      if (stemBelow) up++;
      else down++;
      continue;
    }
    if (touching || k.top[c] < line.bandTop || k.bottom[c] > line.bandBottom + Math.max(1, Math.round(0.3 * band))) continue;
    const position = (cy - line.bandTop) / Math.max(1, band - 1); // 0 = top of the band, 1 = bottom
    if (position > 0.6) up++;
    else if (position < 0.4) down++;
  }
  return { up, down, lines: textLines };
}

/** The geometric evidence for one frame (the page turned so the text should run horizontally). */
interface FrameGeometry {
  mask: InkMask;
  glyphs: Glyphs;
  counts: UpDownCounts;
  /** (up - down) / sqrt(up + down): positive = upright in this frame, negative = upside down. */
  confidence: number;
}

function frameGeometry(mask: InkMask, glyphs: Glyphs, grid: ComponentGrid = gridOf(glyphs, mask.width, mask.height)): FrameGeometry {
  const counts = countUpDown(mask, glyphs, grid);
  const confidence = (counts.up - counts.down) / Math.sqrt(counts.up + counts.down + 1);
  return { mask, glyphs, counts, confidence };
}

function turnMask(mask: InkMask, clockwiseDegrees: QuarterTurn): InkMask {
  const turned = rotateBitmapQuarterTurns({ width: mask.width, height: mask.height, gray: mask.mask }, clockwiseDegrees);
  return { ...mask, width: turned.width, height: turned.height, mask: turned.gray };
}

/** Everything geometry says about a page; exported for tests and dev tools. */
export interface OrientationGeometry {
  /** null: too little ink or text to tell. */
  axis: 'horizontal' | 'vertical' | 'unsure' | null;
  votes: AxisVotes;
  glyphCount: number;
  /** Up/down evidence with the text turned to run horizontally: frame 0 (as is) and frame 90 (turned 90° clockwise). */
  frames: { turn: 0 | 90; up: number; down: number; lines: number; confidence: number }[];
  /** What geometry alone would apply, and whether it is sure. */
  guess: QuarterTurn;
  sure: boolean;
  /** Weaker evidence for the guess: used only when there is no OCR engine to ask. */
  probable: boolean;
}

interface Analysis {
  geometry: OrientationGeometry;
  frames: Map<0 | 90, FrameGeometry>;
  mask: InkMask | null;
}

function analyse(image: PageImage): Analysis {
  const empty: OrientationGeometry = { axis: null, votes: { horizontal: 0, vertical: 0 }, glyphCount: 0, frames: [], guess: 0, sure: false, probable: false };
  const ink = inkOf(image);
  if (!ink) return { geometry: empty, frames: new Map(), mask: null };
  const { mask } = ink;
  const glyphs = glyphsOf(mask, ink.components);
  if (glyphs.ids.length < MIN_GLYPHS) return { geometry: { ...empty, glyphCount: glyphs.ids.length }, frames: new Map(), mask };
  const grid = gridOf(glyphs, mask.width, mask.height);
  const votes = voteAxis(glyphs, grid);
  const axis =
    votes.horizontal >= AXIS_RATIO * votes.vertical ? 'horizontal' : votes.vertical >= AXIS_RATIO * votes.horizontal ? 'vertical' : 'unsure';
  const frames = new Map<0 | 90, FrameGeometry>();
  if (axis !== 'vertical') frames.set(0, frameGeometry(mask, glyphs, grid));
  if (axis !== 'horizontal') {
    const turned = turnMask(mask, 90);
    frames.set(90, frameGeometry(turned, glyphsOf(turned)));
  }
  const summaries = [...frames.entries()].map(([turn, f]) => ({
    turn,
    up: f.counts.up,
    down: f.counts.down,
    lines: f.counts.lines.length,
    confidence: f.confidence,
  }));
  // text, not a picture's texture: a few lines of glyphs in at least one frame
  const textGlyphs = Math.max(...[...frames.values()].map((f) => f.counts.lines.reduce((sum, line) => sum + line.ids.length, 0)));
  const textLines = Math.max(...[...frames.values()].map((f) => f.counts.lines.length));
  if (textLines < MIN_TEXT_LINES || textGlyphs < MIN_GLYPHS_IN_LINES) {
    return { geometry: { ...empty, axis: null, votes, glyphCount: glyphs.ids.length }, frames, mask };
  }
  // with the axis unsure, the frame with the stronger up/down asymmetry is the likelier one
  const best = summaries.reduce((a, b) => (Math.abs(b.confidence) > Math.abs(a.confidence) ? b : a));
  const ratio = Math.max(best.up, best.down) / Math.max(1, Math.min(best.up, best.down));
  const sure = axis !== 'unsure' && Math.abs(best.confidence) >= MIN_UPDOWN_CONFIDENCE && ratio >= MIN_UPDOWN_RATIO;
  const probable = axis !== 'unsure' && Math.abs(best.confidence) >= PROBABLE_UPDOWN_CONFIDENCE && ratio >= PROBABLE_UPDOWN_RATIO;
  const guess = ((best.turn + (best.confidence < 0 ? 180 : 0)) % 360) as QuarterTurn;
  return { geometry: { axis, votes, glyphCount: glyphs.ids.length, frames: summaries, guess, sure, probable }, frames, mask };
}

/** Geometry only (no OCR): what the cheap part of detectOrientation sees. */
export function measureOrientationGeometry(image: PageImage): OrientationGeometry {
  return analyse(image).geometry;
}

// ---- OCR sample ---------------------------------------------------------------------------------

/** A window of the frame (mask pixels, inclusive ends) and which of its pixels are text. */
interface SampleWindow {
  box: PixelBox;
  /** Per window pixel (row-major, box size): 1 where a glyph or dot lying wholly inside the box is (grown by a pixel). */
  keep: Uint8Array;
}

/**
 * A window of at most maxWidth × maxHeight mask pixels that starts at the longest text line and
 * is centred on it vertically: the lines around it (a paragraph, a table row and its neighbours).
 * Only glyphs and dots wholly inside it are kept: rulings, pictures and cut-off glyphs are not.
 */
function sampleWindow(frame: FrameGeometry, maxWidth: number, maxHeight: number): SampleWindow | null {
  const { lines } = frame.counts;
  const { mask, glyphs } = frame;
  const k = glyphs.components;
  if (lines.length === 0) return null;
  const seed = lines.reduce((a, b) => (b.ids.length > a.ids.length ? b : a));
  const pad = Math.max(2, Math.ceil(glyphs.medianSize / 2));
  const left = Math.max(0, seed.left - pad);
  const right = Math.min(mask.width - 1, left + maxWidth - 1);
  const centre = Math.round((seed.bandTop + seed.bandBottom) / 2);
  const top = Math.max(0, centre - Math.floor(maxHeight / 2));
  const bottom = Math.min(mask.height - 1, top + maxHeight - 1);
  const keepComponent = new Uint8Array(k.count);
  const inside = (c: number) => k.left[c] >= left && k.right[c] <= right && k.top[c] >= top && k.bottom[c] <= bottom;
  // the box shrinks to what it keeps
  let keptLeft = right;
  let keptRight = left;
  let keptTop = bottom;
  let keptBottom = top;
  for (const list of [glyphs.ids, glyphs.dots]) {
    for (let n = 0; n < list.length; n++) {
      const c = list[n];
      if (!inside(c)) continue;
      keepComponent[c] = 1;
      keptLeft = Math.min(keptLeft, k.left[c]);
      keptRight = Math.max(keptRight, k.right[c]);
      keptTop = Math.min(keptTop, k.top[c]);
      keptBottom = Math.max(keptBottom, k.bottom[c]);
    }
  }
  if (keptRight < keptLeft || keptBottom < keptTop) return null;
  const box = {
    left: Math.max(0, keptLeft - pad),
    top: Math.max(0, keptTop - pad),
    right: Math.min(mask.width - 1, keptRight + pad),
    bottom: Math.min(mask.height - 1, keptBottom + pad),
  };
  const width = box.right - box.left + 1;
  const height = box.bottom - box.top + 1;
  const kept = new Uint8Array(width * height);
  for (let y = box.top; y <= box.bottom; y++) {
    for (let r = k.rowStart[y]; r < k.rowStart[y + 1]; r++) {
      if (!keepComponent[k.runComponent[r]]) continue;
      const from = Math.max(box.left, k.runLeft[r]) - box.left;
      const to = Math.min(box.right, k.runRight[r]) - box.left;
      if (to >= from) kept.fill(1, (y - box.top) * width + from, (y - box.top) * width + to + 1);
    }
  }
  // grow by a pixel: the mask's blocks cut glyph edges that are lighter than the threshold
  const keep = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!kept[y * width + x]) continue;
      for (let dy = Math.max(0, y - 1); dy <= Math.min(height - 1, y + 1); dy++) {
        keep.fill(1, dy * width + Math.max(0, x - 1), dy * width + Math.min(width - 1, x + 1) + 1);
      }
    }
  }
  return { box, keep };
}

/** Maps a box (inclusive ends) of a frame turned `turn` clockwise back to the unturned mask. */
function unturnBox(box: PixelBox, turn: 0 | 90, width: number, height: number): PixelBox {
  if (turn === 0) return box;
  // frame = mask turned 90° clockwise, so mask = frame turned 270°; the frame is height × width
  const [x0, y0] = quarterTurnPixel(box.left, box.top, height, width, 270);
  const [x1, y1] = quarterTurnPixel(box.right, box.bottom, height, width, 270);
  return { left: Math.min(x0, x1), top: Math.min(y0, y1), right: Math.max(x0, x1), bottom: Math.max(y0, y1) };
}

/**
 * The window's page pixels, turned like the frame, with everything but its text whitened,
 * scaled by `scale` (bilinear) and framed by a white margin; then turned by `extraTurn`.
 */
function cutSample(image: PageImage, mask: InkMask, frameTurn: 0 | 90, window: SampleWindow, scale: number, extraTurn: 0 | 180): GrayBitmap {
  const f = mask.factor;
  const inMask = unturnBox(window.box, frameTurn, mask.width, mask.height);
  // block-aligned, so frame pixel (x, y) of the turned crop lies in window pixel (x / f, y / f)
  const crop = cropGray(image, { left: inMask.left * f, top: inMask.top * f, right: (inMask.right + 1) * f, bottom: (inMask.bottom + 1) * f });
  const turned = rotateBitmapQuarterTurns(crop, frameTurn);
  const windowWidth = window.box.right - window.box.left + 1;
  const { width: sw, height: sh } = turned;
  const clean = turned.gray;
  for (let y = 0; y < sh; y++) {
    const keepRow = Math.min(window.box.bottom - window.box.top, Math.floor(y / f)) * windowWidth;
    for (let x = 0; x < sw; x++) if (!window.keep[keepRow + Math.min(windowWidth - 1, Math.floor(x / f))]) clean[y * sw + x] = 255;
  }
  const w = Math.max(1, Math.round(sw * scale));
  const h = Math.max(1, Math.round(sh * scale));
  const width = w + 2 * OCR_MARGIN_PX;
  const height = h + 2 * OCR_MARGIN_PX;
  const gray = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const fy = sy - y0;
    const o = (y + OCR_MARGIN_PX) * width + OCR_MARGIN_PX;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const fx = sx - x0;
      const a = clean[y0 * sw + x0] * (1 - fx) + clean[y0 * sw + x1] * fx;
      const b = clean[y1 * sw + x0] * (1 - fx) + clean[y1 * sw + x1] * fx;
      gray[o + x] = a * (1 - fy) + b * fy;
    }
  }
  return extraTurn === 0 ? { width, height, gray } : rotateBitmapQuarterTurns({ width, height, gray }, 180);
}

/** Confidence-weighted count of letters and digits: many confident characters = readable text. */
function readingScore(words: Word[]): number {
  let score = 0;
  for (const word of words) {
    const characters = word.text.replace(/[^\p{L}\p{N}]/gu, '').length;
    score += (characters * Math.max(0, word.confidence - 30)) / 70;
  }
  return score;
}

interface Reading {
  turn: QuarterTurn;
  score: number;
  words: number;
  text: string;
}

/** OCRs the frame's sample in the frame's two orientations: turned `turn`, and `turn` + 180. */
async function readBothWays(image: PageImage, mask: InkMask, frame: FrameGeometry, turn: 0 | 90, engine: TesseractEngine): Promise<Reading[]> {
  const glyphHeightPage = frame.glyphs.medianSize * mask.factor;
  const scale = Math.min(3, Math.max(0.25, OCR_GLYPH_HEIGHT_PX / Math.max(1, glyphHeightPage)));
  const perMask = scale * mask.factor; // OCR pixels per mask pixel
  const window = sampleWindow(frame, Math.floor(OCR_SAMPLE_MAX_WIDTH_PX / perMask), Math.floor(OCR_SAMPLE_MAX_HEIGHT_PX / perMask));
  if (!window) return [];
  await engine.configure({ pageSegmentationMode: OCR_BLOCK_PSM }, image.dpi * scale);
  const readings: Reading[] = [];
  for (const extra of [0, 180] as const) {
    const sample = cutSample(image, mask, turn, window, scale, extra);
    const words = await engine.recognize(sample.width, sample.height, sample.gray);
    readings.push({ turn: ((turn + extra) % 360) as QuarterTurn, score: readingScore(words), words: words.length, text: words.map((w) => w.text).join(' ') });
  }
  return readings;
}

// ---- the decision -------------------------------------------------------------------------------

/**
 * The clockwise rotation (0, 90, 180 or 270) that makes a page image upright, with the reason.
 * Upright pages with ordinary text are decided from geometry alone (a few ms); pages that look
 * turned, or whose text gives geometry too little to go on (numbers, capitals), are settled by
 * OCR of a small sample in both candidate orientations when `engine` is given. A page with too
 * little text returns 0.
 */
export async function detectOrientation(image: PageImage, engine: TesseractEngine | WithEngine | null): Promise<OrientationDecision> {
  // A WithEngine starts (or waits for) the thread's engine only if OCR is needed below.
  const withEngine: WithEngine | null = engine === null ? null : typeof engine === 'function' ? engine : (work) => work(engine);
  const { geometry, frames: masks, mask } = analyse(image);
  if (!mask) return { clockwiseDegrees: 0, reason: 'no ink on the page: left as it is' };
  if (geometry.axis === null) return { clockwiseDegrees: 0, reason: `too little text to tell its orientation (${geometry.glyphCount} glyphs): left as it is` };
  const evidence = describe(geometry);
  if (geometry.sure && geometry.guess === 0) return { clockwiseDegrees: 0, reason: `upright (${evidence})` };
  if (!withEngine) {
    if (geometry.sure) return { clockwiseDegrees: geometry.guess, reason: `turned: ${turnText(geometry.guess)} (${evidence})` };
    if (geometry.probable) return { clockwiseDegrees: geometry.guess, reason: `probably ${turnText(geometry.guess)}; no OCR to confirm (${evidence})` };
    return { clockwiseDegrees: 0, reason: `orientation unsure without OCR: left as it is (${evidence})` };
  }
  // OCR the candidates of the most likely axis first, then (when that is inconclusive) the other.
  const bestFrame = geometry.frames.reduce((a, b) => (Math.abs(b.confidence) > Math.abs(a.confidence) ? b : a));
  const axisOrder: (0 | 90)[] = geometry.axis === 'unsure' ? [bestFrame.turn, bestFrame.turn === 0 ? 90 : 0] : [bestFrame.turn];
  const readings: Reading[] = [];
  let failure = '';
  for (const turn of axisOrder) {
    let frame = masks.get(turn);
    if (!frame) {
      const turned = turnMask(mask, turn);
      frame = frameGeometry(turned, glyphsOf(turned));
      masks.set(turn, frame);
    }
    let pair: Reading[];
    try {
      const sampleFrame = frame;
      pair = await withEngine((ocr) => readBothWays(image, mask, sampleFrame, turn, ocr));
    } catch (error) {
      // the page's own OCR will meet the same trouble and report it; here geometry has to do
      failure = `OCR failed: ${error instanceof Error ? error.message : String(error)}; `;
      break;
    }
    readings.push(...pair);
    const [a, b] = [...pair].sort((x, y) => y.score - x.score);
    if (a && a.score >= OCR_MIN_SCORE && a.score >= OCR_WIN_RATIO * b.score) {
      const detail = readings.map((r) => `${r.turn}°: ${r.score.toFixed(1)}`).join(', ');
      return {
        clockwiseDegrees: a.turn,
        reason: `${a.turn === 0 ? 'upright' : `turned: ${turnText(a.turn)}`} by OCR of a sample (scores ${detail}; ${evidence})`,
      };
    }
  }
  const detail = failure || `OCR ${readings.map((r) => `${r.turn}°: ${r.score.toFixed(1)}`).join(', ') || 'found no sample'}; `;
  if (geometry.sure) {
    return { clockwiseDegrees: geometry.guess, reason: `turned: ${turnText(geometry.guess)} by geometry, OCR inconclusive (${detail}${evidence})` };
  }
  return { clockwiseDegrees: 0, reason: `orientation unsure: left as it is (${detail}${evidence})` };
}

function turnText(turn: QuarterTurn): string {
  return turn === 180 ? 'upside down, turn 180°' : turn === 90 ? 'on its side, turn 90° clockwise' : turn === 270 ? 'on its side, turn 90° anticlockwise' : 'upright';
}

function describe(g: OrientationGeometry): string {
  const frames = g.frames.map((f) => `${f.turn === 0 ? '' : 'turned 90°: '}${f.up} up / ${f.down} down in ${f.lines} lines`).join('; ');
  return `lines run ${g.axis} (${g.votes.horizontal} vs ${g.votes.vertical} neighbour votes); ${frames}`;
}
