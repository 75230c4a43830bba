import type { Ruling } from '../types.js';

/**
 * How much text-like ink runs alongside a ruling, just beyond its edges: the larger of the two
 * sides' ratios of dark pixels (mask value 1) in runs no longer than `maxStrokeRunPx`, probed
 * `gapPx` past the ruling's outer scan lines and over `depthPx` scan lines. A printed rule has
 * paper on both sides (text touches it only here and there, and a second rule of a double rule
 * is one long run, not counted); the "line" that a scan line finds through the touching letters
 * of condensed bold text has the letters' stems right next to it.
 */
export function flankInkRatio(
  mask: Uint8Array,
  width: number,
  height: number,
  ruling: Ruling,
  gapPx: number,
  depthPx: number,
  maxStrokeRunPx: number,
): number {
  const horizontal = ruling.orientation === 'horizontal';
  const acrossSize = horizontal ? height : width;
  const strideAlong = horizontal ? 1 : width;
  const strideAcross = horizontal ? width : 1;
  const half = Math.max(1, ruling.thickness) / 2;
  const before = Math.floor(ruling.position - half) - gapPx;
  const after = Math.ceil(ruling.position + half) + gapPx;
  const scan: FlankScan = { mask, acrossSize, strideAlong, strideAcross, start: ruling.start, end: ruling.end, depthPx, maxStrokeRunPx };
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
}

// A module-level function, not a closure made per call: V8 keeps one optimized copy of it for
// the whole run instead of recompiling a fresh closure for every page.
function flankSideRatio(scan: FlankScan, from: number, step: number): number {
  const { mask, acrossSize, strideAlong, strideAcross, start, end, depthPx, maxStrokeRunPx } = scan;
  let ink = 0;
  let lines = 0;
  for (let d = 0; d < depthPx; d++) {
    const b = from + step * d;
    if (b < 0 || b >= acrossSize) continue;
    lines++;
    let a = start;
    while (a < end) {
      if (mask[a * strideAlong + b * strideAcross] !== 1) {
        a++;
        continue;
      }
      const runStart = a;
      while (a < end && mask[a * strideAlong + b * strideAcross] === 1) a++;
      if (a - runStart <= maxStrokeRunPx) ink += a - runStart;
    }
  }
  const length = end - start;
  return lines > 0 && length > 0 ? ink / (lines * length) : 0;
}
