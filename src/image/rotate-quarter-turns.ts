// Exact rotation of a bitmap by a multiple of 90°: every pixel moves, none is resampled.
import type { PageImage } from '../types.js';
import type { GrayBitmap } from './gray-bitmap.js';

/** A rotation by a whole number of quarter turns, clockwise as displayed (y pointing down). */
export type QuarterTurn = 0 | 90 | 180 | 270;

// Square tiles for the 90°/270° transposes: a 64 × 64 tile of source rows and destination rows
// stays in L1/L2 cache, so neither the strided reads nor the strided writes miss on every pixel.
const TILE = 64;

/**
 * Rotates any 8-bit bitmap (gray page, ink mask) clockwise by `clockwiseDegrees`; 90 and 270 swap
 * width and height. Always returns a new buffer (which owns its ArrayBuffer), also for 0.
 *
 * A clockwise quarter turn moves source pixel (x, y) of a W × H bitmap to (H - 1 - y, x) in the
 * H × W result; 270 moves it to (y, W - 1 - x); 180 to (W - 1 - x, H - 1 - y).
 */
export function rotateBitmapQuarterTurns(bitmap: GrayBitmap, clockwiseDegrees: QuarterTurn): GrayBitmap {
  const { width, height, gray } = bitmap;
  const n = width * height;
  const out = new Uint8Array(new ArrayBuffer(n));
  switch (clockwiseDegrees) {
    case 0:
      out.set(gray.subarray(0, n));
      return { width, height, gray: out };
    case 180:
      for (let i = 0, j = n - 1; i < n; i++, j--) out[j] = gray[i];
      return { width, height, gray: out };
    case 90:
      // out[x * height + (height - 1 - y)] = gray[y * width + x]; walk each tile along destination rows
      for (let y0 = 0; y0 < height; y0 += TILE) {
        const y1 = Math.min(height, y0 + TILE);
        for (let x0 = 0; x0 < width; x0 += TILE) {
          const x1 = Math.min(width, x0 + TILE);
          for (let x = x0; x < x1; x++) {
            let o = x * height + (height - 1 - y0);
            let i = y0 * width + x;
            for (let y = y0; y < y1; y++, o--, i += width) out[o] = gray[i];
          }
        }
      }
      return { width: height, height: width, gray: out };
    case 270:
      // out[(width - 1 - x) * height + y] = gray[y * width + x]
      for (let y0 = 0; y0 < height; y0 += TILE) {
        const y1 = Math.min(height, y0 + TILE);
        for (let x0 = 0; x0 < width; x0 += TILE) {
          const x1 = Math.min(width, x0 + TILE);
          for (let x = x0; x < x1; x++) {
            let o = (width - 1 - x) * height + y0;
            let i = y0 * width + x;
            for (let y = y0; y < y1; y++, o++, i += width) out[o] = gray[i];
          }
        }
      }
      return { width: height, height: width, gray: out };
    default:
      throw new RangeError(`not a quarter turn: ${String(clockwiseDegrees)}°`);
  }
}

/**
 * A page image turned clockwise by `clockwiseDegrees` (0, 90, 180 or 270), pixel for pixel:
 * width and height swap for 90 and 270; page number and DPI are kept. The result owns a new
 * buffer (also for 0), so the caller may transfer or modify it freely.
 */
export function rotateQuarterTurns(image: PageImage, clockwiseDegrees: QuarterTurn): PageImage {
  const rotated = rotateBitmapQuarterTurns(image, clockwiseDegrees);
  return { pageNumber: image.pageNumber, dpi: image.dpi, width: rotated.width, height: rotated.height, gray: rotated.gray };
}

/**
 * Where a quarter turn of a `width` × `height` bitmap moves the pixel (x, y) (integer pixel
 * indices, so a box maps by its corner pixels).
 */
export function quarterTurnPixel(x: number, y: number, width: number, height: number, clockwiseDegrees: QuarterTurn): [number, number] {
  switch (clockwiseDegrees) {
    case 0:
      return [x, y];
    case 90:
      return [height - 1 - y, x];
    case 180:
      return [width - 1 - x, height - 1 - y];
    case 270:
      return [y, width - 1 - x];
    default:
      throw new RangeError(`not a quarter turn: ${String(clockwiseDegrees)}°`);
  }
}
