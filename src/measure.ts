// Measures every stage takes of numbers and boxes, kept in one place so that they agree, and the
// stopwatch the flows time their steps with.
import { performance } from 'node:perf_hooks';
import type { PixelBox, Ruling } from './types.js';

/** PDF user space units per inch: a length in points is pixels × 72 / dpi. */
export const POINTS_PER_INCH = 72;

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The area two boxes share; 0 when they do not overlap. */
export function overlapArea(a: PixelBox, b: PixelBox): number {
  const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The smallest box around all of `boxes` (at least one). */
export function boxAround(boxes: readonly PixelBox[]): PixelBox {
  return {
    left: Math.min(...boxes.map((box) => box.left)),
    top: Math.min(...boxes.map((box) => box.top)),
    right: Math.max(...boxes.map((box) => box.right)),
    bottom: Math.max(...boxes.map((box) => box.bottom)),
  };
}

const centreOf = (box: PixelBox) => ({ x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 });

/** Whether the item's centre lies in `box`, edges included, grown by `tolerance` pixels a side (text overhanging a frame). */
export function centreInside(item: { box: PixelBox }, box: PixelBox, tolerance = 0): boolean {
  const { x, y } = centreOf(item.box);
  return x >= box.left - tolerance && x <= box.right + tolerance && y >= box.top - tolerance && y <= box.bottom + tolerance;
}

/** Whether the item's centre lies in `box` taken as [left, right) × [top, bottom): boxes that tile a grid share no centre. */
export function centreInCell(item: { box: PixelBox }, box: PixelBox): boolean {
  const { x, y } = centreOf(item.box);
  return x >= box.left && x < box.right && y >= box.top && y < box.bottom;
}

/**
 * Runs `step` and adds the milliseconds it took (to its promise's end, for an async step) to
 * `timings[key]`, so a flow reads as its steps, not as its stopwatch lines.
 */
export function timed<K extends string, T>(timings: Record<K, number>, key: K, step: () => T): T {
  const start = performance.now();
  const result = step();
  const stop = () => {
    timings[key] += performance.now() - start;
  };
  if (result instanceof Promise) return result.finally(stop) as T;
  stop();
  return result;
}

/** Whether the whole ruling lies in `box` (edges included), the box grown by `tolerance` pixels a side. */
export function rulingInside(ruling: Ruling, box: PixelBox, tolerance = 0): boolean {
  const [x0, x1, y0, y1] =
    ruling.orientation === 'horizontal' ? [ruling.start, ruling.end, ruling.position, ruling.position] : [ruling.position, ruling.position, ruling.start, ruling.end];
  return x0 >= box.left - tolerance && x1 <= box.right + tolerance && y0 >= box.top - tolerance && y1 <= box.bottom + tolerance;
}
