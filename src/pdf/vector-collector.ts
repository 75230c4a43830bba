// Sorts what a page's paths and images draw into rulings, fills, image boxes and oblique
// segments, in device pixels, cut to the clip box.
import type { PixelBox, Ruling } from '../types.js';
import type { Matrix } from './device-geometry.js';
import { MAX_OFF_AXIS_SLOPE } from './path-shapes.js';

/** A filled rectangle and its colour, before same-colour fills are merged. */
export interface FillRect {
  box: PixelBox;
  color: string;
}

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
/** At most this many oblique segments are kept (a vector map can have millions; a few crossings decide). */
const MAX_OBLIQUE_SEGMENTS = 50_000;
/** Positions are rounded to this fraction of a pixel (path data is Float32: ±1e-4 noise). */
const ROUND_PX = 100;

export function isWhite(hex: string): boolean {
  if (hex.length !== 7 || hex[0] !== '#') return false;
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  return r >= WHITE_CHANNEL_MIN && g >= WHITE_CHANNEL_MIN && b >= WHITE_CHANNEL_MIN;
}

const round = (v: number): number => Math.round(v * ROUND_PX) / ROUND_PX;

/** Collects rulings, fills and image boxes while the operator list is walked. */
export class Collector {
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
