import type { CellGrid, Fill, Ruling, VectorGraphics } from '../types.js';
import { buildCellGrid } from '../grid/build-cell-grid.js';
import { trimCaptionRows } from '../grid/trim-caption-rows.js';
import { findImplausibility } from './find-implausibility.js';
import { groupRulings } from './group-rulings.js';
import { joinCollinear, keepConnectedRulings } from './select-rulings.js';
import { sortReadingOrder } from '../grid/sort-reading-order.js';
import { DisjointSets } from '../image/disjoint-sets.js';

/** A ruling on its own is at least this long (as in the raster detector: shorter strokes are marks, icons, outlined glyphs). */
const MIN_RULING_INCHES = 0.4;
/** Short rulings down to this length are kept when they join two long ones (borders next to merged cells). */
const MIN_SHORT_RULING_INCHES = 0.12;
/** Thicker lines are bars, not rules: the reader turns fills up to 4.5 pt thick into lines. */
const MAX_THICKNESS_INCHES = 0.065;
/** Parallel lines this close across are one (a cell's border drawn by both cells, fills with a 1-pt gutter between them)… */
const COLLINEAR_TOLERANCE_INCHES = 0.02;
/** …when at most this gap lies between them along (pieces drawn per cell; gaps left at crossings). */
const MAX_COLLINEAR_GAP_INCHES = 0.05;
/** Crossing lines may miss each other by this much (line ends drawn short). */
const TOUCH_TOLERANCE_INCHES = 0.02;
/** Sides of neighbouring fills line up within this (the same as lines that are one). */
const FILL_ALIGN_INCHES = 0.02;
/** Cells filled one by one leave at most this gutter between them (white separators ~1 pt). */
const MAX_FILL_GUTTER_INCHES = 0.06;
/** Shaded stripes (zebra rows) are separated by unshaded ones about as tall (or wide) as a stripe: at most this many times… */
const MAX_STRIPE_GAP_RATIO = 3;
/** …and at least this share (boxes stacked with a small gap are a layout, not rows). */
const MIN_STRIPE_GAP_RATIO = 1 / 3;
/** …and at most this far apart. */
const MAX_STRIPE_GAP_INCHES = 1;
/** Stripes alone (no fill touching another) make a table only when there are at least this many: two stacked boxes are a layout. */
const MIN_STRIPES = 3;
/** A grid crossed by more oblique strokes than this is a chart (its series cross the gridlines); the raster detector's limit. */
const MAX_CROSSING_STROKES = 3;
/** Pages with more fills than this (maps, charts drawn as tiles) are not searched for shaded tables: the search is quadratic. */
const MAX_FILLS = 3000;
/** A table made from fills is at least this wide and tall (smaller tilings are legends, swatches, icons). */
const MIN_FILL_TABLE_WIDTH_INCHES = 0.75;
const MIN_FILL_TABLE_HEIGHT_INCHES = 0.2;

/**
 * Find the tables a page draws as vector graphics (see readVectorGraphics): rulings, and fills
 * that tile a region (cells filled one by one, zebra rows, a shaded header with shaded rows
 * below it). Fill sides become edges next to the rulings; then, as in the raster detector,
 * collinear pieces are joined (cells outlined one by one draw each inner border twice), short
 * pieces are kept only between long ones, crossing rulings are grouped, and each group's cell
 * grid is built (spans where a separating line is missing). Frames, lone boxes and framed
 * figures are dropped, and so are charts: grids whose inner lines are crossed by several oblique
 * strokes (a data series over gridlines). Grids come in reading order, in the graphics' pixel space.
 *
 * Stripes alone give row edges but no column edges: such a grid has one column, which the
 * caller may split using the text.
 */
