// Getting a line-erased table crop into the shape Tesseract reads best: text at a size it likes,
// black on white, with a margin; cells without ink are not OCR'd at all.
import { otsuThreshold } from '../image/otsu-threshold.js';
import { scaleGrayBilinear, type LevelMapping } from '../image/scale-gray.js';
import type { PixelBox, TableCrop, Word } from '../types.js';
import { DisjointSets } from '../image/disjoint-sets.js';
import { componentsOfGray } from '../image/ink-components.js';

/** A small gray image cut from a crop, with how to map its pixels back to the crop. */
export interface OcrImage {
  width: number;
  height: number;
  gray: Uint8Array;
  /** crop x = left + imageX / scale - margin / scale (likewise y). */
  left: number;
  top: number;
  scale: number;
  marginPx: number;
}

// Tesseract's LSTM reads best when characters are about 40 px tall: at 200 DPI, 9 pt text scaled
// 2x read 100 % of a corpus table where the unscaled crop lost decimal points; a median character
// height (stacked pieces joined) of 38 px scored best on the corpus scans (cell_exact 0.97 vs 0.96
// at 32) and reads Chinese characters whole (their pieces alone would look much smaller).
const TARGET_GLYPH_HEIGHT_PX = 38;
const MIN_SCALE = 0.5; // huge text: halve it (OCR time grows with pixels)
const MAX_SCALE = 3; // tiny text: more than 3x only magnifies blur
// Components shorter than this are dots, commas and noise, not glyphs.
const MIN_GLYPH_HEIGHT_PX = 5;
// A cell needs this many ink pixels (at crop scale, per 100 DPI) to be worth OCR: a lone speck is
// noise, and Tesseract returns junk like 'EE' or '|' for blank cells.
const MIN_INK_PIXELS_PER_100_DPI = 12;
// White margin around a cell image: Tesseract misreads text that touches the image border.
const CELL_MARGIN_PX = 12;

/**
 * Median height of the characters (ink components, stacked pieces joined) that look like glyphs,
 * or 0 when there are none.
 */
export function medianGlyphHeightPx(gray: Uint8Array, width: number, height: number, inkMaxGray: number): number {
  // A piece taller or wider than half the image (a page's dark surround, a leftover frame) is no
  // part of a glyph: stacked with the glyphs inside its span, it would swallow them all.
  const boxes = inkPieceBoxes(gray, width, height, inkMaxGray).filter((box) => box.bottom - box.top < height / 2 && box.right - box.left < width / 2);
  const heights = characterBoxes(boxes)
    .map((box) => box.bottom - box.top + 1)
    // Taller than half the crop is a leftover line or a picture, not a glyph.
    .filter((boxHeight) => boxHeight >= MIN_GLYPH_HEIGHT_PX && boxHeight < height / 2);
  if (heights.length === 0) return 0;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)];
}

// Pieces stacked within this share of the larger of their height and (flat strokes, as in 三)
// 0.6 of their width belong to one character.
const STACKED_PIECE_GAP_RATIO = 0.5;
const FLAT_STROKE_WIDTH_RATIO = 0.6;

/**
 * Joins ink pieces stacked above one another (mostly overlapping horizontally, close vertically)
 * into one box: the dot of an i, an accent, and the parts of a Chinese character such as 三 or 显,
 * whose pieces alone are much shorter than the character.
 */
function characterBoxes(pieces: { top: number; bottom: number; left: number; right: number }[]) {
  const sorted = [...pieces].sort((a, b) => a.left - b.left);
  const stacks = new DisjointSets(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].left <= a.right; j++) {
      const b = sorted[j];
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) + 1;
      const narrower = Math.min(a.right - a.left, b.right - b.left) + 1;
      const gap = Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom);
      const taller = Math.max(a.bottom - a.top, b.bottom - b.top) + 1;
      const wider = Math.max(a.right - a.left, b.right - b.left) + 1;
      if (overlap >= 0.5 * narrower && gap <= STACKED_PIECE_GAP_RATIO * Math.max(taller, FLAT_STROKE_WIDTH_RATIO * wider)) stacks.join(i, j);
    }
  }
  const merged = new Map<number, { top: number; bottom: number; left: number; right: number }>();
  sorted.forEach((piece, index) => {
    const key = stacks.root(index);
    const box = merged.get(key);
    if (!box) merged.set(key, { ...piece });
    else {
      box.top = Math.min(box.top, piece.top);
      box.bottom = Math.max(box.bottom, piece.bottom);
      box.left = Math.min(box.left, piece.left);
      box.right = Math.max(box.right, piece.right);
    }
  });
  return [...merged.values()];
}

