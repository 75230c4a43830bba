// Two columns of right-aligned numbers set closer than a column gap (a narrow '% Change' beside
// the last year's figures): each line holds two numbers whose right ends line up with the numbers
// above and below, with blank space between them in every line. The word layout alone sees one
// column there, since the space between them is no wider than a word space in the widest line.
import { wordsByColumn } from './columns-and-rules.js';
import { ONE_WORD_NUMBER } from './number-text.js';
import type { ColumnGap } from './column-gaps.js';
import type { TextLine, TextMetrics } from './text-lines.js';
import type { Word } from '../types.js';

/** Digit groups of a number written with spaces between thousands (12 345): these pairs are one number. */
const LEADING_GROUP = /^[-+−–(]?[$€£¥]?\d{1,3}$/u;
const THOUSANDS_GROUP = /^\d{3}(?:[.,]\d+)?\)?%?$/u;
/** Lines holding such a pair: at least this many, and this share of the lines with words in the column. */
const MIN_PAIR_LINES = 3;
const MIN_PAIR_LINE_SHARE = 0.6;
/** Right ends of a right-aligned column agree within this share of the line height. */
const RIGHT_ALIGN_TOLERANCE_RATIO = 0.5;
/** The blank strip between the two is at least this share of a word space wide. */
const MIN_STRIP_WORD_SPACES = 0.3;

/**
 * `gaps` plus a gap inside each column that holds two right-aligned columns of numbers (see the
 * top of this file), sorted left to right.
 */
export function withNumberPairGaps(gaps: readonly ColumnGap[], body: readonly TextLine[], metrics: TextMetrics): ColumnGap[] {
  const edges = [-Infinity, ...gaps.map((g) => (g.left + g.right) / 2), Infinity];
  const added: ColumnGap[] = [];
  for (let c = 0; c + 1 < edges.length; c++) {
    const cells = body.map((line) => wordsByColumn([line], edges)[c]).filter((words) => words.length > 0);
    const gap = numberPairGap(cells, metrics);
    if (gap) added.push(gap);
  }
  return added.length === 0 ? [...gaps] : [...gaps, ...added].sort((a, b) => a.left - b.left);
}

function numberPairGap(cells: Word[][], metrics: TextMetrics): ColumnGap | null {
  const pairs = cells.filter((words) => words.length === 2 && words.every((word) => ONE_WORD_NUMBER.test(word.text)));
  if (pairs.length < MIN_PAIR_LINES || pairs.length < MIN_PAIR_LINE_SHARE * cells.length) return null;
  if (pairs.every(([first, second]) => LEADING_GROUP.test(first.text) && THOUSANDS_GROUP.test(second.text))) return null;
  const tolerance = RIGHT_ALIGN_TOLERANCE_RATIO * metrics.lineHeightPx;
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  if (spread(pairs.map(([first]) => first.box.right)) > tolerance || spread(pairs.map(([, second]) => second.box.right)) > tolerance) return null;
  const left = Math.max(...pairs.map(([first]) => first.box.right));
  const right = Math.min(...pairs.map(([, second]) => second.box.left));
  if (right - left < MIN_STRIP_WORD_SPACES * metrics.wordSpacePx) return null;
  // No word of any line may lie across the strip.
  if (cells.some((words) => words.some((word) => word.box.left < right && word.box.right > left))) return null;
  return { left, right, support: pairs.length };
}