export function detectVectorTables(graphics: VectorGraphics, page: { width: number; height: number; dpi: number }): CellGrid[] {
  const dpi = page.dpi;
  const px = (inches: number, min: number): number => Math.max(min, inches * dpi);
  const limits = {
    minLengthPx: px(MIN_RULING_INCHES, 20),
    minShortLengthPx: px(MIN_SHORT_RULING_INCHES, 8),
    collinearTolerancePx: px(COLLINEAR_TOLERANCE_INCHES, 1.5),
    maxCollinearGapPx: px(MAX_COLLINEAR_GAP_INCHES, 3),
    touchTolerancePx: px(TOUCH_TOLERANCE_INCHES, 2),
  };
  const maxThicknessPx = px(MAX_THICKNESS_INCHES, 4);
  const lines = graphics.rulings.filter((r) => r.thickness <= maxThicknessPx);
  const edges = findFillEdges(graphics.fills, {
    alignPx: px(FILL_ALIGN_INCHES, 1.5),
    maxGutterPx: px(MAX_FILL_GUTTER_INCHES, 3),
    maxStripeGapPx: MAX_STRIPE_GAP_INCHES * dpi,
    minWidthPx: MIN_FILL_TABLE_WIDTH_INCHES * dpi,
    minHeightPx: MIN_FILL_TABLE_HEIGHT_INCHES * dpi,
  });
  const all = lines.concat(edges);
  const horizontal = joinCollinear(all.filter((r) => r.orientation === 'horizontal'), limits);
  const vertical = joinCollinear(all.filter((r) => r.orientation === 'vertical'), limits);
  const rulings = keepConnectedRulings(horizontal, vertical, limits);

  const grids: CellGrid[] = [];
  for (const group of groupRulings(rulings, limits.touchTolerancePx)) {
    const built = buildCellGrid(group, dpi);
    if (!built) continue;
    const grid = trimCaptionRows(built);
    if (findImplausibility(grid, page)) continue;
    if (countCrossingSegments(graphics.obliqueSegments, grid) > MAX_CROSSING_STROKES) continue;
    grids.push(grid);
  }
  return sortReadingOrder(grids);
}

/**
 * How many of the oblique segments (x0, y0, x1, y1 quadruples) cross an inner row or column
 * line of the grid inside its box. A diagonal inside one cell crosses none.
 */
export function countCrossingSegments(segments: readonly number[], grid: CellGrid): number {
  const { box } = grid;
  const rows = grid.rowEdges.slice(1, -1);
  const cols = grid.columnEdges.slice(1, -1);
  let count = 0;
  for (let k = 0; k + 3 < segments.length; k += 4) {
    const x0 = segments[k];
    const y0 = segments[k + 1];
    const x1 = segments[k + 2];
    const y1 = segments[k + 3];
    if (Math.max(x0, x1) < box.left || Math.min(x0, x1) > box.right || Math.max(y0, y1) < box.top || Math.min(y0, y1) > box.bottom) continue;
    const crosses =
      rows.some((y) => {
        if ((y0 - y) * (y1 - y) >= 0) return false;
        const x = x0 + ((x1 - x0) * (y - y0)) / (y1 - y0);
        return x > box.left && x < box.right;
      }) ||
      cols.some((x) => {
        if ((x0 - x) * (x1 - x) >= 0) return false;
        const y = y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
        return y > box.top && y < box.bottom;
      });
    if (crosses) count++;
  }
  return count;
}

interface FillEdgeLimits {
  alignPx: number;
  maxGutterPx: number;
  maxStripeGapPx: number;
  minWidthPx: number;
  minHeightPx: number;
}

/** How fill `j` continues fill `i` (below it, or right of it). */
interface FillLink {
  i: number;
  j: number;
  /** true: j below i (same left and right); false: j right of i (same top and bottom). */
  vertical: boolean;
  gapPx: number;
  stripe: boolean;
}

/**
 * Edges of fills that tile a region, as rulings (thickness 1). Fills belong together when they
 * are neighbours in a column (same left and right) or a row (same top and bottom) with at most a
 * gutter between them (cells filled one by one, any colours), or when they are stripes: the same
 * colour, with an unshaded band between them about as wide as a stripe (zebra rows or columns).
 * A group of touching fills, or of at least MIN_STRIPES stripes, gives the four sides of each
 * fill and the sides of the unshaded bands between its stripes; a fill of another colour lined
 * up with a group's stripes like one more stripe (a dark header band above zebra rows) joins it.
 * A lone fill gives nothing: a shaded box or band is no table by itself, and where rulings
 * surround it they make the grid.
 */
