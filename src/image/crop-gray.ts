import type { PixelBox } from '../types.js';
import type { GrayBitmap } from './gray-bitmap.js';

/**
 * Copy `box` (clipped to the bitmap) into a new bitmap whose buffer is its own ArrayBuffer,
 * so it can be transferred to a worker thread without dragging the page along.
 * Returns the clipped box too, since the caller needs the crop's position on the page.
 */
export function cropGray(bitmap: GrayBitmap, box: PixelBox): GrayBitmap & { box: PixelBox } {
  const left = Math.max(0, Math.min(bitmap.width, Math.floor(box.left)));
  const top = Math.max(0, Math.min(bitmap.height, Math.floor(box.top)));
  const right = Math.max(left, Math.min(bitmap.width, Math.ceil(box.right)));
  const bottom = Math.max(top, Math.min(bitmap.height, Math.ceil(box.bottom)));
  const width = right - left;
  const height = bottom - top;
  const gray = new Uint8Array(new ArrayBuffer(width * height));
  for (let y = 0; y < height; y++) {
    const from = (top + y) * bitmap.width + left;
    gray.set(bitmap.gray.subarray(from, from + width), y * width);
  }
  return { width, height, gray, box: { left, top, right, bottom } };
}
