// Table rulings, shaded boxes and image positions from a page's vector graphics (the pdf.js
// operator list), in the same pixel space as the rendered page, so a born-digital page needs no
// render to find its ruled tables.
import { OPS } from './pdfjs.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { PixelBox, Ruling } from '../types.js';

/** A filled rectangle and its colour: '#rrggbb', or 'pattern' for a shading or tiling pattern. */
export interface Fill extends PixelBox {
  color: string;
}

/** What a page draws, in the viewport's pixels (origin top-left, /Rotate applied). */
export interface VectorGraphics {
  /** Straight axis-aligned strokes, sides of stroked rectangles, and thin filled rectangles. */
  rulings: Ruling[];
  /** Filled rectangles too large to be lines, neither white nor a page background; touching pieces of one colour joined. */
  fills: Fill[];
  /** Where images (including stencil masks) are painted: their unit square under the CTM. */
  imageBoxes: PixelBox[];
  /**
   * Drawn lines that are not axis-aligned (strokes, sides of filled shapes other than
   * rectangles) and the chords of curves, as flat x0, y0, x1, y1 quadruples: chart series and
   * diagonals, which cross a chart's gridlines but never a table's borders.
   */
  obliqueSegments: number[];
}

// pdf.js path codes inside constructPath's Float32Array (DrawOPS in pdfjs-dist 5.x, not exported).
const DRAW_MOVE_TO = 0;
const DRAW_LINE_TO = 1;
const DRAW_CURVE_TO = 2;
const DRAW_QUADRATIC_CURVE_TO = 3;
const DRAW_CLOSE_PATH = 4;

/** A line this far off the axis still counts as axis-aligned: ~0.5° (tan 0.5° ≈ 0.0087). */
const MAX_OFF_AXIS_SLOPE = 0.0087;
/** A filled rectangle at most this thick (in points) is a line: heavy table rules are ≤ ~2 pt. */
const THIN_FILL_PT = 2.5;
/** Up to this thickness (points; thinner than any text row) a fill is a line when it is also long… */
const THICK_RULE_PT = 4.5;
/** …at least this many times longer than thick. */
const THICK_RULE_ASPECT = 10;
/** A fill covering this much of the page is a page background, not a cell. */
const PAGE_BACKGROUND_AREA_RATIO = 0.9;
/** Colour channels at least this bright are white (invisible on paper); #f2f2f2 zebra shading stays. */
const WHITE_CHANNEL_MIN = 250;
/** Shapes smaller than this (pixels) across are not drawn at all. */
const MIN_VISIBLE_PX = 0.001;
/** Same-colour fills this close (points) show no edge between them: far below the ~0.5-pt white gutters between shaded cells. */
const FILL_TOUCH_PT = 0.1;
/** Above this many fills of one colour (maps, charts), nested ones are not looked for (quadratic). */
const MAX_FILLS_FOR_CONTAINMENT = 2000;
/** At most this many oblique segments are kept (a vector map can have millions; a few crossings decide). */
const MAX_OBLIQUE_SEGMENTS = 50_000;
/** Holes are looked for among at most this many rectangles of one path (a path of thousands of rule rectangles has none). */
const MAX_RECTS_FOR_HOLES = 64;
/** Positions are rounded to this fraction of a pixel (path data is Float32: ±1e-4 noise). */
const ROUND_PX = 100;

export type Matrix = [number, number, number, number, number, number];

interface GraphicsState {
  ctm: Matrix;
  /** The clipping rectangle in device pixels (rectangular clip paths only; others are ignored). */
  clip: PixelBox;
  lineWidth: number;
  /** Whether fills / strokes are visible at all: not white, not fully transparent. */
  fillVisible: boolean;
  strokeVisible: boolean;
  fillColor: string;
  fillAlpha: number;
  strokeAlpha: number;
  strokeWhite: boolean;
}

interface FillRect {
  box: PixelBox;
  color: string;
}

