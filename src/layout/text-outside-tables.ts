// Where a page has text outside its tables, as horizontal bands. Joining a table continued on the
// next page needs to know that nothing (a title, a paragraph) stands between the two parts.
import type { PageImage, PixelBox, TextBand, Word } from '../types.js';
import { centreInside } from '../measure.js';



/** Merges overlapping or touching [top, bottom) ranges. */
function mergeBands(bands: TextBand[]): TextBand[] {
  const sorted = [...bands].sort((a, b) => a.top - b.top);
  const merged: TextBand[] = [];
  for (const band of sorted) {
    const last = merged[merged.length - 1];
    if (last && band.top <= last.bottom) {
      last.bottom = Math.max(last.bottom, band.bottom);
      if (band.text !== undefined) last.text = last.text === undefined ? band.text : `${last.text} ${band.text}`;
    } else merged.push({ ...band });
  }
  return merged;
}

/** Text bands of the words (text layer or page OCR) that are not in any table. */
export function wordBandsOutside(words: readonly Word[], tableBoxes: readonly PixelBox[]): TextBand[] {
  const outside = words.filter((word) => word.text.trim() !== '' && !tableBoxes.some((box) => centreInside(word, box)));
  // A word standing in for unread running text is text whose words are not known.
  return mergeBands(outside.map((word) => ({ top: word.box.top, bottom: word.box.bottom, text: word.unreadLine === undefined ? word.text : undefined })));
}

// Ink darker than this is text (the page is 0 = black … 255 = white).
const INK_MAX_GRAY = 110;
// A row holds text when it has at least this many ink pixels per 100 DPI (specks and dust do not).
const MIN_INK_PIXELS_PER_100_DPI = 4;
// A text line is 0.06–0.8 inch tall: thinner bands are rules or noise, taller ones pictures.
const MIN_LINE_INCH = 0.06;
const MAX_LINE_INCH = 0.8;
// Rows this close (in inch) belong to one line (the gap between a letter's body and its accent).
const LINE_GAP_INCH = 0.02;

/** The [start, end) stretches of row `y` that no table box covers, left to right. */
function spansOutside(y: number, width: number, tableBoxes: readonly PixelBox[]): [number, number][] {
  const covered = tableBoxes
    .filter((box) => y >= box.top && y < box.bottom)
    .map((box) => [Math.max(0, Math.ceil(box.left)), Math.min(width, Math.ceil(box.right))] as const)
    .sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  let x = 0;
  for (const [left, right] of covered) {
    if (left > x) spans.push([x, left]);
    x = Math.max(x, right);
  }
  if (x < width) spans.push([x, width]);
  return spans;
}

/** Text bands in a scanned page image outside the table boxes, found from rows of ink. */
export function inkBandsOutside(image: PageImage, tableBoxes: readonly PixelBox[]): TextBand[] {
  const { width, height, gray, dpi } = image;
  const minInk = Math.max(2, Math.round((MIN_INK_PIXELS_PER_100_DPI * dpi) / 100));
  const maxGap = Math.round(LINE_GAP_INCH * dpi);
  const bands: TextBand[] = [];
  let bandTop = -1;
  let lastInkRow = -1;
  const closeBand = () => {
    const bandHeight = lastInkRow + 1 - bandTop;
    if (bandHeight >= MIN_LINE_INCH * dpi && bandHeight <= MAX_LINE_INCH * dpi) bands.push({ top: bandTop, bottom: lastInkRow + 1 });
    bandTop = -1;
  };
  for (let y = 0; y < height; y++) {
    let ink = 0;
    const row = y * width;
    for (const [start, end] of spansOutside(y, width, tableBoxes)) {
      for (let x = start; x < end && ink < minInk; x++) if (gray[row + x] <= INK_MAX_GRAY) ink++;
    }
    if (ink >= minInk) {
      if (bandTop < 0) bandTop = y;
      lastInkRow = y;
    } else if (bandTop >= 0 && y - lastInkRow > maxGap) {
      closeBand();
    }
  }
  if (bandTop >= 0) closeBand();
  return bands;
}

// A blank stretch inside a line at least this wide (and this many line heights) separates
// columns: word gaps in prose are ~0.3 em, a table's column gaps several em.
const MIN_COLUMN_GAP_INCH = 0.25;
const MIN_COLUMN_GAP_LINE_HEIGHTS = 1.5;
// Lines further apart than this many line heights are not in one block.
const MAX_BLOCK_LINE_SPACING_HEIGHTS = 2;

/**
 * The most text bands in a row, outside the table boxes, that have a column gap inside their
 * inked extent: lines laid out in columns, as a borderless or three-line table beside a ruled one
 * is. In a row (one block of lines), because prose has a gap here and there (a date set apart, a phone number after a
 * wide space), and reading the page again for them doubled the time of a Chinese report page.
 */
export function countGappedBands(image: PageImage, tableBoxes: readonly PixelBox[], bands: readonly TextBand[]): number {
  const { width, gray, dpi } = image;
  let gapped = 0;
  let longest = 0;
  let previousBottom = -Infinity;
  for (const band of bands) {
    // Lines of one block follow each other; a table between them (or a blank stretch) ends the run.
    if (band.top - previousBottom > MAX_BLOCK_LINE_SPACING_HEIGHTS * (band.bottom - band.top)) gapped = 0;
    previousBottom = band.bottom;
    const inked = new Uint8Array(width);
    for (let y = band.top; y < band.bottom; y++) {
      const row = y * width;
      for (const [start, end] of spansOutside(y, width, tableBoxes)) {
        for (let x = start; x < end; x++) if (gray[row + x] <= INK_MAX_GRAY) inked[x] = 1;
      }
    }
    const minGap = Math.max(MIN_COLUMN_GAP_INCH * dpi, MIN_COLUMN_GAP_LINE_HEIGHTS * (band.bottom - band.top));
    let seenInk = false;
    let blank = 0;
    let hasGap = false;
    for (let x = 0; x < width && !hasGap; x++) {
      if (inked[x]) {
        if (seenInk && blank >= minGap) hasGap = true;
        seenInk = true;
        blank = 0;
      } else {
        blank++;
      }
    }
    gapped = hasGap ? gapped + 1 : 0;
    longest = Math.max(longest, gapped);
  }
  return longest;
}
