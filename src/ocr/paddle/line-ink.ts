// Where a line image's ink is, for PP-OCR's recognizer: the box it reads a single line from, the
// lone dash it cannot read, and word boxes shrunk to their ink.
import { LETTER_OR_DIGIT } from '../../text/scripts.js';
import { cropGray } from '../../image/crop-gray.js';
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import type { PixelBox } from '../../types.js';

// A line is read from its ink with this share of the line's height around it: the margin the
// detector's boxes leave, which the recognizer was trained on. A cell image with wide blank margins
// read whole shrinks the text at 48 px high ('Total revenue 1,234.56' read as 'Total revnue 356').
const LINE_PAD_RATIO = 0.25;
// An image with less contrast than this (gray levels) holds no text.
const MIN_LINE_CONTRAST = 40;
// A dash: a bar at most this share of the text's height tall (of its own width without a known
// text height), and this much of its box inked (a bar, not a tilde or a pair of rules).
const DASH_MAX_HEIGHT_RATIO = 0.3;
const DASH_MAX_FLATNESS = 0.35;
const DASH_MIN_FILL = 0.6;
/** The confidence given to a dash known by its shape. */
export const DASH_CONFIDENCE = 90;

export interface LineInk {
  /** Around the ink (right and bottom exclusive). */
  box: PixelBox;
  /** Ink pixels. */
  count: number;
}

/** The ink of an image (darker than half-way between its lightest and darkest level), or null when it is blank. */
export function lineInkOf(image: GrayBitmap): LineInk | null {
  const isInk = inkTestOf(image);
  if (!isInk) return null;
  let left = image.width;
  let right = -1;
  let top = image.height;
  let bottom = -1;
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0, at = y * image.width; x < image.width; x++, at++) {
      if (!isInk(image.gray[at])) continue;
      count++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return right < 0 ? null : { box: { left, top, right: right + 1, bottom: bottom + 1 }, count };
}

/** Whether the ink is one flat solid bar: a dash, a minus or an em dash standing alone. */
export function isDash(ink: LineInk, textHeightPx: number | undefined): boolean {
  const width = ink.box.right - ink.box.left;
  const height = ink.box.bottom - ink.box.top;
  const flat = textHeightPx ? height <= DASH_MAX_HEIGHT_RATIO * textHeightPx && width >= height : height <= DASH_MAX_FLATNESS * width;
  return flat && ink.count >= DASH_MIN_FILL * width * height;
}

/**
 * The box a line is read from: its ink with a quarter of a line's height around it; as tall as
 * the text where the caller knows its height (a flat mark cut to its own ink fills the
 * recognizer's 48 px and reads as anything), and at least as wide as tall (a lone glyph in a
 * wide blank reads as its full-width form, '０').
 */
export function lineBoxAround(ink: LineInk, image: GrayBitmap, textHeightPx: number | undefined): PixelBox {
  const { left, top, right, bottom } = ink.box;
  const inkHeight = bottom - top;
  const height = Math.min(image.height, Math.ceil((1 + 2 * LINE_PAD_RATIO) * Math.max(inkHeight, textHeightPx ?? 0)));
  const lineTop = Math.max(0, Math.min(top - Math.floor((height - inkHeight) / 2), image.height - height));
  const pad = Math.ceil(Math.max(LINE_PAD_RATIO * height, (height - (right - left)) / 2));
  return { left: Math.max(0, left - pad), top: lineTop, right: Math.min(image.width, right + pad), bottom: Math.min(image.height, lineTop + height) };
}

/**
 * Word boxes (in the pixels of the image `line` was cut from at `lineBox`) shrunk to their ink
 * within the line's own band of rows, as Tesseract gives its words: a detector's box reaches half
 * a line beyond the text, so the boxes of adjacent rows overlapped and the word-layout table finder
 * took two rows for one (and its column gaps, measured against word heights, came out too wide). A
 * word whose ink is less than half the band tall (a dash, a comma) keeps the band's height, so it
 * stays in its line.
 */
