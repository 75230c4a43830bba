import type { GrayBitmap } from './gray-bitmap.js';
import { isThinLinePixel, THIN_LINE } from './thin-line-pixel.js';

/** Also mark thin light lines (see isThinLinePixel): pixels up to `darkMax` in a 1–2 px band with paper (>= `paperMin`) both sides. */
export interface ThinLineLevels {
  darkMax: number;
  paperMin: number;
  /**
   * Also faint, blurred lines: a pixel this much darker than the pixels `reachPx` away on both
   * sides, across rows or across columns (a valley in the gray, as a faint rule blurred over
   * several pixels is). A fill's edge has fill on one side, so it is no valley.
   */
  faint?: { contrast: number; reachPx: number };
}

/**
 * Global binarization: 1 where gray <= inkMaxGray (ink), 0 elsewhere; with `thinLines`, also
 * THIN_LINE (2) for pixels of thin light lines, in the same pass.
 * One mask byte per pixel: the run scanners read it row by row without bit twiddling. The
 * buffer is padded to a multiple of 4 bytes so scanners can skip blank paper a word at a time.
 */
export function binarize(bitmap: GrayBitmap, inkMaxGray: number, thinLines?: ThinLineLevels): Uint8Array {
  const { gray, width, height } = bitmap;
  const n = gray.length;
  const mask = new Uint8Array(new ArrayBuffer((n + 3) & ~3), 0, n);
  if (!thinLines || thinLines.darkMax <= inkMaxGray) {
    for (let i = 0; i < n; i++) mask[i] = gray[i] <= inkMaxGray ? 1 : 0;
    return mask;
  }
  const { darkMax, paperMin, faint } = thinLines;
  for (let i = 0; i < n; i++) {
    const g = gray[i];
    if (g <= inkMaxGray) mask[i] = 1;
    else if (g <= darkMax && isThinLinePixel(gray, width, height, i, darkMax, paperMin)) mask[i] = THIN_LINE;
  }
  if (faint) markValleys(gray, width, height, mask, inkMaxGray, faint.contrast, faint.reachPx);
  return mask;
}

/** Marks THIN_LINE where a pixel lighter than ink is `contrast` darker than both pixels `reach` away across rows or columns. */
function markValleys(gray: Uint8Array, width: number, height: number, mask: Uint8Array, inkMaxGray: number, contrast: number, reach: number): void {
  const rowStep = reach * width;
  for (let y = 0; y < height; y++) {
    const vertical = y >= reach && y + reach < height;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      if (mask[i] !== 0) continue;
      const g = gray[i] + contrast;
      if (g > 255 || gray[i] <= inkMaxGray) continue;
      if ((vertical && gray[i - rowStep] >= g && gray[i + rowStep] >= g) || (x >= reach && x + reach < width && gray[i - reach] >= g && gray[i + reach] >= g)) mask[i] = THIN_LINE;
    }
  }
}
