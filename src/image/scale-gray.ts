// Bilinear scaling of part of a gray bitmap onto a white canvas, for OCR samples and cell images.
import type { PixelBox } from '../types.js';
import type { GrayBitmap } from './gray-bitmap.js';

/**
 * How an interpolated level (0..255, fractional) becomes an output pixel; the output is a
 * Uint8Array, so stored fractions are cut off.
 * - `levels`: the level itself;
 * - `stretch`: (level - black) × gain, clamped to 0..255;
 * - `threshold`: 0 for levels at or below `at` (at or above it when `inkAbove`), else 255.
 */
export type LevelMapping =
  | { kind: 'levels' }
  | { kind: 'stretch'; black: number; gain: number }
  | { kind: 'threshold'; at: number; inkAbove: boolean };

const KEEP_LEVELS: LevelMapping = { kind: 'levels' };

/**
 * `region` of `source` (right and bottom exclusive) scaled by `scale` with bilinear interpolation
 * (pixel centres aligned, edges clamped) to max(1, round(size × scale)) pixels a side, mapped by
 * `mapping` and framed by a white margin of `marginPx`.
 */
export function scaleGrayBilinear(source: GrayBitmap, region: PixelBox, scale: number, marginPx: number, mapping: LevelMapping = KEEP_LEVELS): GrayBitmap {
  const sourceWidth = region.right - region.left;
  const sourceHeight = region.bottom - region.top;
  const innerWidth = Math.max(1, Math.round(sourceWidth * scale));
  const innerHeight = Math.max(1, Math.round(sourceHeight * scale));
  const width = innerWidth + 2 * marginPx;
  const height = innerHeight + 2 * marginPx;
  const gray = new Uint8Array(width * height).fill(255);
  const src = source.gray;
  if (scale === 1 && sourceWidth > 0 && sourceHeight > 0) {
    copyMapped(source, region, gray, width, marginPx, mapping);
    return { width, height, gray };
  }
  // Each output column's two source columns and weight, worked out once, not once per row.
  const columnsLeft = new Int32Array(innerWidth);
  const columnsRight = new Int32Array(innerWidth);
  const columnWeights = new Float64Array(innerWidth);
  for (let x = 0; x < innerWidth; x++) {
    const sourceX = Math.min(sourceWidth - 1, Math.max(0, (x + 0.5) / scale - 0.5));
    columnsLeft[x] = Math.floor(sourceX);
    columnsRight[x] = Math.min(sourceWidth - 1, columnsLeft[x] + 1);
    columnWeights[x] = sourceX - columnsLeft[x];
  }
  // The mapping's fields as plain locals: a branch per pixel costs far less than a call per pixel.
  const { kind } = mapping;
  const black = mapping.kind === 'stretch' ? mapping.black : 0;
  const gain = mapping.kind === 'stretch' ? mapping.gain : 1;
  const at = mapping.kind === 'threshold' ? mapping.at : 0;
  const inkAbove = mapping.kind === 'threshold' && mapping.inkAbove;
  for (let y = 0; y < innerHeight; y++) {
    const sourceY = Math.min(sourceHeight - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sourceY);
    const y1 = Math.min(sourceHeight - 1, y0 + 1);
    const fy = sourceY - y0;
    const row0 = (region.top + y0) * source.width + region.left;
    const row1 = (region.top + y1) * source.width + region.left;
    const outRow = (y + marginPx) * width + marginPx;
    for (let x = 0; x < innerWidth; x++) {
      const x0 = columnsLeft[x];
      const x1 = columnsRight[x];
      const fx = columnWeights[x];
      const top = src[row0 + x0] * (1 - fx) + src[row0 + x1] * fx;
      const bottom = src[row1 + x0] * (1 - fx) + src[row1 + x1] * fx;
      const level = top * (1 - fy) + bottom * fy;
      if (kind === 'levels') gray[outRow + x] = level;
      else if (kind === 'stretch') gray[outRow + x] = Math.min(255, Math.max(0, (level - black) * gain));
      else gray[outRow + x] = (inkAbove ? level >= at : level <= at) ? 0 : 255;
    }
  }
  return { width, height, gray };
}

/**
 * Scale 1: each output pixel is its source pixel (weights 0 below, which leave the level exact),
 * mapped through a table of the 256 levels. A whole-page copy for the page pass: ~10× faster.
 */
function copyMapped(source: GrayBitmap, region: PixelBox, gray: Uint8Array, width: number, marginPx: number, mapping: LevelMapping): void {
  const table = new Uint8Array(256);
  for (let level = 0; level < 256; level++) {
    if (mapping.kind === 'levels') table[level] = level;
    else if (mapping.kind === 'stretch') table[level] = Math.min(255, Math.max(0, (level - mapping.black) * mapping.gain));
    else table[level] = (mapping.inkAbove ? level >= mapping.at : level <= mapping.at) ? 0 : 255;
  }
  const src = source.gray;
  const regionWidth = region.right - region.left;
  for (let y = 0; y < region.bottom - region.top; y++) {
    const from = (region.top + y) * source.width + region.left;
    const to = (y + marginPx) * width + marginPx;
    for (let x = 0; x < regionWidth; x++) gray[to + x] = table[src[from + x]];
  }
}
