// Running text on a page pass: the lines of a paragraph decide no table, yet reading them was most
// of a word-layout page's recognition (synth-s05: 26 of 131 lines, but 1.3 of 2.2 s, a paragraph
// line being as wide as ten cells). They stand in the page's words as words found from their ink,
// unread (Word.unreadLine); a table that takes one in has its lines read after all.
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import type { PixelBox, Word } from '../../types.js';
import { inkRuns, tightBoxes } from './line-ink.js';

// A paragraph line is at least this share of the page's text width wide…
const MIN_WIDTH_SHARE = 0.6;
// …with no blank stretch wider than this share of its ink's height (a word space is about a
// quarter of it, a column gap the detector's box spanned more: such a line is read, its gaps may
// be a table's columns)…
const MAX_GAP_RATIO = 0.6;
// …and a paragraph is at least this many such lines, one right below the other (a caption or a
// header wrapped over two lines is read).
const MIN_PARAGRAPH_LINES = 3;
// Lines follow each other when the blank between them is less than this share of a line's height.
const MAX_LEADING_RATIO = 0.8;
// Words of running text are cut apart at blank stretches this share of the ink's height wide:
// wider than the gaps between letters, narrower than a word space.
const WORD_GAP_RATIO = 0.2;
/** The text a stand-in word carries: a word of letters, which is what running text is made of… */
export const STAND_IN_TEXT = 'text';
// …and its confidence: that of a clearly read word, so the word layout keeps it as it kept the
// words read (below 60 they are noise there); it never reaches a cell.
const STAND_IN_CONFIDENCE = 90;

/** A detected line piece and its pixels. */
export interface DetectedLine {
  box: PixelBox;
  image: GrayBitmap;
}

/** Which of a page's detected lines (pieces split at wide gaps) are running text, by their geometry alone. */
export function runningTextLines(lines: DetectedLine[]): boolean[] {
  const running = lines.map(() => false);
  if (lines.length < MIN_PARAGRAPH_LINES) return running;
  const textLeft = Math.min(...lines.map(({ box }) => box.left));
  const textRight = Math.max(...lines.map(({ box }) => box.right));
  const isParagraphLine = (index: number) => {
    const { box, image } = lines[index];
    if (box.right - box.left < MIN_WIDTH_SHARE * (textRight - textLeft)) return false;
    if (lines.some((other, k) => k !== index && isBeside(other.box, box))) return false;
    const runs = inkRuns(image, WORD_GAP_RATIO);
    return runs !== null && runs.widestGapPx <= MAX_GAP_RATIO * runs.inkHeight;
  };
  const byTop = lines.map((_, index) => index).sort((a, b) => lines[a].box.top - lines[b].box.top);
  let paragraph: number[] = [];
  const close = () => {
    if (paragraph.length >= MIN_PARAGRAPH_LINES) for (const index of paragraph) running[index] = true;
    paragraph = [];
  };
  for (const index of byTop) {
    if (!isParagraphLine(index)) {
      // A line that is not running text (a short last line, a heading, a cell) ends the paragraph
      // where it lies below the paragraph's last line; a piece beside it was ruled out above.
      if (paragraph.length > 0 && lines[index].box.top >= lines[paragraph[paragraph.length - 1]].box.bottom - 1) close();
      continue;
    }
    const previous = paragraph[paragraph.length - 1];
    if (previous !== undefined && !followsDirectly(lines[previous].box, lines[index].box)) close();
    paragraph.push(index);
  }
  close();
  return running;
}

/** Words of a running-text line found from its ink, unread: `lineId` tells which line they stand in for. */
export function standInWords(line: DetectedLine, lineId: number): Word[] {
  const runs = inkRuns(line.image, WORD_GAP_RATIO);
  if (!runs) return [];
  const { box } = line;
  const boxes = tightBoxes(line.image, box, runs.pieces.map(([left, right]) => ({ left: box.left + left, top: box.top, right: box.left + right, bottom: box.bottom })));
  return boxes.map((wordBox) => ({ text: STAND_IN_TEXT, confidence: STAND_IN_CONFIDENCE, box: wordBox, unreadLine: lineId }));
}

/**
 * Whether two boxes stand side by side: sharing more than half the shorter one's rows, and less
 * than half the narrower one's columns (a detector's boxes of adjacent lines of a paragraph overlap
 * in rows where the leading is tight, but lie one over the other).
 */
function isBeside(a: PixelBox, b: PixelBox): boolean {
  const sharedRows = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  const sharedColumns = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  return sharedRows > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top) && sharedColumns < 0.5 * Math.min(a.right - a.left, b.right - b.left);
}

function followsDirectly(above: PixelBox, below: PixelBox): boolean {
  const height = Math.min(above.bottom - above.top, below.bottom - below.top);
  return below.top - above.bottom < MAX_LEADING_RATIO * height;
}
