import type { CellGrid, PageDetection, PageImage } from '../types.js';
import { rotateGray } from '../image/rotate-gray.js';
import { binarizePage } from './binarize-page.js';
import { findLineSegments, type LineSegments } from './find-line-segments.js';
import { estimateSkewDegrees } from './estimate-skew.js';
import { selectRulings, type RulingLimits } from './select-rulings.js';
import { groupRulings } from './group-rulings.js';
import { countCrossingStrokes, type CrossingProbe } from './count-crossing-strokes.js';
import { countInkedCells } from './count-inked-cells.js';
import { sortReadingOrder } from '../grid/sort-reading-order.js';
import { buildCellGrid } from '../grid/build-cell-grid.js';
import { trimCaptionRows } from '../grid/trim-caption-rows.js';
import { splitImplicitRows, type ImplicitRowSettings } from '../grid/split-implicit-rows.js';
import { findImplausibility } from './find-implausibility.js';
import { rulingInside } from '../measure.js';

/** Shortest ink run chained into a line: a 2-px line skewed 2° breaks into ~57-px pieces; 0.06" is 12 px at 200 dpi. */
const MIN_RUN_INCHES = 0.06;
/** Gaps in a line that are bridged (scan dropouts, salt-and-pepper noise): ~1 pt. */
const MAX_GAP_INCHES = 0.012;
/** A run must be this much ink: a printed line with dropouts is well above; a scan line through text, with its letter gaps, mostly below. */
const MIN_RUN_INK_RATIO = 0.8;
/** A ruling on its own is at least this long (shorter strokes are text). */
const MIN_RULING_INCHES = 0.4;
/** Short rulings down to this length are kept when they join two long ones (borders next to merged cells). */
const MIN_SHORT_RULING_INCHES = 0.12;
/** Thicker strokes are fills, chart bars or scan borders: 0.03" is ~2 pt, a heavy table rule… */
const MAX_THICKNESS_INCHES = 0.03;
/** …which a low-resolution scan, resampled smoothly, widens: a 2-px rule at 72 DPI measured 0.033". */
const MAX_RULING_THICKNESS_INCHES = 0.045;
/** Residual skew a ruling may show after deskewing (skew below MIN_DESKEW_DEGREES is not corrected). */
const MAX_RESIDUAL_SKEW_DEGREES = 0.15;
/** Pieces of one broken line lie this close across… */
const COLLINEAR_TOLERANCE_INCHES = 0.015;
/** …with at most this gap along (dashes, dropouts). */
const MAX_COLLINEAR_GAP_INCHES = 0.05;
/** Crossing rulings may miss each other by this much (line ends drawn short, anti-aliasing). */
const TOUCH_TOLERANCE_INCHES = 0.02;
/** Beside a ruling, text is looked for from ~1 px past its edge over 0.02" (the stems of letters touching a line)… */
const FLANK_GAP_INCHES = 0.005;
const FLANK_DEPTH_INCHES = 0.02;
/** …and a rule has at most this much there: printed rules measured ≤ 0.06, rows of touching bold letters ≥ 0.26. */
const MAX_FLANK_INK_RATIO = 0.15;
/** Segments used to measure skew are at least this long, so a 0.2-px error is < 0.06°. */
const MIN_SKEW_SEGMENT_INCHES = 1;
/** Smaller skew is left alone: 0.1° drifts 2–4 px over a page-wide line, within the grid tolerances. */
const MIN_DESKEW_DEGREES = 0.1;
/** A cell holds content when this much ink is inside it: a period at 6 pt is ~0.01" square. */
const MIN_CELL_INK_INCHES = 0.01;
/** Strokes crossing borders: text never does; chart data lines over gridlines cross many times. */
const MAX_CROSSING_STROKES = 3;
/** …unless nearly all its cells hold ink (a table: a chart's cells are mostly blank)… */
const MIN_INKED_CELL_SHARE_FOR_STAMPS = 0.8;
/** …then up to this share of its inner cell borders may be crossed (a stamp, a signature, touching letters). */
const MAX_CROSSING_SHARE_OF_FILLED_TABLE = 0.1;
/** Crossing probe: beyond the line's anti-aliased edge, ~1 px at 200 dpi. */
const CROSSING_PROBE_GAP_INCHES = 0.008;
/** Ink runs longer than this along a probe row belong to another line, not to a letter's stroke. */
const MAX_STROKE_RUN_INCHES = 0.05;
/** Unruled rows: blank bands under ~1 pt are inside a line of text (accents, descenders to the next line's caps)… */
const MIN_ROW_GAP_INCHES = 0.012;
/** …and ink bands under ~2 pt tall are specks or underlines, not text (6-pt digits are ~0.06" tall). */
const MIN_TEXT_LINE_INCHES = 0.025;