export function multiply(m: Matrix, n: readonly number[]): Matrix {
  // m × n in pdf.js/canvas order: apply n first, then m.
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function isWhite(hex: string): boolean {
  if (hex.length !== 7 || hex[0] !== '#') return false;
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  return r >= WHITE_CHANNEL_MIN && g >= WHITE_CHANNEL_MIN && b >= WHITE_CHANNEL_MIN;
}

const round = (v: number): number => Math.round(v * ROUND_PX) / ROUND_PX;

/** Collects rulings, fills and image boxes while the operator list is walked. */
class Collector {
  readonly rulings: Ruling[] = [];
  readonly fills: FillRect[] = [];
  readonly imageBoxes: PixelBox[] = [];
  readonly oblique: number[] = [];
  private readonly pxPerPt: number;

  constructor(
    readonly width: number,
    readonly height: number,
    scale: number,
  ) {
    this.pxPerPt = scale;
  }

  /** One stroked segment in device pixels; kept when axis-aligned, and cut to the clip box. */
  addSegment(x0: number, y0: number, x1: number, y1: number, thickness: number, clip: PixelBox): void {
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dx < MIN_VISIBLE_PX && dy < MIN_VISIBLE_PX) return;
    if (dy <= dx * MAX_OFF_AXIS_SLOPE) {
      this.addRuling('horizontal', (y0 + y1) / 2, Math.min(x0, x1), Math.max(x0, x1), thickness, clip);
    } else if (dx <= dy * MAX_OFF_AXIS_SLOPE) {
      this.addRuling('vertical', (x0 + x1) / 2, Math.min(y0, y1), Math.max(y0, y1), thickness, clip);
    } else {
      this.addOblique(x0, y0, x1, y1);
    }
  }

  /** A drawn piece that is no ruling (a slanted stroke, a side of a non-rectangular fill, a curve chord): kept to tell charts from tables. */
  addOblique(x0: number, y0: number, x1: number, y1: number): void {
    if (this.oblique.length < 4 * MAX_OBLIQUE_SEGMENTS) this.oblique.push(round(x0), round(y0), round(x1), round(y1));
  }

  /** One filled axis-aligned rectangle in device pixels, cut to the clip box: a line when thin, else a fill. */
  addFilledRect(left: number, top: number, right: number, bottom: number, color: string, clip: PixelBox): void {
    left = Math.max(clip.left, left);
    top = Math.max(clip.top, top);
    right = Math.min(clip.right, right);
    bottom = Math.min(clip.bottom, bottom);
    const w = right - left;
    const h = bottom - top;
    if (w < MIN_VISIBLE_PX || h < MIN_VISIBLE_PX) return;
    const thin = Math.min(w, h);
    const long = Math.max(w, h);
    const thinPt = thin / this.pxPerPt;
    if (thinPt <= THIN_FILL_PT || (thinPt <= THICK_RULE_PT && long >= THICK_RULE_ASPECT * thin)) {
      if (w >= h) this.addRuling('horizontal', (top + bottom) / 2, left, right, h, clip);
      else this.addRuling('vertical', (left + right) / 2, top, bottom, w, clip);
      return;
    }
    if (w * h >= PAGE_BACKGROUND_AREA_RATIO * this.width * this.height) return;
    this.fills.push({ box: { left: round(left), top: round(top), right: round(right), bottom: round(bottom) }, color });
  }

  /** A ruling cut to the clip box (which lies within the page); a line centred up to half its thickness outside still shows. */
  private addRuling(orientation: Ruling['orientation'], position: number, start: number, end: number, thickness: number, clip: PixelBox): void {
    const horizontal = orientation === 'horizontal';
    const slack = thickness / 2;
    if (position < (horizontal ? clip.top : clip.left) - slack || position > (horizontal ? clip.bottom : clip.right) + slack) return;
    start = Math.max(start, horizontal ? clip.left : clip.top);
    end = Math.min(end, horizontal ? clip.right : clip.bottom);
    if (end - start < MIN_VISIBLE_PX) return;
    this.rulings.push({ orientation, position: round(position), start: round(start), end: round(end), thickness: round(Math.max(1, thickness)) });
  }

  /** The unit square under `m`, as a box cut to the clip box (nothing when it misses it). */
  addImage(m: Matrix, clip: PixelBox): void {
    const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
    const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
    const left = Math.max(clip.left, Math.min(...xs));
    const right = Math.min(clip.right, Math.max(...xs));
    const top = Math.max(clip.top, Math.min(...ys));
    const bottom = Math.min(clip.bottom, Math.max(...ys));
    if (right - left < MIN_VISIBLE_PX || bottom - top < MIN_VISIBLE_PX) return;
    this.imageBoxes.push({ left: round(left), top: round(top), right: round(right), bottom: round(bottom) });
  }
}

