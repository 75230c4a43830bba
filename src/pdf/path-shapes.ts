// The shapes in a pdf.js path (constructPath's Float32Array), in device pixels: straight pieces,
// curve chords, and whether a subpath outlines an axis-aligned rectangle.
import type { PixelBox } from '../types.js';
import type { Matrix } from './device-geometry.js';

// pdf.js path codes inside constructPath's Float32Array (DrawOPS in pdfjs-dist 5.x, not exported).
const DRAW_MOVE_TO = 0;
const DRAW_LINE_TO = 1;
const DRAW_CURVE_TO = 2;
const DRAW_QUADRATIC_CURVE_TO = 3;
const DRAW_CLOSE_PATH = 4;

/** A line this far off the axis still counts as axis-aligned: ~0.5° (tan 0.5° ≈ 0.0087). */
export const MAX_OFF_AXIS_SLOPE = 0.0087;

/**
 * A straight piece of a pdf.js path (DrawOPS codes with their coordinates inline), in device
 * pixels: a flat list of x, y pairs. A curve ends the piece it interrupts (its end point starts a
 * new one), so `points` are always joined by straight lines. `sx`, `sy` is the start of the
 * subpath the piece belongs to, where closePath returns to.
 */
export interface Subpath {
  points: number[];
  sx: number;
  sy: number;
  closed: boolean;
  /** True when a curve is part of its subpath: then it is no rectangle. */
  curved: boolean;
}

/** An axis-aligned rectangle a subpath outlines, with its signed area (its sign gives the winding). */
export interface SubpathRectangle extends PixelBox {
  signedArea: number;
}

/** The straight pieces of a path, and the chords (x0, y0, x1, y1) of its curves. */
export function readSubpaths(data: Float32Array, m: Matrix): { subs: Subpath[]; chords: number[] } {
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

/** The axis-aligned rectangle a closed or implicitly closed subpath outlines, or null. */
export function subpathRect(sub: Subpath): SubpathRectangle | null {
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

/** The device-space rectangle a path draws, when it is one axis-aligned rectangle; else null. */
export function pathRectangle(data: Float32Array, m: Matrix): PixelBox | null {
  const { subs } = readSubpaths(data, m);
  const shapes = subs.filter((sub) => sub.points.length >= 6);
  if (shapes.length !== 1) return null;
  const r = subpathRect(shapes[0]);
  return r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}