/** Debug record of one detectTables call: binarization used and every candidate grid with why it was dropped. */
export interface DetectionTrace {
  binarization: 'otsu' | 'adaptive';
  threshold: number;
  candidates: { grid: CellGrid; crossings: number; accepted: boolean; reason: string }[];
}

/**
 * Find the ruled (lattice) tables on a page: binarize, find long line segments, deskew when
 * the lines say the page is rotated, select rulings, group crossing rulings into regions and
 * build each region's cell grid. Grids come in reading order and refer to `result.image`,
 * which is the input image or its deskewed copy. `skewDegrees` is the rotation applied
 * (positive = clockwise on screen). `trace`, when given, receives why candidates were kept
 * or dropped (dev overlays).
 */
export function detectTables(image: PageImage, trace?: DetectionTrace): PageDetection {
  const dpi = image.dpi;
  const px = (inches: number, min: number): number => Math.max(min, Math.round(inches * dpi));
  const minRunPx = px(MIN_RUN_INCHES, 8);
  const maxGapPx = px(MAX_GAP_INCHES, 2);
  const maxThicknessPx = px(MAX_THICKNESS_INCHES, 6);

  let page = image;
  let found = findSegments(page, minRunPx, maxGapPx);
  const skew = estimateSkewDegrees(found.segments, px(MIN_SKEW_SEGMENT_INCHES, 50), maxThicknessPx);
  let skewDegrees = 0;
  if (Math.abs(skew) > MIN_DESKEW_DEGREES) {
    skewDegrees = -skew;
    page = { ...image, gray: rotateGray(image, skewDegrees) };
    found = findSegments(page, minRunPx, maxGapPx);
  }
  if (trace) {
    trace.binarization = found.method;
    trace.threshold = found.threshold;
    trace.candidates = [];
  }

  const limits: RulingLimits = {
    minLengthPx: px(MIN_RULING_INCHES, 20),
    minShortLengthPx: px(MIN_SHORT_RULING_INCHES, 8),
    maxThicknessPx: px(MAX_RULING_THICKNESS_INCHES, 9),
    maxDriftRatio: Math.tan((MAX_RESIDUAL_SKEW_DEGREES * Math.PI) / 180),
    collinearTolerancePx: px(COLLINEAR_TOLERANCE_INCHES, 2),
    maxCollinearGapPx: px(MAX_COLLINEAR_GAP_INCHES, 4),
    touchTolerancePx: px(TOUCH_TOLERANCE_INCHES, 3),
    flankGapPx: px(FLANK_GAP_INCHES, 1),
    flankDepthPx: px(FLANK_DEPTH_INCHES, 3),
    maxStrokeRunPx: px(MAX_STROKE_RUN_INCHES, 6),
    maxFlankInkRatio: MAX_FLANK_INK_RATIO,
  };
  const probe: CrossingProbe = {
    maxLineThicknessPx: maxThicknessPx,
    probeGapPx: px(CROSSING_PROBE_GAP_INCHES, 1),
    maxStrokeRunPx: limits.maxStrokeRunPx,
    marginPx: limits.touchTolerancePx + maxThicknessPx,
  };
  const minCellInkPx = Math.max(2, Math.round((MIN_CELL_INK_INCHES * dpi) ** 2));
  const implicitRows: ImplicitRowSettings = {
    marginPx: probe.marginPx,
    minGapPx: px(MIN_ROW_GAP_INCHES, 2),
    minLineHeightPx: px(MIN_TEXT_LINE_INCHES, 4),
  };
  const gridsOf = (found: FoundSegments) => {
    const rulings = selectRulings(found.segments, limits, { mask: found.mask, width: page.width, height: page.height });
    const grids: CellGrid[] = [];
    for (const group of groupRulings(rulings, limits.touchTolerancePx)) {
      const built = buildCellGrid(group, dpi);
      if (!built) continue;
      const framed = trimCaptionRows(built);
      let why = findImplausibility(framed, page);
      const grid = why ? framed : splitImplicitRows(framed, found.mask, page.width, implicitRows);
      const crossings = why ? 0 : countCrossingStrokes(found.mask, page.width, page.height, grid, probe);
      const inkedCells = why ? 0 : countInkedCells(found.mask, page.width, grid, probe.marginPx, minCellInkPx);
      if (!why && crossings > allowedCrossings(grid, inkedCells)) why = `${crossings} strokes cross its borders`;
      if (!why && inkedCells === 0) why = 'all cells blank';
      trace?.candidates.push({ grid, crossings, accepted: !why, reason: why });
      if (!why) grids.push(grid);
    }
    return { rulings, grids };
  };
  let result = gridsOf(found);
  // Look again with faint rules too (light gray, blurred). With no ruled table in the plain mask,
  // take what the faint mask finds. Otherwise a faint grid only replaces a plain one that it
  // refines: same frame, every plain boundary kept, faint ones added (a light inner rule beside
  // dark ones). The extra line pixels can thicken or join the rules of a plain table, so a faint
  // grid that disagrees with a plain one is not trusted.
  const plainCandidates = trace?.candidates ?? [];
  if (trace) trace.candidates = [];
  const faint = gridsOf(findSegments(page, minRunPx, maxGapPx, true));
  if (result.grids.length === 0) {
    if (faint.grids.length > 0) result = faint;
  } else {
    if (trace) trace.candidates = plainCandidates;
    const tolerancePx = limits.touchTolerancePx + maxThicknessPx;
    const grids = result.grids.map((grid) => faint.grids.find((finer) => refines(finer, grid, tolerancePx)) ?? grid);
    const added = faint.rulings.filter((ruling) => grids.some((grid) => !result.grids.includes(grid) && rulingInside(ruling, grid.box, tolerancePx)));
    result = { rulings: [...result.rulings, ...added], grids };
  }
  return { image: page, skewDegrees, rulings: result.rulings, grids: sortReadingOrder(result.grids) };
}

