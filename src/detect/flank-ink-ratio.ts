import type { Ruling } from '../types.js';

/**
 * How much text-like ink runs alongside a ruling, just beyond its edges: the larger of the two
 * sides' ratios of dark pixels (mask value 1) in runs no longer than `maxStrokeRunPx`, probed
 * `gapPx` past the ruling's outer scan lines and over `depthPx` scan lines. A printed rule has
 * paper on both sides (text touches it only here and there, and a second rule of a double rule
 * is one long run, not counted); the "line" that a scan line finds through the touching letters
 * of condensed bold text has the letters' stems right next to it. Where `crossing` rulings cross
 * this one, their own ink is not looked at (heavy rules around short cells measured 0.16).
 */
export function flankInkRatio(
  mask: Uint8Array,
  width: number,
  height: number,
  ruling: Ruling,
  gapPx: number,
  depthPx: number,
  maxStrokeRunPx: number,
  crossing: readonly Ruling[] = [],
): number {
  const horizontal = ruling.orientation === 'horizontal';
  const acrossSize = horizontal ? height : width;
  const strideAlong = horizontal ? 1 : width;
  const strideAcross = horizontal ? width : 1;
  const half = Math.max(1, ruling.thickness) / 2;
  const before = Math.floor(ruling.position - half) - gapPx;
  const after = Math.ceil(ruling.position + half) + gapPx;
  const skip = new Uint8Array(Math.max(0, ruling.end - ruling.start));
  let skipped = 0;
  for (const other of crossing) {
    const reach = Math.max(1, other.thickness) / 2 + gapPx;
    for (let a = Math.max(ruling.start, Math.floor(other.position - reach)); a < Math.min(ruling.end, Math.ceil(other.position + reach)); a++) {
      if (skip[a - ruling.start] === 0) skipped++;
      skip[a - ruling.start] = 1;
    }
  }
  const scan: FlankScan = { mask, acrossSize, strideAlong, strideAcross, start: ruling.start, end: ruling.end, depthPx, maxStrokeRunPx, skip, skipped };
  return Math.max(flankSideRatio(scan, before, -1), flankSideRatio(scan, after, 1));
}

interface FlankScan {
  mask: Uint8Array;
  acrossSize: number;
  strideAlong: number;
  strideAcross: number;
  start: number;
  end: number;
  depthPx: number;
  maxStrokeRunPx: number;
  /** 1 where a crossing ruling is (index from `start`), and how many such positions there are. */
  skip: Uint8Array;
  skipped: number;
}

// A module-level function, not a closure made per call: V8 keeps one optimized copy of it for
// the whole run instead of recompiling a fresh closure for every page.
function flankSideRatio(scan: FlankScan, from: number, step: number): number {
  const { mask, acrossSize, strideAlong, strideAcross, start, end, depthPx, maxStrokeRunPx, skip, skipped } = scan;
  let ink = 0;
  let lines = 0;
  for (let d = 0; d < depthPx; d++) {
    const b = from + step * d;
    if (b < 0 || b >= acrossSize) continue;
    lines++;
    let a = start;
    while (a < end) {
      if (mask[a * strideAlong + b * strideAcross] !== 1 || skip[a - start] === 1) {
        a++;
        continue;
      }
      const runStart = a;
      while (a < end && mask[a * strideAlong + b * strideAcross] === 1 && skip[a - start] === 0) a++;
      if (a - runStart <= maxStrokeRunPx) ink += a - runStart;
    }
  }
  const length = end - start - skipped;
  return lines > 0 && length > 0 ? ink / (lines * length) : 0;
}
