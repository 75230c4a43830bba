// Which lines above a table's body are its header: labels over the columns, a group label over
// its sub-headers, the wrapped top line of a label; not a title or a paragraph line.
import type { ColumnGap } from './column-gaps.js';
import type { TextLine, TextMetrics } from './text-lines.js';

/** A spanning group header (one phrase over several columns) sits this close above the line below. */
const MAX_GROUP_HEADER_GAP_RATIO = 0.8;
/** A line above a header rule is the header when it labels this share of the columns. */
const HEADER_RULE_MIN_LABELLED_SHARE = 0.5;
/** A wrapped label's lines are set at most this many line heights apart (rows are further apart). */
const MAX_WRAPPED_LABEL_GAP_RATIO = 0.5;
/** A wrapped header label's top line sits at most this many line heights above the next header line (they often overlap). */
const MAX_STACKED_LABEL_GAP_RATIO = 0.25;

/** A single phrase that starts in the first column and runs across a column gap: a title or a paragraph line. */
export function isTitleLine(line: TextLine, gaps: readonly ColumnGap[]): boolean {
  if (line.phrases.length !== 1 || gaps.length === 0) return false;
  const phrase = line.phrases[0];
  const crosses = gaps.filter((g) => phrase.left < g.left && phrase.right > g.right).length;
  if (crosses === 0) return false;
  return phrase.left < gaps[0].left || crosses === gaps.length;
}

/** A line with separate labels over at least half the columns (and two at least): a header line, not a caption or the last row of something above. */
export function labelsMostColumns(line: TextLine, gaps: readonly ColumnGap[]): boolean {
  const middles = gaps.map((g) => (g.left + g.right) / 2);
  const columns = new Set(line.phrases.map((p) => middles.filter((m) => m <= (p.left + p.right) / 2).length));
  const crossing = line.phrases.some((p) => middles.some((m) => p.left < m && p.right > m));
  return !crossing && columns.size === line.phrases.length && columns.size >= 2 && columns.size >= HEADER_RULE_MIN_LABELLED_SHARE * (gaps.length + 1);
}

/** A line of the first column only, set tight above a line that starts in the first column: the wrapped start of its label. */
export function isWrappedLabelAbove(line: TextLine, below: TextLine, gaps: readonly ColumnGap[], metrics: TextMetrics): boolean {
  if (gaps.length === 0) return false;
  const belowFirst = below.words[0];
  return (
    line.right <= gaps[0].left &&
    belowFirst.box.right <= gaps[0].left &&
    Math.abs(line.left - below.left) <= metrics.lineHeightPx &&
    below.top - line.bottom <= MAX_WRAPPED_LABEL_GAP_RATIO * metrics.lineHeightPx
  );
}

/** A line above the body that reads as a header line: labels over columns, no title, no paragraph. */
export function isHeaderLine(line: TextLine, below: TextLine, gaps: readonly ColumnGap[], metrics: TextMetrics): boolean {
  if (isTitleLine(line, gaps)) return false;
  const middles = gaps.map((g) => (g.left + g.right) / 2);
  const columnAt = (x: number): number => middles.filter((m) => m <= x).length;
  // Labels over two columns or more (by phrase: a sentence reaching into a column is no label).
  const columns = new Set(line.phrases.map((p) => columnAt((p.left + p.right) / 2)));
  if (line.phrases.length >= 2 && columns.size >= 2) return true;
  const phrase = line.phrases[0];
  // The top line of a wrapped label in a header whose other labels are centred on the lines below:
  // phrases each inside one column that the line below leaves empty, touching it.
  const belowColumns = new Set(below.words.map((w) => columnAt((w.box.left + w.box.right) / 2)));
  const insideOneColumn = (p: { left: number; right: number }) => !gaps.some((g) => p.left < g.left && p.right > g.right);
  if (
    below.top - line.bottom <= MAX_STACKED_LABEL_GAP_RATIO * metrics.lineHeightPx &&
    line.phrases.every((p) => insideOneColumn(p) && !belowColumns.has(columnAt((p.left + p.right) / 2)))
  ) {
    return true;
  }
  // One phrase across a column boundary but clear of the first column: a group header right above its sub-headers.
  return (
    line.phrases.length === 1 &&
    middles.length > 0 &&
    phrase.left > gaps[0].left &&
    middles.some((m) => phrase.left < m && phrase.right > m) &&
    below.top - line.bottom <= MAX_GROUP_HEADER_GAP_RATIO * metrics.lineHeightPx
  );
}
