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
  const length = ruling.end - ruling.start;
  const side = (from: number, step: number): number => {
    let ink = 0;
    let lines = 0;
    for (let d = 0; d < depthPx; d++) {
      const b = from + step * d;
      if (b < 0 || b >= acrossSize) continue;
      lines++;
      let a = ruling.start;
      while (a < ruling.end) {
        if (mask[a * strideAlong + b * strideAcross] !== 1) {
          a++;
          continue;
        }
        const runStart = a;
        while (a < ruling.end && mask[a * strideAlong + b * strideAcross] === 1) a++;
        if (a - runStart <= maxStrokeRunPx) ink += a - runStart;
      }
    }
    return lines > 0 && length > 0 ? ink / (lines * length) : 0;
  };
  return Math.max(side(before, -1), side(after, 1));
}
