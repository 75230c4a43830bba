import type { GrayBitmap } from '../image/gray-bitmap.js';
import { otsuThreshold } from '../image/otsu-threshold.js';
import { grayHistogram } from '../image/gray-histogram.js';
import { binarize } from '../image/binarize.js';
import { binarizeAdaptive } from '../image/binarize-adaptive.js';

/** A typical document page is 3–15 % ink; more under Otsu means a dark or uneven background took over. */
const MAX_GLOBAL_INK_RATIO = 0.2;
/** Local window for the adaptive threshold: well above a line's thickness and a cell's height. */
const ADAPTIVE_WINDOW_INCHES = 0.25;
/** A pixel must be this much darker than its neighbourhood mean (Bradley–Roth use 0.15). */
const ADAPTIVE_BIAS_RATIO = 0.15;
/** Paper is the most common gray above Otsu's threshold; within this of it a pixel counts as paper. */
const PAPER_TOLERANCE = 30;
/** A thin band must be at least this much darker than the paper to count as a line (above scan noise). */
const MIN_THIN_LINE_CONTRAST = 45;
/**
 * Faint rules (light gray, anti-aliased or blurred over several pixels: screenshots, photocopies):
 * this much darker than the gray 0.02" away on both sides. JPEG ringing and noise stay under it
 * (σ ≈ 7 gray levels on the synthetic scans), and a run of such pixels must still be a long line.
 */
const MIN_FAINT_LINE_CONTRAST = 28;
const FAINT_LINE_REACH_INCHES = 0.02;
/** With the adaptive threshold, nothing lighter than this is ink (keeps paper texture out). */
const ADAPTIVE_MAX_INK_GRAY = 200;

/**
 * Ink mask of a page for ruling detection. Otsu's global threshold suits clean pages, plus thin
 * light lines (hairlines split over two pixel rows, light-gray borders) that have paper on both
 * sides. (Simply raising the threshold was tried: gray cell fills then fuse with the rulings
 * next to them.) When Otsu marks too much of the page as ink (dark or uneven background), a local-mean
 * threshold is used instead. `faintLines` also marks faint, blurred lines (valleys in the gray).
 * Returns the mask, the method used and Otsu's threshold.
 */
export function binarizePage(
  bitmap: GrayBitmap,
  dpi: number,
  faintLines = false,
): { mask: Uint8Array; method: 'otsu' | 'adaptive'; threshold: number } {
  const histogram = grayHistogram(bitmap.gray);
  const threshold = otsuThreshold(histogram);
  let ink = 0;
  for (let v = 0; v <= threshold; v++) ink += histogram[v];
  if (ink <= MAX_GLOBAL_INK_RATIO * bitmap.gray.length) {
    let paper = threshold + 1;
    for (let v = threshold + 1; v < 256; v++) if (histogram[v] > histogram[paper]) paper = v;
    const thinLines = {
      darkMax: paper - MIN_THIN_LINE_CONTRAST,
      paperMin: paper - PAPER_TOLERANCE,
      faint: faintLines ? { contrast: MIN_FAINT_LINE_CONTRAST, reachPx: Math.max(2, Math.round(FAINT_LINE_REACH_INCHES * dpi)) } : undefined,
    };
    return { mask: binarize(bitmap, threshold, thinLines), method: 'otsu', threshold };
  }
  const windowPx = Math.max(15, Math.round(ADAPTIVE_WINDOW_INCHES * dpi));
  return {
    mask: binarizeAdaptive(bitmap, windowPx, ADAPTIVE_BIAS_RATIO, ADAPTIVE_MAX_INK_GRAY),
    method: 'adaptive',
    threshold,
  };
}