/**
 * A straight piece of a pdf.js path (DrawOPS codes with their coordinates inline), in device
 * pixels: a flat list of x, y pairs. A curve ends the piece it interrupts (its end point starts a
 * new one), so `points` are always joined by straight lines. `sx`, `sy` is the start of the
 * subpath the piece belongs to, where closePath returns to.
 */
interface Subpath {
  points: number[];
  sx: number;
  sy: number;
  closed: boolean;
  /** True when a curve is part of its subpath: then it is no rectangle. */
  curved: boolean;
}

/** The straight pieces of a path, and the chords (x0, y0, x1, y1) of its curves. */
function readSubpaths(data: Float32Array, m: Matrix): { subs: Subpath[]; chords: number[] } {
  const out: Subpath[] = [];
  const chords: number[] = [];
  let current: Subpath | null = null;
  const [a, b, c, d, e, f] = m;
  for (let i = 0; i < data.length; ) {
    const code = data[i++];
    if (code === DRAW_MOVE_TO || code === DRAW_LINE_TO) {
      const x = data[i++];
      const y = data[i++];
      const px = a * x + c * y + e;
      const py = b * x + d * y + f;
      if (code === DRAW_MOVE_TO || !current) {
        current = { points: [px, py], sx: px, sy: py, closed: false, curved: false };
        out.push(current);
      } else {
        current.points.push(px, py);
      }
    } else if (code === DRAW_CURVE_TO || code === DRAW_QUADRATIC_CURVE_TO) {
      i += code === DRAW_CURVE_TO ? 4 : 2;
      const x = data[i++];
      const y = data[i++];
      const px = a * x + c * y + e;
      const py = b * x + d * y + f;
      if (current) {
        current.curved = true;
        const k = current.points.length;
        chords.push(current.points[k - 2], current.points[k - 1], px, py);
      }
      current = { points: [px, py], sx: current ? current.sx : px, sy: current ? current.sy : py, closed: false, curved: true };
      out.push(current);
    } else if (code === DRAW_CLOSE_PATH) {
      if (current) {
        current.closed = true;
        // after closePath the current point is the subpath's start
        current = { points: [current.sx, current.sy], sx: current.sx, sy: current.sy, closed: false, curved: false };
        out.push(current);
      }
    } else {
      break; // unknown code: the rest cannot be parsed
    }
  }
  return { subs: out, chords };
}

function strokeSubpath(sub: Subpath, thickness: number, clip: PixelBox, collector: Collector): void {
  const p = sub.points;
  const n = p.length / 2;
  for (let k = 1; k < n; k++) collector.addSegment(p[2 * k - 2], p[2 * k - 1], p[2 * k], p[2 * k + 1], thickness, clip);
  if (!sub.closed) return;
  const startsSubpath = p[0] === sub.sx && p[1] === sub.sy;
  // The closing side back to the start; a two-point "rectangle" (moveTo, lineTo, close) would
  // draw its one line twice.
  if (startsSubpath ? n > 2 : n >= 1) collector.addSegment(p[2 * n - 2], p[2 * n - 1], sub.sx, sub.sy, thickness, clip);
}

