import type { GrayBitmap } from './gray-bitmap.js';

/** Fixed-point fraction bits for source coordinates: 1/65536 px is far below what bilinear sampling can show. */
const FRACTION_BITS = 16;

/**
 * Rotate a gray bitmap about its centre by `degrees` (positive = clockwise on screen, with y
 * pointing down), keeping its size; pixels that come from outside the source are white.
 * Bilinear sampling with 16.16 fixed-point source coordinates stepped incrementally: integer
 * arithmetic only in the inner loop (twice as fast as floating point here).
 */
export function rotateGray(bitmap: GrayBitmap, degrees: number): Uint8Array {
  const { width, height, gray } = bitmap;
  const out = new Uint8Array(width * height);
  const one = 1 << FRACTION_BITS;
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const stepX = Math.round(cos * one);
  const stepY = Math.round(sin * one);
  const limitX = (width - 1) * one;
  const limitY = (height - 1) * one;
  // Output p = R(theta)(s - c) + c, so source s = R(-theta)(p - c) + c:
  //   sx =  cos*(px-cx) + sin*(py-cy) + cx,  sy = -sin*(px-cx) + cos*(py-cy) + cy
  for (let py = 0; py < height; py++) {
    let sx = Math.round((-cos * cx + sin * (py - cy) + cx) * one);
    let sy = Math.round((sin * cx + cos * (py - cy) + cy) * one);
    const o = py * width;
    for (let px = 0; px < width; px++, sx += stepX, sy -= stepY) {
      if (sx < 0 || sy < 0 || sx > limitX || sy > limitY) {
        out[o + px] = 255;
        continue;
      }
      const x0 = sx >> FRACTION_BITS;
      const y0 = sy >> FRACTION_BITS;
      const fx = (sx >> (FRACTION_BITS - 8)) & 255;
      const fy = (sy >> (FRACTION_BITS - 8)) & 255;
      const i = y0 * width + x0;
      // the last column/row has no right/lower neighbour (its weight is 0 there anyway)
      const dx = x0 < width - 1 ? 1 : 0;
      const dy = y0 < height - 1 ? width : 0;
      const p00 = gray[i];
      const p01 = gray[i + dx];
      const p10 = gray[i + dy];
      const p11 = gray[i + dy + dx];
      const top = (p00 << 8) + (p01 - p00) * fx;
      const bottom = (p10 << 8) + (p11 - p10) * fx;
      out[o + px] = ((top << 8) + (bottom - top) * fy + 32768) >> 16;
    }
  }
  return out;
}

/** Where `rotateGray(bitmap, degrees)` moves the point (x, y) of a width × height bitmap. */
export function rotatePoint(x: number, y: number, width: number, height: number, degrees: number): [number, number] {
  const theta = (degrees * Math.PI) / 180;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return [Math.cos(theta) * (x - cx) - Math.sin(theta) * (y - cy) + cx, Math.sin(theta) * (x - cx) + Math.cos(theta) * (y - cy) + cy];
}
