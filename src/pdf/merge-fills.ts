// Fills as they look on paper: same-colour pieces with no visible edge between them are one.
import type { Fill, PixelBox } from '../types.js';
import { boxArea } from './device-geometry.js';
import type { FillRect } from './vector-collector.js';

/** Above this many fills of one colour (maps, charts), nested ones are not looked for (quadratic). */
const MAX_FILLS_FOR_CONTAINMENT = 2000;

/**
 * The fills as they look: a fill inside a larger one of the same colour is dropped, and
 * same-colour fills that touch along a whole side (paragraph shading drawn line by line, a band
 * drawn in pieces) become one, since no edge is visible between them. Fills of other colours,
 * or with a gutter between them, keep their edges.
 */
export function mergeSameColourFills(fills: FillRect[], touchPx: number): Fill[] {
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
  const sorted = [...boxes].sort((a, b) => boxArea(b) - boxArea(a));
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