/** The axis-aligned rectangle a closed or implicitly closed subpath outlines, or null. Also its signed area, for winding. */
function subpathRect(sub: Subpath): { left: number; top: number; right: number; bottom: number; signedArea: number } | null {
  if (sub.curved) return null;
  const p = sub.points;
  const n = p.length / 2;
  if (n < 3) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  let twiceArea = 0;
  for (let k = 0; k < n; k++) {
    const x = p[2 * k];
    const y = p[2 * k + 1];
    const nx = p[(2 * k + 2) % (2 * n)];
    const ny = p[(2 * k + 3) % (2 * n)];
    const dx = Math.abs(nx - x);
    const dy = Math.abs(ny - y);
    // every side (the implicit closing one included) runs along an axis
    if (dy > dx * MAX_OFF_AXIS_SLOPE && dx > dy * MAX_OFF_AXIS_SLOPE) return null;
    twiceArea += x * ny - nx * y;
    if (x < left) left = x;
    if (x > right) right = x;
    if (y < top) top = y;
    if (y > bottom) bottom = y;
  }
  const boxArea = (right - left) * (bottom - top);
  // an L- or U-shaped outline has axis-aligned sides too, but less area than its bounding box
  if (Math.abs(Math.abs(twiceArea / 2) - boxArea) > 0.01 * boxArea + 0.01) return null;
  return { left, top, right, bottom, signedArea: twiceArea / 2 };
}

/** The sides of a filled shape that is no rectangle (a chart series drawn as an outline, a glyph) that are not axis-aligned. */
function addObliqueEdges(sub: Subpath, collector: Collector): void {
  const p = sub.points;
  const n = p.length / 2;
  for (let k = 0; k < n; k++) {
    const last = k === n - 1;
    if (last && !sub.closed && !(p[0] === sub.sx && p[1] === sub.sy)) break;
    const x0 = p[2 * k];
    const y0 = p[2 * k + 1];
    const x1 = last ? sub.sx : p[2 * k + 2];
    const y1 = last ? sub.sy : p[2 * k + 3];
    const dx = Math.abs(x1 - x0);
    const dy = Math.abs(y1 - y0);
    if (dy > dx * MAX_OFF_AXIS_SLOPE && dx > dy * MAX_OFF_AXIS_SLOPE) collector.addOblique(x0, y0, x1, y1);
  }
}

function fillSubpaths(subs: Subpath[], evenOdd: boolean, color: string, clip: PixelBox, collector: Collector): void {
  const rects: NonNullable<ReturnType<typeof subpathRect>>[] = [];
  for (const sub of subs) {
    const r = subpathRect(sub);
    if (r) rects.push(r);
    else addObliqueEdges(sub, collector);
  }
  if (rects.length === 0) return;
  const used = new Uint8Array(rects.length);
  if (rects.length > 1 && rects.length <= MAX_RECTS_FOR_HOLES) {
    // Rectangles inside another one of the same path are holes in it with the even-odd rule, or
    // with the nonzero rule when wound the other way. One hole: a frame, whose four sides are
    // painted bars. Several: a block with cells cut out, whose painted part is the bars between
    // them; their outlines are the lines.
    const order = rects.map((_, i) => i).sort((i, j) => area(rects[j]) - area(rects[i]));
    for (const i of order) {
      if (used[i]) continue;
      const o = rects[i];
      const holes: number[] = [];
      for (const j of order) {
        if (j === i || used[j]) continue;
        const q = rects[j];
        if (q.left < o.left || q.right > o.right || q.top < o.top || q.bottom > o.bottom) continue;
        if (!evenOdd && Math.sign(q.signedArea) === Math.sign(o.signedArea)) continue;
        holes.push(j);
      }
      if (holes.length === 0) continue;
      used[i] = 1;
      for (const j of holes) used[j] = 1;
      if (holes.length === 1) {
        const q = rects[holes[0]];
        collector.addFilledRect(o.left, o.top, o.right, q.top, color, clip);
        collector.addFilledRect(o.left, q.bottom, o.right, o.bottom, color, clip);
        collector.addFilledRect(o.left, q.top, q.left, q.bottom, color, clip);
        collector.addFilledRect(q.right, q.top, o.right, q.bottom, color, clip);
      } else {
        for (const r of [o, ...holes.map((j) => rects[j])]) {
          collector.addSegment(r.left, r.top, r.right, r.top, 1, clip);
          collector.addSegment(r.left, r.bottom, r.right, r.bottom, 1, clip);
          collector.addSegment(r.left, r.top, r.left, r.bottom, 1, clip);
          collector.addSegment(r.right, r.top, r.right, r.bottom, 1, clip);
        }
      }
    }
  }
  for (let i = 0; i < rects.length; i++) {
    if (!used[i]) collector.addFilledRect(rects[i].left, rects[i].top, rects[i].right, rects[i].bottom, color, clip);
  }
}