export function findFillEdges(fills: readonly Fill[], limits: FillEdgeLimits): Ruling[] {
  if (fills.length < 2 || fills.length > MAX_FILLS) return [];
  const links = linkFills(fills, limits);
  const accepted = acceptFillTables(fills, links, limits);
  return edgesOfFills(fills, links, accepted);
}

/** Each fill's link to the nearest fill lined up below it and right of it, where that one continues it. */
function linkFills(fills: readonly Fill[], limits: FillEdgeLimits): FillLink[] {
  // Fills sorted by left side and by top side: lined-up candidates lie in a narrow window.
  const byLeft = indicesSortedBy(fills, (f) => f.left);
  const byTop = indicesSortedBy(fills, (f) => f.top);
  const links: FillLink[] = [];
  for (let i = 0; i < fills.length; i++) {
    for (const vertical of [true, false]) {
      const link = linkFrom(fills, i, vertical, vertical ? byLeft : byTop, limits);
      if (link) links.push(link);
    }
  }
  return links;
}

/** The indices of `fills`, sorted by `key` (ties keep their order). */
function indicesSortedBy(fills: readonly Fill[], key: (fill: Fill) => number): number[] {
  return Array.from({ length: fills.length }, (_, i) => i).sort((p, q) => key(fills[p]) - key(fills[q]));
}

/**
 * How fill `i` continues into the nearest fill lined up below it (`vertical`) or right of it: a
 * gutter apart, or spaced like stripes with nothing shaded between them; null where it does not.
 */
function linkFrom(fills: readonly Fill[], i: number, vertical: boolean, order: readonly number[], limits: FillEdgeLimits): FillLink | null {
  const nearest = nearestLinedUp(fills, i, vertical, order, limits.alignPx);
  if (!nearest) return null;
  const { j, gapPx } = nearest;
  if (gapPx <= limits.maxGutterPx) return { i, j, vertical, gapPx, stripe: false };
  if (!spacedLikeStripes(fills[i], fills[j], vertical, gapPx, limits.maxStripeGapPx)) return null;
  if (shadedBetween(fills, i, j, vertical, limits.alignPx)) return null;
  return { i, j, vertical, gapPx, stripe: true };
}

/**
 * The nearest fill below fill `i` (`vertical`) or right of it with the same left and right (or
 * top and bottom) sides, and the gap to it; `order` is the fills sorted by left (or top) side.
 */
function nearestLinedUp(fills: readonly Fill[], i: number, vertical: boolean, order: readonly number[], alignPx: number): { j: number; gapPx: number } | null {
  const a = fills[i];
  const near = (p: number, q: number): boolean => Math.abs(p - q) <= alignPx;
  const from = vertical ? a.left : a.top;
  let best = -1;
  let bestGap = Infinity;
  for (let k = firstAtLeast(order, (m) => (vertical ? fills[m].left : fills[m].top), from - alignPx); k < order.length; k++) {
    const j = order[k];
    const b = fills[j];
    if ((vertical ? b.left : b.top) > from + alignPx) break;
    if (j === i) continue;
    if (!(vertical ? near(a.right, b.right) : near(a.bottom, b.bottom))) continue;
    const gap = vertical ? b.top - a.bottom : b.left - a.right;
    if (gap >= -alignPx && gap < bestGap) {
      bestGap = gap;
      best = j;
    }
  }
  return best < 0 ? null : { j: best, gapPx: bestGap };
}

