/** Mask value for thin-line pixels: ink for line finding, but not dark ink (text, content). */
export const THIN_LINE = 2;

/**
 * Whether pixel `i` (gray <= `darkMax`) belongs to a thin light line: a band one or two pixels
 * wide with paper (>= `paperMin`) on both sides, across rows or across columns.
 *
 * A hairline rule rendered between two pixel rows comes out as two light grays (e.g. 191 and
 * 159 at 150 dpi) that both miss a global threshold; a light-gray border does too. A gray cell
 * fill of the same shade is not a band with paper on both sides, so it stays background and
 * cannot fuse with the rulings next to it.
 */
export function isThinLinePixel(gray: Uint8Array, width: number, height: number, i: number, darkMax: number, paperMin: number): boolean {
  const x = i % width;
  const y = (i - x) / width;
  return isBand(gray, i, y, height, width, darkMax, paperMin) || isBand(gray, i, x, width, 1, darkMax, paperMin);
}

/** Band test across the direction with stride `step`; `at` is the pixel's index of `size` along it. */
function isBand(g: Uint8Array, i: number, at: number, size: number, step: number, darkMax: number, paperMin: number): boolean {
  const before = at >= 1 ? g[i - step] : 255;
  const after = at + 1 < size ? g[i + step] : 255;
  if (before >= paperMin && after >= paperMin) return true;
  if (before >= paperMin && after <= darkMax) return at + 2 >= size || g[i + 2 * step] >= paperMin;
  if (after >= paperMin && before <= darkMax) return at < 2 || g[i - 2 * step] >= paperMin;
  return false;
}
