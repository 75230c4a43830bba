import type { GrayBitmap } from './gray-bitmap.js';
import { isThinLinePixel, THIN_LINE } from './thin-line-pixel.js';

/** Also mark thin light lines (see isThinLinePixel): pixels up to `darkMax` in a 1–2 px band with paper (>= `paperMin`) both sides. */
export interface ThinLineLevels {
  darkMax: number;
  paperMin: number;
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
  const { darkMax, paperMin } = thinLines;
  for (let i = 0; i < n; i++) {
    const g = gray[i];
    if (g <= inkMaxGray) mask[i] = 1;
    else if (g <= darkMax && isThinLinePixel(gray, width, height, i, darkMax, paperMin)) mask[i] = THIN_LINE;
  }
  return mask;
}
