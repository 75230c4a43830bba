// What stroking or filling a path's subpaths draws: axis-aligned sides become rulings, filled
// rectangles become fills or lines (frames and blocks with holes as their bars and outlines),
// and slanted sides of other shapes become oblique segments.
import type { PixelBox } from '../types.js';
import { boxArea } from './device-geometry.js';
import { MAX_OFF_AXIS_SLOPE, subpathRect, type Subpath, type SubpathRectangle } from './path-shapes.js';
import type { Collector } from './vector-collector.js';

/** Holes are looked for among at most this many rectangles of one path (a path of thousands of rule rectangles has none). */
const MAX_RECTS_FOR_HOLES = 64;

export function strokeSubpath(sub: Subpath, thickness: number, clip: PixelBox, collector: Collector): void {
  const p = sub.points;
  const n = p.length / 2;
  for (let k = 1; k < n; k++) collector.addSegment(p[2 * k - 2], p[2 * k - 1], p[2 * k], p[2 * k + 1], thickness, clip);
  if (!sub.closed) return;
  const startsSubpath = p[0] === sub.sx && p[1] === sub.sy;
  // The closing side back to the start; a two-point "rectangle" (moveTo, lineTo, close) would
  // draw its one line twice.
  if (startsSubpath ? n > 2 : n >= 1) collector.addSegment(p[2 * n - 2], p[2 * n - 1], sub.sx, sub.sy, thickness, clip);
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

export function fillSubpaths(subs: Subpath[], evenOdd: boolean, color: string, clip: PixelBox, collector: Collector): void {
  const rects: SubpathRectangle[] = [];
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
    const order = rects.map((_, i) => i).sort((i, j) => boxArea(rects[j]) - boxArea(rects[i]));
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