export function tightBoxes(line: GrayBitmap, lineBox: PixelBox, boxes: PixelBox[]): PixelBox[] {
  const band = mainInkBand(line);
  if (!band) return boxes;
  const { strokes } = band;
  const bandHeight = band.bottom - band.top;
  return boxes.map((box) => {
    let left = box.right;
    let right = box.left - 1;
    let top = band.bottom;
    let bottom = band.top - 1;
    for (let y = band.top; y < band.bottom; y++) {
      for (let x = Math.max(box.left, lineBox.left); x < Math.min(box.right, lineBox.right); x++) {
        if (!strokes[y * line.width + x - lineBox.left]) continue;
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
    if (right < left || bottom + 1 - top < SMALL_MARK_RATIO * bandHeight) [top, bottom] = [band.top, band.bottom - 1];
    if (right < left) return { ...box, top: lineBox.top + top, bottom: lineBox.top + bottom + 1 };
    return { left, top: lineBox.top + top, right: right + 1, bottom: lineBox.top + bottom + 1 };
  });
}

// A word less than this share of its line's band tall is a mark (a dash, a comma) that keeps the band.
const SMALL_MARK_RATIO = 0.5;

// Punctuation whose ink is smaller than this share of its line's height every way, and not flat,
// is a speck (or a leader dot), not text: in a column gap it joined two columns into one.
const SPECK_RATIO = 0.35;

/** Whether a word read in `line` (cut from its image at `lineBox`) is a speck of punctuation (see SPECK_RATIO). */
export function isSpeck(text: string, line: GrayBitmap, lineBox: PixelBox, box: PixelBox): boolean {
  if (LETTER_OR_DIGIT.test(text)) return false;
  const band = mainInkBand(line);
  if (!band) return false;
  const limit = SPECK_RATIO * (band.bottom - band.top);
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  for (let y = Math.max(box.top, lineBox.top); y < Math.min(box.bottom, lineBox.bottom); y++) {
    for (let x = Math.max(box.left, lineBox.left); x < Math.min(box.right, lineBox.right); x++) {
      if (!band.strokes[(y - lineBox.top) * line.width + x - lineBox.left]) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y + 1);
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
    }
  }
  // A hyphen is as small one way, but flat: a speck, a dot or a comma is not.
  const [width, height] = [right - left, bottom - top];
  return height <= limit && width <= limit && width <= 2 * height + 2;
}

// A block's band of rows taller than this many times the text's height (or the median band's)
// holds lines that touch: the detector reads such a block instead.
const MAX_BAND_HEIGHT_RATIO = 1.8;
// A line's rows, ascenders to descenders, are about this many times a median glyph's height.
const GLYPH_TO_LINE_HEIGHT = 1.4;
// Bands shorter than this share of the tallest are specks or the dots of a leader, not lines.
const MIN_BAND_HEIGHT_SHARE = 0.35;

/**
 * The text lines of a small block (a table cell holding several lines, an orientation sample),
 * from its rows: runs of inked rows between blank ones, each trimmed to its ink and split at wide
 * gaps; null when the rows do not part cleanly into lines (the detector is asked then). Much
 * cheaper than the detector, and as good on the cells of a deskewed table.
 */
export function linesOfBlock(image: GrayBitmap, textHeightPx: number | undefined): PixelBox[] | null {
  const isInk = inkTestOf(image);
  if (!isInk) return [];
  const rowInk = new Uint32Array(image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0, at = y * image.width; x < image.width; x++, at++) if (isInk(image.gray[at])) rowInk[y]++;
  }
  const bands: { top: number; bottom: number }[] = [];
  for (let y = 0; y < image.height; ) {
    if (rowInk[y] === 0) {
      y++;
      continue;
    }
    const top = y;
    while (y < image.height && rowInk[y] > 0) y++;
    bands.push({ top, bottom: y });
  }
  if (bands.length === 0) return [];
  const heights = bands.map((band) => band.bottom - band.top);
  const tallest = Math.max(...heights);
  const lineHeight = textHeightPx ? GLYPH_TO_LINE_HEIGHT * textHeightPx : [...heights].sort((a, b) => a - b)[Math.floor(heights.length / 2)];
  if (tallest > MAX_BAND_HEIGHT_RATIO * Math.max(lineHeight, 1)) return null;
  const lines: PixelBox[] = [];
  for (const band of bands) {
    if (band.bottom - band.top < MIN_BAND_HEIGHT_SHARE * tallest) continue;
    const pad = Math.ceil(LINE_PAD_RATIO * (band.bottom - band.top));
    const box = { left: 0, top: Math.max(0, band.top - pad), right: image.width, bottom: Math.min(image.height, band.bottom + pad) };
    const strip = cropGray(image, box);
    const ink = lineInkOf(strip);
    if (!ink) continue;
    const trimmed = { left: Math.max(0, ink.box.left - pad), top: box.top, right: Math.min(image.width, ink.box.right + pad), bottom: box.bottom };
    lines.push(...splitAtWideGaps(cropGray(image, trimmed), trimmed));
  }
  return lines;
}

// A blank stretch this many times the line's ink height wide parts a detected line: wider than
// any word space (a third of an em), narrower than most gaps between table columns.
const WIDE_GAP_RATIO = 0.8;

/**
 * A detected line (`line`, cut from the image at `box`) split at its wide blank gaps, each piece
 * trimmed to its ink with a quarter of the ink's height around it; the box itself when it has none.
 */
export function splitAtWideGaps(line: GrayBitmap, box: PixelBox): PixelBox[] {
  const runs = inkRuns(line, WIDE_GAP_RATIO);
  if (!runs || runs.pieces.length <= 1) return [box];
  const pad = Math.ceil(LINE_PAD_RATIO * runs.inkHeight);
  return runs.pieces.map(([left, right]) => ({
    left: box.left + Math.max(0, left - pad),
    top: box.top,
    right: box.left + Math.min(line.width, right + pad),
    bottom: box.bottom,
  }));
}

/**
 * The columns of a line's text (its main band's strokes) cut at blank stretches at least
 * `minGapRatio` of the ink's height wide: [left, right) pieces in the line's pixels, and the
 * widest blank stretch between them; null when the line has no ink.
 */
