// The ink a page pass left unread, and the lone dashes in it. PP-OCR's detector does not see a
// dash standing alone (a table's "nothing here" cell): at its input scale a dash is a line of one
// or two pixels, and its recognizer reads a lone dash as '!', '1' or a quote. A flat solid bar
// about a glyph wide, on a line of its own between words, is a dash.
import type { Word } from '../types.js';
import type { GrayBitmap } from '../image/gray-bitmap.js';
import { forEachRegion } from '../image/regions.js';

// A word's box is erased with this share of its height around it (accents, anti-aliased edges).
const ERASE_MARGIN_RATIO = 0.25;
// This dark or darker is ink in the (tone-stretched) OCR image.
const INK_MAX_GRAY = 127;
// A dash, against the page's typical word height: this wide…
const DASH_WIDTH_RANGE = [0.25, 2.5] as const;
// …at most this tall (and at least a pixel)…
const DASH_MAX_HEIGHT_RATIO = 0.35;
// …and this much of its box inked: a bar, not a speck cluster or a tilde.
const DASH_MIN_FILL = 0.6;
// Components with more pixels than this many typical heights squared are no dash.
const MAX_COMPONENT_AREA_RATIO = 4;

/** A copy of the image with the words' boxes (and a margin around them) whitened. */
export function eraseWords(image: GrayBitmap, words: Word[]): Uint8Array {
  const rest = image.gray.slice();
  for (const { box } of words) {
    const margin = Math.ceil(ERASE_MARGIN_RATIO * (box.bottom - box.top));
    const left = Math.max(0, box.left - margin);
    const right = Math.min(image.width, box.right + margin);
    for (let y = Math.max(0, box.top - margin); y < Math.min(image.height, box.bottom + margin); y++) rest.fill(255, y * image.width + left, y * image.width + right);
  }
  return rest;
}

/** The median height of the words' boxes. */
export function typicalWordHeight(words: Word[]): number {
  const heights = words.map((word) => word.box.bottom - word.box.top).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** Dashes in the image outside the words read, as words '-' (in the image's pixels), each centred on a line of typical height. */
export function findLoneDashes(image: GrayBitmap, words: Word[], confidence: number): Word[] {
  if (words.length === 0) return [];
  const typical = typicalWordHeight(words);
  const rest = eraseWords(image, words);
  const dashes: Word[] = [];
  const maxArea = MAX_COMPONENT_AREA_RATIO * typical * typical;
  const isInk = (index: number) => rest[index] <= INK_MAX_GRAY;
  forEachRegion(image.width, image.height, isInk, 4, ({ left, top, right, bottom, count }) => {
    const [barWidth, barHeight] = [right - left, bottom - top];
    const isDash = count <= maxArea && barWidth >= DASH_WIDTH_RANGE[0] * typical && barWidth <= DASH_WIDTH_RANGE[1] * typical
      && barHeight <= DASH_MAX_HEIGHT_RATIO * typical && count >= DASH_MIN_FILL * barWidth * barHeight;
    if (!isDash) return;
    const middle = (top + bottom) / 2;
    dashes.push({ text: '-', confidence, box: { left, top: Math.round(middle - typical / 2), right, bottom: Math.round(middle + typical / 2) } });
  });
  // A table's dash stands in a row of words, and alone: a chart's dashed line is a run of bars.
  const middleOf = (word: Word) => (word.box.top + word.box.bottom) / 2;
  const sameRow = (a: Word, b: Word) => Math.abs(middleOf(a) - middleOf(b)) <= ROW_TOLERANCE_RATIO * typical;
  return dashes.filter((dash) =>
    words.some((word) => sameRow(word, dash))
    && !dashes.some((other) => other !== dash && sameRow(other, dash) && Math.min(Math.abs(other.box.left - dash.box.right), Math.abs(dash.box.left - other.box.right)) <= RUN_GAP_RATIO * typical));
}

// A dash is in a word's row when their middles are this share of a typical height apart at most…
const ROW_TOLERANCE_RATIO = 0.5;
// …and part of a dashed line when another bar of its row is this close.
const RUN_GAP_RATIO = 1.5;
