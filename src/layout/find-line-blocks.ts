// Runs of consecutive text lines that share column gaps: where tables without rulings may be.
import type { Ruling } from '../types.js';
import { GapTracker } from './column-gaps.js';
import { ruleSpans } from './columns-and-rules.js';
import { type TextLine, type TextMetrics } from './text-lines.js';
import { median } from '../measure.js';

/** A run of lines, `lines[start]` up to (not including) `lines[end]`. */
export interface LineBlock {
  start: number;
  end: number;
  /** Indexes (into the lines) of the block's section labels: rows of their own, merged across the table. */
  sections: number[];
}

// Lines this many line heights apart (blank space between boxes) still continue a block; the first
// rows of a table with airy rows (img2table's "implicit rows": ~2.7 line heights) must pass.
const MAX_LINE_GAP_RATIO = 2.2;
// …or this many times the block's median line gap, when its rows are spaced wider than that…
const MAX_LINE_GAP_TO_MEDIAN = 2;
// …but never more than this many line heights: a wider gap is a break in the page.
const MAX_LINE_GAP_CAP_RATIO = 4;
// A line may close some of the block's gaps (a header spanning two columns), but must leave at least this share.
const MIN_KEPT_GAP_RATIO = 0.5;

// A line of one phrase with this many words…
const PARAGRAPH_MIN_WORDS = 8;
// …as wide as this share of the block is a paragraph line, not a cell.
const PARAGRAPH_MIN_WIDTH_RATIO = 0.5;

/** A rule between `above` and `below` (pixel rows) spanning `left`..`right`? */
const ruledBetween = (rules: readonly Ruling[], above: number, below: number, left: number, right: number) =>
  rules.some((r) => r.position > above - 1 && r.position < below + 1 && ruleSpans(r, left, right));

/**
 * A section label of a three-line table ("General Tasks" centred on its own row): a line of one
 * phrase with a rule right above and right below it across the block, followed by a line that
 * keeps the block's column gaps.
 */
function isSectionLabel(lines: readonly TextLine[], i: number, rules: readonly Ruling[], tracker: GapTracker, gapCount: number, left: number, right: number): boolean {
  const [previous, line, next] = [lines[i - 1], lines[i], lines[i + 1]];
  if (!previous || !next || line.phrases.length !== 1 || gapCount === 0) return false;
  if (line.left < left - 1 || line.right > right + 1) return false;
  if (!ruledBetween(rules, previous.bottom, line.top, left, right) || !ruledBetween(rules, line.bottom, next.top, left, right)) return false;
  return tracker.gapsWith(next).length >= Math.ceil(MIN_KEPT_GAP_RATIO * gapCount);
}

/**
 * Grows blocks top to bottom: a block starts at a line with at least two phrases and takes the
 * following lines as long as they are close enough and the block's lines still share a column
 * gap (a vertical strip no word covers) — and at least half of the gaps it had. A line of one
 * phrase running across a gap (a paragraph, a note, a title) ends the block, and so do a long
 * line of one phrase anywhere and a line beyond a rule that closes a gap. A section label between
 * rules (isSectionLabel) stays inside. Blocks of one line are dropped.
 */
export function findLineBlocks(lines: readonly TextLine[], metrics: TextMetrics, rules: readonly Ruling[]): LineBlock[] {
  const blocks: LineBlock[] = [];
  let start = -1;
  let gapCount = 0;
  let tracker = new GapTracker(metrics.minColumnGapPx);
  let left = Infinity;
  let right = -Infinity;
  const lineGaps: number[] = [];
  let sections: number[] = [];
  const close = (end: number): void => {
    if (start >= 0 && end - start >= 2) blocks.push({ start, end, sections: sections.filter((index) => index < end) });
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (start >= 0) {
      const previous = lines[i - 1];
      const gap = line.top - previous.bottom;
      const limit = Math.min(
        MAX_LINE_GAP_CAP_RATIO * metrics.lineHeightPx,
        Math.max(MAX_LINE_GAP_RATIO * metrics.lineHeightPx, lineGaps.length > 0 ? MAX_LINE_GAP_TO_MEDIAN * median(lineGaps) : 0),
      );
      let extended = false;
      if (gap <= limit) {
        const gaps = tracker.gapsWith(line);
        // A line of one phrase across a gap is a title, a note or a paragraph: it ends the block;
        // so does any line that closes a gap beyond a rule (a table's bottom rule).
        const closesGap = gaps.length < gapCount;
        const ruled = rules.some((r) => r.position > previous.bottom - 1 && r.position < line.top + 1 && ruleSpans(r, Math.min(left, line.left), Math.max(right, line.right)));
        // A long single run of words is a paragraph or a note, even where it fits in a wide first column.
        const paragraph = line.phrases.length === 1 && line.words.length >= PARAGRAPH_MIN_WORDS && line.right - line.left >= PARAGRAPH_MIN_WIDTH_RATIO * (right - left);
        if (isSectionLabel(lines, i, rules, tracker, gapCount, left, right)) {
          // Inside the block, but not one of its rows of columns: it neither keeps nor closes gaps.
          lineGaps.push(Math.max(0, gap));
          sections.push(i);
          extended = true;
        } else if (gaps.length >= 1 && gaps.length >= Math.ceil(MIN_KEPT_GAP_RATIO * gapCount) && !(closesGap && (line.phrases.length === 1 || ruled)) && !paragraph) {
          gapCount = gaps.length;
          tracker.add(line);
          left = Math.min(left, line.left);
          right = Math.max(right, line.right);
          lineGaps.push(Math.max(0, gap));
          extended = true;
        }
      }
      if (extended) continue;
      close(i);
    }
    if (line.phrases.length >= 2) {
      start = i;
      sections = [];
      tracker = new GapTracker(metrics.minColumnGapPx);
      gapCount = tracker.gapsWith(line).length;
      tracker.add(line);
      left = line.left;
      right = line.right;
      lineGaps.length = 0;
    }
  }
  close(lines.length);
  return blocks;
}
