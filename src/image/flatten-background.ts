// Uneven light (a phone photo's vignette, a scan's shadowed gutter, a page lit from one side)
// makes one gray level paper on one side of the page and ink on the other, so any threshold or
// tone measured over the whole page loses one side's text. Dividing each pixel by the paper level
// around it makes the paper white everywhere and keeps the ink's contrast.
import type { GrayBitmap } from './gray-bitmap.js';

// The paper level is measured in blocks of this size: small enough to follow a vignette, large
// enough that text (well under half of a block's pixels) does not pull its bright percentile down.
const BLOCK_INCHES = 0.25;
// A block's paper level: this percentile of its pixels. Not higher: in a noisy shadow the 90th
// percentile is the noise's bright tail, and the paper came out at 210 instead of white.
const PAPER_PERCENTILE = 0.7;
// The paper levels are closed over this many blocks either way, so a dark fill narrower than
// ~1.25 inch (a header row, a zebra band, a stamp) is no change of light.
const MAX_FILTER_RADIUS_BLOCKS = 2;
// Paper that varies less than this over the page (5th to 95th percentile of the blocks) is even
// light: the page is left exactly as it is.
const MIN_UNEVENNESS = 24;
// Paper darker than this is no paper (a photo's black surround): it is not brightened further.
const MIN_PAPER_LEVEL = 48;

/** Each block's paper level (a high percentile of its pixels), blocks in rows. */
function blockPaperLevels(bitmap: GrayBitmap, blockPx: number, columns: number, rows: number): Float32Array {
  const { gray, width, height } = bitmap;
  const levels = new Float32Array(columns * rows);
  const histogram = new Uint32Array(256);
  // Every other pixel of every other row: a quarter of the pixels tell the percentile as well.
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      histogram.fill(0);
      const x1 = Math.min(width, (bx + 1) * blockPx);
      const y1 = Math.min(height, (by + 1) * blockPx);
      let count = 0;
      for (let y = by * blockPx; y < y1; y += 2) {
        for (let x = bx * blockPx, i = y * width + x; x < x1; x += 2, i += 2) histogram[gray[i]]++;
        count += Math.ceil((x1 - bx * blockPx) / 2);
      }
      const wanted = count * PAPER_PERCENTILE;
      let seen = 0;
      let level = 255;
      for (let v = 0; v < 256; v++) {
        seen += histogram[v];
        if (seen >= wanted) {
          level = v;
          break;
        }
      }
      levels[by * columns + bx] = level;
    }
  }
  return levels;
}

/** Per block, the extreme (brightest or darkest) level within `radius` blocks. */
function filterLevels(levels: Float32Array, columns: number, rows: number, radius: number, pick: (a: number, b: number) => number): Float32Array {
  const out = new Float32Array(levels.length);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      let best = levels[by * columns + bx];
      for (let y = Math.max(0, by - radius); y <= Math.min(rows - 1, by + radius); y++) {
        for (let x = Math.max(0, bx - radius); x <= Math.min(columns - 1, bx + radius); x++) best = pick(best, levels[y * columns + x]);
      }
      out[by * columns + bx] = best;
    }
  }
  return out;
}

/**
 * The paper field: the block levels closed (brightest within the radius, then darkest within it),
 * so dark patches smaller than the window (fills, dense text) are no change of light while a
 * shadow's edge stays where it is, then averaged over 3×3 blocks.
 */
function paperField(levels: Float32Array, columns: number, rows: number): Float32Array {
  const closed = filterLevels(filterLevels(levels, columns, rows, MAX_FILTER_RADIUS_BLOCKS, Math.max), columns, rows, MAX_FILTER_RADIUS_BLOCKS, Math.min);
  const smooth = new Float32Array(levels.length);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      let sum = 0;
      let n = 0;
      for (let y = Math.max(0, by - 1); y <= Math.min(rows - 1, by + 1); y++) {
        for (let x = Math.max(0, bx - 1); x <= Math.min(columns - 1, bx + 1); x++) {
          sum += closed[y * columns + x];
          n++;
        }
      }
      smooth[by * columns + bx] = Math.max(MIN_PAPER_LEVEL, sum / n);
    }
  }
  return smooth;
}

function unevenness(levels: Float32Array): number {
  const sorted = Float32Array.from(levels).sort();
  return sorted[Math.floor(sorted.length * 0.95)] - sorted[Math.floor(sorted.length * 0.05)];
}

/**
 * The bitmap's gray with its paper made evenly white (each pixel divided by the paper level
 * around it, interpolated between block centres), or the bitmap's own gray when its light is
 * already even.
 */
export function flattenBackground(bitmap: GrayBitmap, dpi: number): Uint8Array {
  const { gray, width, height } = bitmap;
  const blockPx = Math.max(8, Math.round(BLOCK_INCHES * dpi));
  const columns = Math.ceil(width / blockPx);
  const rows = Math.ceil(height / blockPx);
  if (columns < 3 || rows < 3) return gray;
  const raw = blockPaperLevels(bitmap, blockPx, columns, rows);
  const levels = paperField(raw, columns, rows);
  if (unevenness(levels) < MIN_UNEVENNESS) return gray;
  const out = new Uint8Array(gray.length);
  // Block centres sit at (b + 0.5) * blockPx; between them the paper level is interpolated.
  const xIndex = new Int32Array(width);
  const xFraction = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const position = Math.min(columns - 1, Math.max(0, x / blockPx - 0.5));
    xIndex[x] = Math.min(columns - 2, Math.floor(position));
    xFraction[x] = position - xIndex[x];
  }
  for (let y = 0; y < height; y++) {
    const position = Math.min(rows - 1, Math.max(0, y / blockPx - 0.5));
    const by = Math.min(rows - 2, Math.floor(position));
    const fy = position - by;
    const above = by * columns;
    const below = above + columns;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const bx = xIndex[x];
      const fx = xFraction[x];
      const top = levels[above + bx] * (1 - fx) + levels[above + bx + 1] * fx;
      const bottom = levels[below + bx] * (1 - fx) + levels[below + bx + 1] * fx;
      const paper = top * (1 - fy) + bottom * fy;
      out[i] = Math.min(255, Math.round((gray[i] * 255) / paper));
    }
  }
  return out;
}