/** The first position in `order` whose key is at least `value` (`order` is sorted by `key`). */
function firstAtLeast(order: readonly number[], key: (index: number) => number, value: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(order[mid]) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the unshaded band between fills `a` and `b` is about as tall (or wide) as the fills themselves. */
function spacedLikeStripes(a: Fill, b: Fill, vertical: boolean, gapPx: number, maxStripeGapPx: number): boolean {
  const sizeA = vertical ? a.bottom - a.top : a.right - a.left;
  const sizeB = vertical ? b.bottom - b.top : b.right - b.left;
  if (gapPx > maxStripeGapPx || gapPx > MAX_STRIPE_GAP_RATIO * Math.max(sizeA, sizeB)) return false;
  return !(gapPx < MIN_STRIPE_GAP_RATIO * Math.min(sizeA, sizeB));
}

/** Whether a fill other than `i` and `j` lies in the band between them. */
function shadedBetween(fills: readonly Fill[], i: number, j: number, vertical: boolean, alignPx: number): boolean {
  const a = fills[i];
  const b = fills[j];
  for (let k = 0; k < fills.length; k++) {
    if (k === i || k === j) continue;
    const c = fills[k];
    if (vertical) {
      if (c.top < b.top - alignPx && c.bottom > a.bottom + alignPx && Math.min(c.right, a.right) - Math.max(c.left, a.left) > alignPx) return true;
    } else if (c.left < b.left - alignPx && c.right > a.right + alignPx && Math.min(c.bottom, a.bottom) - Math.max(c.top, a.top) > alignPx) {
      return true;
    }
  }
  return false;
}

/**
 * Which fills make tables (1 for each): the groups of linked fills (touching ones, and stripes of
 * one colour) large enough to be a table, and the fills spaced like one more of their stripes.
 */
function acceptFillTables(fills: readonly Fill[], links: readonly FillLink[], limits: FillEdgeLimits): Uint8Array {
  const sets = new DisjointSets(fills.length);
  const touching = new Uint8Array(fills.length);
  for (const link of links) {
    if (!link.stripe) {
      touching[link.i] = touching[link.j] = 1;
      sets.join(link.i, link.j);
    } else if (fills[link.i].color === fills[link.j].color) {
      sets.join(link.i, link.j);
    }
  }
  const accepted = new Uint8Array(fills.length);
  for (const members of membersOfSets(sets)) {
    if (isFillTable(fills, members, touching, limits)) for (const i of members) accepted[i] = 1;
  }
  // A fill of another colour spaced like one more stripe of an accepted group joins it.
  for (const link of links) {
    if (link.stripe && accepted[link.i] !== accepted[link.j]) accepted[link.i] = accepted[link.j] = 1;
  }
  return accepted;
}

/** The members of each set, in the order of their smallest member. */
function membersOfSets(sets: DisjointSets): number[][] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < sets.size; i++) {
    const root = sets.root(i);
    let list = members.get(root);
    if (!list) members.set(root, (list = []));
    list.push(i);
  }
  return [...members.values()];
}

/** Whether a group of linked fills is a table: touching fills or enough stripes, over a table's size. */
function isFillTable(fills: readonly Fill[], members: readonly number[], touching: Uint8Array, limits: FillEdgeLimits): boolean {
  if (members.length < 2) return false;
  if (!members.some((i) => touching[i]) && members.length < MIN_STRIPES) return false;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const i of members) {
    left = Math.min(left, fills[i].left);
    top = Math.min(top, fills[i].top);
    right = Math.max(right, fills[i].right);
    bottom = Math.max(bottom, fills[i].bottom);
  }
  return !(right - left < limits.minWidthPx || bottom - top < limits.minHeightPx);
}

/** The four sides of each accepted fill, then the sides of the unshaded bands between accepted stripes. */
function edgesOfFills(fills: readonly Fill[], links: readonly FillLink[], accepted: Uint8Array): Ruling[] {
  const edges: Ruling[] = [];
  const edge = (orientation: Ruling['orientation'], position: number, start: number, end: number): void => {
    if (end > start) edges.push({ orientation, position, start, end, thickness: 1 });
  };
  for (let i = 0; i < fills.length; i++) {
    if (!accepted[i]) continue;
    const f = fills[i];
    edge('horizontal', f.top, f.left, f.right);
    edge('horizontal', f.bottom, f.left, f.right);
    edge('vertical', f.left, f.top, f.bottom);
    edge('vertical', f.right, f.top, f.bottom);
  }
  for (const { i, j, vertical, stripe } of links) {
    if (!stripe || !accepted[i] || !accepted[j]) continue;
    const a = fills[i];
    const b = fills[j];
    if (vertical) {
      // the unshaded row between two stripes: its left and right sides
      edge('vertical', (a.left + b.left) / 2, a.bottom, b.top);
      edge('vertical', (a.right + b.right) / 2, a.bottom, b.top);
    } else {
      edge('horizontal', (a.top + b.top) / 2, a.right, b.left);
      edge('horizontal', (a.bottom + b.bottom) / 2, a.right, b.left);
    }
  }
  return edges;
}