/**
 * The fills as they look: a fill inside a larger one of the same colour is dropped, and
 * same-colour fills that touch along a whole side (paragraph shading drawn line by line, a band
 * drawn in pieces) become one, since no edge is visible between them. Fills of other colours,
 * or with a gutter between them, keep their edges.
 */
function mergeSameColourFills(fills: FillRect[], touchPx: number): Fill[] {
  const byColour = new Map<string, PixelBox[]>();
  for (const f of fills) {
    let list = byColour.get(f.color);
    if (!list) byColour.set(f.color, (list = []));
    list.push({ ...f.box });
  }
  const out: Fill[] = [];
  for (const [color, list] of byColour) {
    // vertical runs, then horizontal runs, then vertical again (a grid of pieces settles in three)
    let boxes = mergeRuns(list, touchPx, true);
    boxes = mergeRuns(boxes, touchPx, false);
    boxes = mergeRuns(boxes, touchPx, true);
    if (boxes.length <= MAX_FILLS_FOR_CONTAINMENT) boxes = dropContained(boxes, touchPx);
    for (const b of boxes) out.push({ ...b, color });
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

function dropContained(boxes: PixelBox[], slack: number): PixelBox[] {
  const sorted = [...boxes].sort((a, b) => area(b) - area(a));
  const kept: PixelBox[] = [];
  for (const f of sorted) {
    const inside = kept.some(
      (k) => f.left >= k.left - slack && f.right <= k.right + slack && f.top >= k.top - slack && f.bottom <= k.bottom + slack,
    );
    if (!inside) kept.push(f);
  }
  return kept;
}

/**
 * Joins boxes that share their left and right sides and touch or overlap top to bottom
 * (`vertical`), or share top and bottom and touch left to right.
 */
function mergeRuns(boxes: PixelBox[], touchPx: number, vertical: boolean): PixelBox[] {
  const lo = vertical ? 'left' : 'top';
  const hi = vertical ? 'right' : 'bottom';
  const from = vertical ? 'top' : 'left';
  const to = vertical ? 'bottom' : 'right';
  const sorted = [...boxes].sort((a, b) => a[lo] - b[lo] || a[hi] - b[hi] || a[from] - b[from]);
  const out: PixelBox[] = [];
  let run: PixelBox[] = [];
  const flush = (): void => {
    run.sort((a, b) => a[from] - b[from]);
    let current: PixelBox | null = null;
    for (const b of run) {
      if (current && b[from] <= current[to] + touchPx) {
        current[to] = Math.max(current[to], b[to]);
      } else {
        current = { ...b };
        out.push(current);
      }
    }
    run = [];
  };
  for (const b of sorted) {
    const first = run[0];
    if (first && (Math.abs(b[lo] - first[lo]) > touchPx || Math.abs(b[hi] - first[hi]) > touchPx)) flush();
    run.push(b);
  }
  flush();
  return out;
}

function area(b: { left: number; top: number; right: number; bottom: number }): number {
  return (b.right - b.left) * (b.bottom - b.top);
}

/** The paint operations of constructPath and what they draw. */
const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);
const FILL_STROKE_OPS = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const EVEN_ODD_OPS = new Set<number>([OPS.eoFill, OPS.eoFillStroke, OPS.closeEOFillStroke]);

/**
 * Read a page's vector graphics from its pdf.js operator list: straight axis-aligned strokes
 * (sides of stroked rectangles included) and thin filled rectangles become rulings, larger
 * filled rectangles become fills (white ones and page backgrounds left out), painted images give
 * their boxes, and other stroked lines (diagonals, curve chords) are listed as oblique segments.
 * Everything is in `viewport`'s pixel space (the render viewport, /Rotate included). Clipping
 * paths, text and soft-mask contents are ignored.
 */
export async function readVectorGraphics(page: PDFPageProxy, viewport: PageViewport): Promise<VectorGraphics> {
  const opList = await page.getOperatorList();
  const collector = new Collector(Math.ceil(viewport.width), Math.ceil(viewport.height), viewport.scale);
  const pageBox: PixelBox = { left: 0, top: 0, right: collector.width, bottom: collector.height };
  walkOperators(opList.fnArray, opList.argsArray, viewport.transform as Matrix, pageBox, collector);
  const fills = mergeSameColourFills(collector.fills, FILL_TOUCH_PT * viewport.scale);
  return { rulings: collector.rulings, fills, imageBoxes: collector.imageBoxes, obliqueSegments: collector.oblique };
}

/** The device-space rectangle a path draws, when it is one axis-aligned rectangle; else null. */
export function pathRectangle(data: Float32Array, m: Matrix): PixelBox | null {
  const { subs } = readSubpaths(data, m);
  const shapes = subs.filter((sub) => sub.points.length >= 6);
  if (shapes.length !== 1) return null;
  const r = subpathRect(shapes[0]);
  return r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/**
 * The clip box after clipping to a path: intersected with the path's rectangle when the path is
 * one axis-aligned rectangle; unchanged otherwise (a clip to text or a curve is not followed).
 */
function intersectClip(clip: PixelBox, data: Float32Array, m: Matrix): PixelBox {
  const r = pathRectangle(data, m);
  if (!r) return clip;
  return {
    left: Math.max(clip.left, r.left),
    top: Math.max(clip.top, r.top),
    right: Math.min(clip.right, r.right),
    bottom: Math.min(clip.bottom, r.bottom),
  };
}

function initialState(ctm: Matrix, clip: PixelBox): GraphicsState {
  return {
    ctm,
    clip: { ...clip },
    lineWidth: 1,
    fillVisible: true,
    strokeVisible: true,
    fillColor: '#000000',
    fillAlpha: 1,
    strokeAlpha: 1,
    strokeWhite: false,
  };
}

function walkOperators(fnArray: number[], argsArray: unknown[][], base: Matrix, page: PixelBox, collector: Collector): void {
  let state = initialState(base, page);
  // A clip op applies to the path that the next constructPath (usually endPath) builds.
  let pendingClip = false;
  const stack: GraphicsState[] = [];
  // Soft-mask groups draw a mask, not page content: skip everything inside them.
  let maskDepth = 0;
  const groupIsMask: boolean[] = [];
  const visibleFill = (): boolean => state.fillVisible && state.fillAlpha > 0 && !isWhite(state.fillColor);
  const visibleStroke = (): boolean => state.strokeVisible && state.strokeAlpha > 0 && !state.strokeWhite;

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(state.ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args[0] as ArrayLike<number> | null;
        if (matrix && matrix.length === 6) state.ctm = multiply(state.ctm, Array.from(matrix));
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.beginGroup: {
        const isMask = Boolean((args[0] as { smask?: unknown } | undefined)?.smask);
        groupIsMask.push(isMask);
        if (isMask) maskDepth++;
        stack.push({ ...state });
        break;
      }
      case OPS.endGroup:
        if (groupIsMask.pop()) maskDepth--;
        state = stack.pop() ?? state;
        break;
      case OPS.beginAnnotation: {
        // An annotation's appearance: drawn from the page's base transform with a fresh state.
        stack.push(state);
        const transform = args[2] as number[];
        const matrix = args[3] as number[];
        state = initialState(multiply(multiply(base, transform), matrix), page);
        break;
      }
      case OPS.endAnnotation:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state.lineWidth = args[0] as number;
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'LW') state.lineWidth = value as number;
          else if (key === 'ca') state.fillAlpha = value as number;
          else if (key === 'CA') state.strokeAlpha = value as number;
        }
        break;
      case OPS.setFillRGBColor:
        state.fillColor = String(args[0]);
        state.fillVisible = true;
        break;
      case OPS.setStrokeRGBColor:
        state.strokeWhite = isWhite(String(args[0]));
        state.strokeVisible = true;
        break;
      case OPS.setFillColorN:
      case OPS.setFillColor:
        // a pattern (shading or tiling) or an unconverted colour: visible, colour unknown
        state.fillColor = 'pattern';
        state.fillVisible = true;
        break;
      case OPS.setStrokeColorN:
      case OPS.setStrokeColor:
        state.strokeWhite = false;
        state.strokeVisible = true;
        break;
      case OPS.setFillTransparent:
        state.fillVisible = false;
        break;
      case OPS.setStrokeTransparent:
        state.strokeVisible = false;
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        if (maskDepth > 0) break;
        const paintOp = args[0] as number;
        const data = (args[1] as (Float32Array | null)[] | undefined)?.[0];
        if (pendingClip) {
          pendingClip = false;
          if (data) state.clip = intersectClip(state.clip, data, state.ctm);
        }
        if (!data || data.length === 0) break;
        const stroke = (STROKE_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleStroke();
        const fill = (FILL_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleFill();
        if (!stroke && !fill) break; // endPath (clipping), or invisible
        const m = state.ctm;
        const { subs, chords } = readSubpaths(data, m);
        if (fill) fillSubpaths(subs, EVEN_ODD_OPS.has(paintOp), state.fillColor, state.clip, collector);
        if (stroke) {
          const thickness = state.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
          for (const sub of subs) strokeSubpath(sub, thickness, state.clip, collector);
        }
        for (let k = 0; k < chords.length; k += 4) collector.addOblique(chords[k], chords[k + 1], chords[k + 2], chords[k + 3]);
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintSolidColorImageMask:
        if (maskDepth === 0) collector.addImage(state.ctm, state.clip);
        break;
      case OPS.paintImageXObjectRepeat: {
        if (maskDepth > 0) break;
        const [, scaleX, scaleY, positions] = args as [unknown, number, number, Float32Array];
        for (let k = 0; k + 1 < positions.length; k += 2) {
          collector.addImage(multiply(state.ctm, [scaleX, 0, 0, scaleY, positions[k], positions[k + 1]]), state.clip);
        }
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        if (maskDepth > 0) break;
        const [, scaleX, skewX, skewY, scaleY, positions] = args as [unknown, number, number, number, number, Float32Array];
        for (let k = 0; k + 1 < positions.length; k += 2) {
          collector.addImage(multiply(state.ctm, [scaleX, skewX, skewY, scaleY, positions[k], positions[k + 1]]), state.clip);
        }
        break;
      }
      case OPS.paintImageMaskXObjectGroup: {
        if (maskDepth > 0) break;
        for (const image of args[0] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, image.transform), state.clip);
        break;
      }
      case OPS.paintInlineImageXObjectGroup: {
        if (maskDepth > 0) break;
        for (const entry of args[1] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, entry.transform), state.clip);
        break;
      }
      default:
        break;
    }
  }
}