/**
 * How many strokes may cross a grid's inner borders. A chart's cells are mostly blank, and its data
 * lines cross the gridlines again and again: a few crossings rule it out. A grid whose cells nearly
 * all hold ink is a table, where a stamp, a signature or letters touching the rules of a phone
 * photo cross a small share of its many borders.
 */
function allowedCrossings(grid: CellGrid, inkedCells: number): number {
  if (inkedCells < MIN_INKED_CELL_SHARE_FOR_STAMPS * grid.cells.length) return MAX_CROSSING_STROKES;
  const rows = grid.rowEdges.length - 1;
  const cols = grid.columnEdges.length - 1;
  const innerBorders = (rows - 1) * cols + (cols - 1) * rows;
  return Math.max(MAX_CROSSING_STROKES, Math.floor(MAX_CROSSING_SHARE_OF_FILLED_TABLE * innerBorders));
}

/** `finer` has `grid`'s frame and all its row and column boundaries, plus at least one more. */
function refines(finer: CellGrid, grid: CellGrid, tolerancePx: number): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerancePx;
  const sameFrame =
    near(finer.box.left, grid.box.left) && near(finer.box.right, grid.box.right) && near(finer.box.top, grid.box.top) && near(finer.box.bottom, grid.box.bottom);
  const keeps = (finerEdges: number[], edges: number[]) => edges.every((edge) => finerEdges.some((other) => near(other, edge)));
  const more = finer.columnEdges.length + finer.rowEdges.length > grid.columnEdges.length + grid.rowEdges.length;
  return sameFrame && more && keeps(finer.columnEdges, grid.columnEdges) && keeps(finer.rowEdges, grid.rowEdges);
}

interface FoundSegments {
  segments: LineSegments;
  mask: Uint8Array;
  method: 'otsu' | 'adaptive';
  threshold: number;
}

function findSegments(page: PageImage, minRunPx: number, maxGapPx: number, faintLines = false): FoundSegments {
  const { mask, method, threshold } = binarizePage(page, page.dpi, faintLines);
  const segments = findLineSegments(mask, page.width, page.height, minRunPx, maxGapPx, MIN_RUN_INK_RATIO);
  return { segments, mask, method, threshold };
}