/** The boxes of the image's 4-connected ink pieces (found run by run: image/ink-components.ts). */
export function inkPieceBoxes(gray: Uint8Array, width: number, height: number, inkMaxGray: number): { top: number; bottom: number; left: number; right: number }[] {
  const pieces = componentsOfGray(gray, width, height, inkMaxGray);
  return Array.from({ length: pieces.count }, (_, c) => ({ top: pieces.top[c], bottom: pieces.bottom[c], left: pieces.left[c], right: pieces.right[c] }));
}

/** The scale that brings the crop's text to the size Tesseract reads best. */
export function chooseOcrScale(glyphHeightPx: number): number {
  if (glyphHeightPx <= 0) return 1;
  const scale = TARGET_GLYPH_HEIGHT_PX / glyphHeightPx;
  // Within 15 % of the target, leave the pixels alone.
  if (scale > 0.85 && scale < 1.15) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * Paper and ink levels of a region. `ink` is darker than `paper` for dark text on a light ground
 * and lighter for light text on a dark fill (a white-on-navy header): the larger of the two Otsu
 * classes is the ground, since text covers well under half of a cell.
 */
export interface RegionTone {
  paper: number;
  ink: number;
}

// Paper and ink closer than this are one tone plus noise or JPEG ringing (a blank cell, an even
// fill): ink on paper, even faint gray print, differs by 60+ levels.
const MIN_TONE_CONTRAST = 40;

/** The region's tone, or null when it holds one tone only (nothing to read). */
export function measureTone(crop: TableCrop, box: PixelBox): RegionTone | null {
  const histogram = new Uint32Array(256);
  for (let y = box.top; y < box.bottom; y++) {
    const row = y * crop.width;
    for (let x = box.left; x < box.right; x++) histogram[crop.gray[row + x]]++;
  }
  const threshold = otsuThreshold(histogram);
  let darkCount = 0;
  let darkSum = 0;
  let lightCount = 0;
  let lightSum = 0;
  for (let v = 0; v < 256; v++) {
    if (v <= threshold) {
      darkCount += histogram[v];
      darkSum += v * histogram[v];
    } else {
      lightCount += histogram[v];
      lightSum += v * histogram[v];
    }
  }
  if (darkCount === 0 || lightCount === 0) return null;
  const dark = darkSum / darkCount;
  const light = lightSum / lightCount;
  if (light - dark < MIN_TONE_CONTRAST) return null;
  return lightCount >= darkCount ? { paper: light, ink: dark } : { paper: dark, ink: light };
}

/** The tone of a whole crop from its Otsu threshold (dark text on light paper). */
export function toneOfThreshold(inkMaxGray: number): RegionTone {
  return { paper: Math.min(255, inkMaxGray + 1), ink: Math.max(0, inkMaxGray - 1) };
}

/** Whether `tone` is light text on a dark ground. */
export const isInverted = (tone: RegionTone) => tone.ink > tone.paper;

/** `binary`: thresholded half-way between ink and paper; `gray`: the tone stretched, anti-aliasing kept (Tesseract thresholds it itself). */
export type OcrPixels = 'binary' | 'gray';

/**
 * Cuts `box` out of the crop, its tone stretched to black text on white (light text on a dark
 * fill turns dark on white), scaled by `scale` with bilinear interpolation, framed by a white
 * margin.
 */
export function cutOcrImage(crop: TableCrop, box: PixelBox, tone: RegionTone, scale: number, pixels: OcrPixels = 'binary'): OcrImage {
  const mapping: LevelMapping =
    pixels === 'gray'
      ? { kind: 'stretch', black: tone.ink, gain: 255 / (tone.paper - tone.ink) }
      : { kind: 'threshold', at: (tone.paper + tone.ink) / 2, inkAbove: isInverted(tone) };
  const { width, height, gray } = scaleGrayBilinear(crop, box, scale, CELL_MARGIN_PX, mapping);
  return { width, height, gray, left: box.left, top: box.top, scale, marginPx: CELL_MARGIN_PX };
}

/** Pixels inside `box` on the ink side of half-way between the tone's ink and paper. */
export function countToneInk(crop: TableCrop, box: PixelBox, tone: RegionTone): number {
  return toneInk(crop, box, tone).count;
}

/**
 * The ink of `box` (pixels on the ink side of half-way between the tone's ink and paper): how
 * many, and the box around them (null when there are none).
 */
export function toneInk(crop: TableCrop, box: PixelBox, tone: RegionTone): { count: number; bounds: PixelBox | null } {
  const middle = (tone.paper + tone.ink) / 2;
  const inverted = isInverted(tone);
  let count = 0;
  let left = box.right;
  let right = box.left;
  let top = box.bottom;
  let bottom = box.top;
  for (let y = box.top; y < box.bottom; y++) {
    const row = y * crop.width;
    let rowInk = 0;
    for (let x = box.left; x < box.right; x++) {
      const value = crop.gray[row + x];
      if (!(inverted ? value >= middle : value <= middle)) continue;
      rowInk++;
      if (x < left) left = x;
      if (x >= right) right = x + 1;
    }
    if (rowInk === 0) continue;
    count += rowInk;
    if (y < top) top = y;
    bottom = y + 1;
  }
  return { count, bounds: count === 0 ? null : { left, top, right, bottom } };
}

/** `box` widened by `padPx` on every side, kept inside `limit`. */
export function padBox(box: PixelBox, padPx: number, limit: PixelBox): PixelBox {
  return {
    left: Math.max(limit.left, box.left - padPx),
    top: Math.max(limit.top, box.top - padPx),
    right: Math.min(limit.right, box.right + padPx),
    bottom: Math.min(limit.bottom, box.bottom + padPx),
  };
}

/** Lines of text in `box`: bands of rows with ink, blank bands under `minGapPx` joined. */
export function countTextLines(crop: TableCrop, box: PixelBox, tone: RegionTone, minGapPx: number): number {
  const middle = (tone.paper + tone.ink) / 2;
  const inverted = isInverted(tone);
  let lines = 0;
  let lastInkRow = Number.NEGATIVE_INFINITY;
  for (let y = box.top; y < box.bottom; y++) {
    const row = y * crop.width;
    let inked = false;
    for (let x = box.left; x < box.right && !inked; x++) {
      const value = crop.gray[row + x];
      inked = inverted ? value >= middle : value <= middle;
    }
    if (!inked) continue;
    if (y - lastInkRow > minGapPx) lines++;
    lastInkRow = y;
  }
  return lines;
}

export function minInkPixels(dpi: number): number {
  return Math.ceil((MIN_INK_PIXELS_PER_100_DPI * dpi) / 100);
}

/** The ink threshold for a crop: Otsu, so faint scanner noise stays paper. */
export function inkThresholdOf(crop: TableCrop): number {
  return otsuThreshold(crop.gray);
}

/** Shrinks a cell box (crop coordinates) so the erased ruling's anti-aliased edge stays outside. */
export function cellInterior(box: PixelBox, insetPx: number, crop: TableCrop): PixelBox | null {
  const interior = {
    left: Math.max(0, box.left + insetPx),
    top: Math.max(0, box.top + insetPx),
    right: Math.min(crop.width, box.right - insetPx),
    bottom: Math.min(crop.height, box.bottom - insetPx),
  };
  return interior.right - interior.left >= 2 && interior.bottom - interior.top >= 2 ? interior : null;
}

/** Maps words read from an OcrImage back to the coordinates of the image it was cut from. */
export function wordsToSource(words: Word[], image: OcrImage): Word[] {
  const back = (value: number, origin: number) => origin + (value - image.marginPx) / image.scale;
  return words.map((word) => ({
    ...word,
    box: {
      left: Math.round(back(word.box.left, image.left)),
      top: Math.round(back(word.box.top, image.top)),
      right: Math.round(back(word.box.right, image.left)),
      bottom: Math.round(back(word.box.bottom, image.top)),
    },
  }));
}