export function inkRuns(line: GrayBitmap, minGapRatio: number): { pieces: [number, number][]; inkHeight: number; widestGapPx: number } | null {
  const band = mainInkBand(line);
  if (!band) return null;
  const { strokes } = band;
  const inkHeight = band.bottom - band.top;
  const minGap = Math.max(2, Math.round(minGapRatio * inkHeight));
  const inked = new Uint8Array(line.width);
  for (let y = band.top; y < band.bottom; y++) {
    for (let x = 0, at = y * line.width; x < line.width; x++, at++) if (strokes[at]) inked[x] = 1;
  }
  const pieces: [number, number][] = [];
  let start = -1;
  let lastInk = -1;
  let widestGapPx = 0;
  for (let x = 0; x < line.width; x++) {
    if (!inked[x]) continue;
    if (start >= 0) widestGapPx = Math.max(widestGapPx, x - lastInk - 1);
    if (start < 0) start = x;
    else if (x - lastInk - 1 >= minGap) {
      pieces.push([start, lastInk + 1]);
      start = x;
    }
    lastInk = x;
  }
  if (start >= 0) pieces.push([start, lastInk + 1]);
  return pieces.length === 0 ? null : { pieces, inkHeight, widestGapPx };
}

/**
 * The rows of a detected line's own text: of the runs of inked rows (between blank rows), the
 * one with the most ink. A detector's box reaches into the lines above and below, whose
 * descenders and ascenders are cut off from it by blank rows. Long horizontal runs of ink do not
 * count: a rule through the box (a booktabs rule the page pass did not erase, slanting across a
 * skewed page) would otherwise be the band, a sliver a few pixels tall. `strokes` marks the ink
 * pixels that are not such runs.
 */
function mainInkBand(line: GrayBitmap): InkBand | null {
  // A line's words ask for its band one by one (their boxes, whether they are specks).
  let band = inkBands.get(line);
  if (band === undefined) {
    band = measureInkBand(line);
    inkBands.set(line, band);
  }
  return band;
}

interface InkBand {
  top: number;
  bottom: number;
  strokes: Uint8Array;
}

const inkBands = new WeakMap<GrayBitmap, InkBand | null>();

function measureInkBand(line: GrayBitmap): InkBand | null {
  const isInk = inkTestOf(line);
  if (!isInk) return null;
  const longestStroke = Math.min(RULE_RUN_HEIGHTS * line.height, RULE_RUN_WIDTH_SHARE * line.width);
  // Per row: ink in glyph strokes, and whether it has any ink at all (a rule through the text
  // leaves the text's rows joined).
  const rowInk = new Uint32Array(line.height);
  const inked = new Uint8Array(line.height);
  const strokes = new Uint8Array(line.width * line.height);
  for (let y = 0; y < line.height; y++) {
    let run = 0;
    for (let x = 0, at = y * line.width; x <= line.width; x++, at++) {
      if (x < line.width && isInk(line.gray[at])) {
        run++;
        continue;
      }
      if (run > 0) inked[y] = 1;
      if (run > 0 && run <= longestStroke) {
        rowInk[y] += run;
        strokes.fill(1, at - run, at);
      }
      run = 0;
    }
  }
  let best: { top: number; bottom: number; ink: number } | null = null;
  for (let y = 0; y < line.height; ) {
    if (!inked[y]) {
      y++;
      continue;
    }
    let top = y;
    let ink = 0;
    while (y < line.height && inked[y]) ink += rowInk[y++];
    let bottom = y;
    // Rows of rule alone at the run's ends are not the text's.
    while (top < bottom && rowInk[top] === 0) top++;
    while (bottom > top && rowInk[bottom - 1] === 0) bottom--;
    if (ink > 0 && (!best || ink > best.ink)) best = { top, bottom, ink };
  }
  return best ? { top: best.top, bottom: best.bottom, strokes } : null;
}

// A horizontal run of ink longer than this many line heights, or this share of the line's width,
// is a rule, not a glyph's stroke.
const RULE_RUN_HEIGHTS = 2;
const RULE_RUN_WIDTH_SHARE = 0.7;

type InkTest = (level: number) => boolean;

/**
 * Which levels of an image are ink: those on the minority side of half-way between its darkest
 * and lightest level, so light text on a dark header band is ink too (the page pass reads such a
 * band as it is); null when the image has too little contrast to hold text.
 */
function inkTestOf(image: GrayBitmap): InkTest | null {
  const [darkest, lightest] = levelRange(image);
  if (lightest - darkest < MIN_LINE_CONTRAST) return null;
  const middle = (darkest + lightest) / 2;
  let dark = 0;
  const { gray } = image;
  for (let i = 0; i < gray.length; i++) if (gray[i] < middle) dark++;
  return dark > image.gray.length / 2 ? (level) => level > middle : (level) => level < middle;
}

function levelRange(image: GrayBitmap): [number, number] {
  let darkest = 255;
  let lightest = 0;
  const { gray } = image;
  for (let i = 0; i < gray.length; i++) {
    const level = gray[i];
    if (level < darkest) darkest = level;
    if (level > lightest) lightest = level;
  }
  return [darkest, lightest];
}
