// Words → text lines → phrases, and the page's text metrics (line height, word space), the raw
// material of layout-based table detection.
import type { PixelBox, Word } from '../types.js';
import { median } from '../measure.js';

/** A run of words in one line with no column-sized gap between them. */
export interface Phrase {
  words: Word[];
  left: number;
  right: number;
}

/** The words of one text line (all columns of the page), left to right. */
export interface TextLine {
  words: Word[];
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Vertical centre of the line (median of its words' centres). */
  centre: number;
  /** The smallest right edge and the largest left edge of its words (is there a word left / right of x?). */
  firstRight: number;
  lastLeft: number;
  phrases: Phrase[];
}

export interface TextMetrics {
  /** Median height of a text line's box. */
  lineHeightPx: number;
  /** Median gap between neighbouring words of a line (a word space). */
  wordSpacePx: number;
  /** Gaps at least this wide split a line into phrases; column gaps are at least this wide. */
  minColumnGapPx: number;
}

// Words whose vertical centres differ by less than this share of the line height are on one line.
const SAME_LINE_CENTRE_RATIO = 0.5;
// Words at least this share of the typical word height set a line's centre (not commas, dashes, dots).
const FULL_HEIGHT_RATIO = 0.6;
// Gaps wider than this share of the line height are not word spaces (only measured below it).
const WORD_SPACE_MAX_RATIO = 0.8;
// A column gap is at least this many word spaces: justified text stretches spaces to ~2x, never 3x.
const COLUMN_GAP_WORD_SPACES = 2.2;
// …and at least this share of the line height (OCR word spaces can be tiny or missing).
const COLUMN_GAP_MIN_LINE_RATIO = 0.5;

const centreY = (box: PixelBox): number => (box.top + box.bottom) / 2;


/**
 * Cluster words into text lines by vertical centre. `typicalHeightPx` (the median word height)
 * sets the tolerance, so a comma or a superscript joins the line it sits on.
 */
export function buildTextLines(words: Word[]): TextLine[] {
  if (words.length === 0) return [];
  const typicalHeight = median(words.map((w) => w.box.bottom - w.box.top)) || 1;
  const sorted = [...words].sort((a, b) => centreY(a.box) - centreY(b.box) || a.box.left - b.box.left);
  interface Open { words: Word[]; centre: number; height: number; sum: number; count: number }
  const open: Open[] = [];
  for (const word of sorted) {
    const c = centreY(word.box);
    const h = Math.max(word.box.bottom - word.box.top, 1);
    let best: Open | null = null;
    let bestDistance = Infinity;
    // Only the last few lines can be close: words come in centre order.
    for (let i = open.length - 1; i >= 0 && i >= open.length - 4; i--) {
      const line = open[i];
      const distance = Math.abs(c - line.centre);
      const limit = SAME_LINE_CENTRE_RATIO * Math.max(Math.min(h, 2 * typicalHeight), line.height, typicalHeight * 0.6);
      if (distance < limit && distance < bestDistance) {
        best = line;
        bestDistance = distance;
      }
    }
    if (best) {
      best.words.push(word);
      // The centre follows the line's full-height words; small marks (commas, dashes) do not drag it.
      if (h >= FULL_HEIGHT_RATIO * typicalHeight) {
        best.sum += c;
        best.count++;
        best.centre = best.sum / best.count;
      }
      best.height = Math.max(best.height, Math.min(h, 2 * typicalHeight));
    } else {
      const full = h >= FULL_HEIGHT_RATIO * typicalHeight;
      open.push({ words: [word], centre: c, height: Math.min(h, 2 * typicalHeight), sum: full ? c : 0, count: full ? 1 : 0 });
    }
  }
  const lines = open.map((o) => makeLine(o.words));
  lines.sort((a, b) => a.centre - b.centre);
  return lines;
}

export function makeLine(words: Word[]): TextLine {
  const sorted = [...words].sort((a, b) => a.box.left - b.box.left);
  return {
    words: sorted,
    top: Math.min(...sorted.map((w) => w.box.top)),
    bottom: Math.max(...sorted.map((w) => w.box.bottom)),
    left: Math.min(...sorted.map((w) => w.box.left)),
    right: Math.max(...sorted.map((w) => w.box.right)),
    centre: median(sorted.map((w) => centreY(w.box))),
    firstRight: Math.min(...sorted.map((w) => w.box.right)),
    lastLeft: Math.max(...sorted.map((w) => w.box.left)),
    phrases: [],
  };
}

/** The page's line height and word space, and from them the narrowest column gap. */
export function measureText(lines: TextLine[], dpi: number): TextMetrics {
  const lineHeightPx = median(lines.filter((l) => l.words.length >= 2).map((l) => l.bottom - l.top)) || median(lines.map((l) => l.bottom - l.top)) || dpi / 6;
  const spaces: number[] = [];
  for (const line of lines) {
    for (let i = 1; i < line.words.length; i++) {
      const gap = line.words[i].box.left - line.words[i - 1].box.right;
      if (gap > 0 && gap < WORD_SPACE_MAX_RATIO * lineHeightPx) spaces.push(gap);
    }
  }
  // Without enough spaces to measure, a quarter of the line height (a typical space is 0.25 em).
  const wordSpacePx = spaces.length >= 5 ? median(spaces) : 0.25 * lineHeightPx;
  const minColumnGapPx = Math.max(COLUMN_GAP_WORD_SPACES * wordSpacePx, COLUMN_GAP_MIN_LINE_RATIO * lineHeightPx);
  return { lineHeightPx, wordSpacePx, minColumnGapPx };
}

/** Splits every line into phrases at gaps of at least `minGapPx`. */
export function splitPhrases(lines: TextLine[], minGapPx: number): void {
  for (const line of lines) {
    const phrases: Phrase[] = [];
    let current: Word[] = [];
    let right = -Infinity;
    for (const word of line.words) {
      if (current.length > 0 && word.box.left - right >= minGapPx) {
        phrases.push(phraseOf(current));
        current = [];
      }
      current.push(word);
      right = current.length === 1 ? word.box.right : Math.max(right, word.box.right);
    }
    if (current.length > 0) phrases.push(phraseOf(current));
    line.phrases = phrases;
  }
}

function phraseOf(words: Word[]): Phrase {
  return { words, left: Math.min(...words.map((w) => w.box.left)), right: Math.max(...words.map((w) => w.box.right)) };
}

