// One block of aligned lines → the table's header, columns and rows, or null when it is no table.
import type { Ruling, Word } from '../types.js';
import { findColumnGaps, gapsInCoverage, lineCoverage, mergeCoverage, subtractWords, unionCoverage, type ColumnGap } from './column-gaps.js';
import type { LineBlock } from './find-line-blocks.js';
import { mergeCurrencyColumns } from './currency-columns.js';
import { withNumberPairGaps } from './number-column-pairs.js';
import { isHeaderLine, isTitleLine, isWrappedLabelAbove, labelsMostColumns } from './header-lines.js';
import { columnOf, extentOf, ruleBetween, ruleSpans, textOf, wordsByColumn } from './columns-and-rules.js';
import { isNumeric } from './number-text.js';
import { MAX_HEADER_LINES, firstNumericLine, firstRowLikeLine, numericColumnsOf } from './numeric-columns.js';
import { type TextLine, type TextMetrics } from './text-lines.js';
import { median } from '../measure.js';

/** A table found from the layout of its words. */
export interface WordTable {
  /** Inner and outer column boundaries, ascending. */
  columnEdges: number[];
  /** The table's lines grouped into rows, top to bottom. */
  rows: TextLine[][];
  /** How many of the rows are header rows. */
  headerRowCount: number;
  /** Rules (page rulings) that separate rows: rows[i] and rows[i+1] have one between them when ruledAfter[i]. */
  ruledAfter: boolean[];
  /** Whether rules bound the table above and below (booktabs, or a frame). */
  ruleBounded: boolean;
  /** Rows that are a section label between rules (a three-line table's "General Tasks"): one cell across the table. */
  sectionRows: number[];
}

/** A header line is at most this many line heights above the next table line. */
const MAX_HEADER_GAP_RATIO = 1.2;
/** A header phrase whose centre is this share of the two columns' width from their common centre is a label over both. */
const GROUP_HEADER_CENTRE_TOLERANCE = 0.1;
/** A rule bounds a table when it lies within this many line heights above its first or below its last line. */
const MAX_BOUNDING_RULE_DISTANCE_RATIO = 1.5;
/** Lines whose centres are closer than this share of the line height belong to one row (a value centred beside two label lines). */
const SAME_ROW_CENTRE_RATIO = 0.7;
/** Row spacing tells continuation lines from rows when the row gap exceeds the tightest line gap by this share of the line height. */
const INFORMATIVE_GAP_DIFFERENCE_RATIO = 0.3;
/** A trailing one-cell row this many times the median row gap below the table is a note, not a row. */
const TRAILING_NOTE_GAP_RATIO = 1.5;
/** A column gap must have words on both sides in this share of the body lines (and in 2 at least). */
const MIN_GAP_SUPPORT_RATIO = 0.25;
/** A column holds words in at least this many body lines. */
const MIN_COLUMN_LINES = 2;

/** The x range of a table, from its outer column edges. */
type Span = { left: number; right: number };

function minSupportFor(lineCount: number): number {
  return Math.min(lineCount, Math.max(2, Math.ceil(MIN_GAP_SUPPORT_RATIO * lineCount)));
}

/** Whether a header line has a gap of its own within `gap`: its labels stand apart there. */
function labelledApart(gap: ColumnGap, header: readonly TextLine[]): boolean {
  return header.some((line) => line.phrases.slice(1).some((phrase, i) => line.phrases[i].right <= gap.right && phrase.left >= gap.left));
}

/**
 * The body's column gaps. A gap few lines support (a column mostly blank or '-', one figure in it)
 * is one still where a header line has its own gap there: the header labels the columns apart.
 */
function gapsOf(body: readonly TextLine[], metrics: TextMetrics, header: readonly TextLine[] = []): ColumnGap[] {
  const gaps = findColumnGaps(body, metrics.minColumnGapPx).filter((gap) => gap.support >= minSupportFor(body.length) || (gap.support >= 1 && labelledApart(gap, header)));
  return withNumberPairGaps(gaps, body, metrics);
}

/**
 * How many lines at the top of the block are a header: lines above a rule near the top, else the
 * count whose removal reveals the most column gaps (a header cell spanning a gap hides it).
 */
function countHeaderLines(lines: readonly TextLine[], rules: readonly Ruling[], metrics: TextMetrics): number {
  const { left, right } = extentOf(lines);
  for (let k = 1; k <= Math.min(MAX_HEADER_LINES, lines.length - 2); k++) {
    if (ruleBetween(rules, lines[k - 1], lines[k], left, right)) return k;
  }
  // From the most header lines down to none, adding one line at a time to the coverage.
  const most = Math.max(0, Math.min(MAX_HEADER_LINES, lines.length - 3));
  let coverage = unionCoverage(lines.slice(most));
  let best = most;
  let bestGaps = -1;
  for (let k = most; k >= 0; k--) {
    if (k < most) coverage = mergeCoverage(coverage, lineCoverage(lines[k]));
    const body = lines.slice(k);
    const count = gapsInCoverage(coverage, body, metrics.minColumnGapPx, minSupportFor(body.length)).length;
    // Ties go to fewer header lines.
    if (count >= bestGaps) {
      best = k;
      bestGaps = count;
    }
  }
  return best;
}

function filledColumns(lines: readonly TextLine[], edges: readonly number[]): Set<number> {
  const set = new Set<number>();
  for (const line of lines) for (const word of line.words) set.add(columnOf(word, edges));
  return set;
}

/** Inner edges a phrase of the line crosses (a label spanning columns; a word space is no cell border). */
export function crossedEdges(line: TextLine, edges: readonly number[]): Set<number> {
  const crossed = new Set<number>();
  for (const phrase of line.phrases) {
    for (let e = 1; e + 1 < edges.length; e++) if (phrase.left < edges[e] && phrase.right > edges[e] && !numbersApartAt(phrase.words, edges[e])) crossed.add(e);
  }
  return crossed;
}

/** Whether the edge at `x` falls in the space between two numbers (two columns of figures set close), not inside a label. */
function numbersApartAt(words: readonly Word[], x: number): boolean {
  const before = words.filter((w) => w.box.right <= x);
  const after = words.filter((w) => w.box.left >= x);
  if (before.length + after.length !== words.length || before.length === 0 || after.length === 0) return false;
  return isNumeric(before[before.length - 1].text) && isNumeric(after[0].text);
}

/**
 * Place the inner column edges inside the body's gaps, where the header's phrases leave room. A
 * header phrase centred over the two columns beside a gap (a group label such as 'Revenue' over
 * '2020 2021') gets the edge through its middle, so that it becomes a cell spanning both.
 */
function placeEdges(gaps: readonly ColumnGap[], header: readonly TextLine[], body: readonly TextLine[], metrics: TextMetrics): number[] {
  // Whole phrases: the word spaces inside a header label are no place for a column edge.
  const phrases = header.flatMap((l) => l.phrases);
  const { left, right } = extentOf([...header, ...body]);
  const pad = Math.max(2, Math.round(metrics.wordSpacePx));
  const edges = [Math.floor(left - pad)];
  // Where each column's body text starts and ends (columns between the gaps).
  const bounds = [-Infinity, ...gaps.map((g) => (g.left + g.right) / 2), Infinity];
  const columnLeft = gaps.map(() => Infinity).concat(Infinity);
  const columnRight = gaps.map(() => -Infinity).concat(-Infinity);
  for (const line of body) {
    for (const word of line.words) {
      const c = columnOf(word, bounds);
      columnLeft[c] = Math.min(columnLeft[c], word.box.left);
      columnRight[c] = Math.max(columnRight[c], word.box.right);
    }
  }
  gaps.forEach((gap, i) => {
    const spanCentre = (columnLeft[i] + columnRight[i + 1]) / 2;
    const tolerance = GROUP_HEADER_CENTRE_TOLERANCE * (columnRight[i + 1] - columnLeft[i]);
    const group = phrases.find((p) => {
      const centre = (p.left + p.right) / 2;
      return centre > gap.left && centre < gap.right && Math.abs(centre - spanCentre) <= tolerance;
    });
    if (group) {
      edges.push(Math.round((group.left + group.right) / 2));
      return;
    }
    const pieces = subtractWords(gap, phrases);
    let best: { left: number; right: number } = gap;
    if (pieces.length > 0) best = pieces.reduce((a, b) => (b.right - b.left > a.right - a.left ? b : a));
    edges.push(Math.round((best.left + best.right) / 2));
  });
  edges.push(Math.ceil(right + pad));
  return edges;
}

/**
 * Analyse the block `lines[block.start..block.end)`: header lines, column edges from the body's
 * gaps, rows (continuation lines joined to their row), titles above and notes below trimmed.
 * `floor` is the first line index the table may extend up to (lines above belong to earlier tables).
 * Returns null when too little structure is left to be a table.
 */
export function analyseBlock(
  lines: readonly TextLine[],
  block: LineBlock,
  floor: number,
  metrics: TextMetrics,
  rules: readonly Ruling[],
): WordTable | null {
  const sectionLines = new Set(block.sections.map((index) => lines[index]));
  const start = startBelowCaption(lines, block, sectionLines, rules);
  // Section labels take no part in finding the columns and rows; they come back as rows of their own.
  const blockLines = lines.slice(start, block.end).filter((line) => !sectionLines.has(line));
  const split = splitHeader(blockLines, rules, metrics);
  if (!split) return null;
  const above = start === block.start ? lines.slice(floor, start) : [];
  const { header, body } = settleHeader(split, above, sectionLines, rules, metrics);
  const edges = mergeCurrencyColumns(placeEdges(split.gaps, header, body, metrics), body);
  const span = { left: edges[0], right: edges[edges.length - 1] };
  const headerRows = groupHeaderRows(header, edges, rules, metrics, span);
  const rows = [...headerRows, ...groupBodyRows(body, edges, rules, metrics, span.left, span.right)];
  insertSectionRows(rows, sectionLines, headerRows.length);
  dropTrailingNotes(rows, headerRows.length, edges, rules, metrics, span);
  const ruledAfter = rows.slice(1).map((row, i) => ruleBetween(rules, rows[i][rows[i].length - 1], row[0], span.left, span.right));
  const sectionRows = rows.flatMap((row, index) => (row.length === 1 && sectionLines.has(row[0]) ? [index] : []));
  return { columnEdges: edges, rows, headerRowCount: headerRows.length, ruledAfter, ruleBounded: isRuleBounded(rows, rules, metrics, span), sectionRows };
}

/**
 * Where the table starts: the block's first line, or below a caption when a top rule and a header
 * rule lie near the top of the block (what lies above the top rule is a caption).
 */
function startBelowCaption(lines: readonly TextLine[], block: LineBlock, sectionLines: ReadonlySet<TextLine>, rules: readonly Ruling[]): number {
  const extent = extentOf(lines.slice(block.start, block.end));
  const ruledAt: number[] = [];
  for (let k = block.start + 1; k < Math.min(block.end, block.start + MAX_HEADER_LINES + 2); k++) {
    if (ruleBetween(rules, lines[k - 1], lines[k], extent.left, extent.right)) ruledAt.push(k);
  }
  // …unless the rules there frame a section label: the line above them is the header.
  if (ruledAt.length >= 2 && ruledAt[1] - ruledAt[0] <= MAX_HEADER_LINES && block.end - ruledAt[1] >= 2 && !sectionLines.has(lines[ruledAt[0]])) {
    // Not where every row is ruled: then the first rule is just the first row's.
    const bodyRuled = ruleBetween(rules, lines[ruledAt[1]], lines[ruledAt[1] + 1], extent.left, extent.right);
    if (!bodyRuled) return ruledAt[0];
  }
  return block.start;
}

/** A block's lines parted into header and body, with the body's column gaps. */
interface HeaderSplit {
  header: TextLine[];
  body: TextLine[];
  gaps: ColumnGap[];
}

/** The block's header lines and the body's column gaps; null when fewer than two body lines or no gap are left. */
function splitHeader(blockLines: readonly TextLine[], rules: readonly Ruling[], metrics: TextMetrics): HeaderSplit | null {
  let headerCount = countHeaderLines(blockLines, rules, metrics);
  if (blockLines.length - headerCount < 2) return null;
  const bodyGaps = (count: number) => dropThinColumns(gapsOf(blockLines.slice(count), metrics, blockLines.slice(0, count)), blockLines.slice(count), blockLines.slice(0, count));
  let gaps = bodyGaps(headerCount);
  if (gaps.length === 0) return null;
  // Lines above the first number in a column of numbers are header lines (a header wrapped over lines).
  const columns = numericColumnsOf(blockLines, gaps);
  const numericStart = Math.min(firstNumericLine(columns), firstRowLikeLine(columns, headerCount));
  if (numericStart > headerCount && numericStart <= MAX_HEADER_LINES && blockLines.length - numericStart >= 2) {
    headerCount = numericStart;
    gaps = bodyGaps(headerCount);
  }
  return { header: blockLines.slice(0, headerCount), body: blockLines.slice(headerCount), gaps };
}

/**
 * The header without titles and paragraph tails, with header lines from `above` (the lines over
 * the block the table may reach up to, none when it starts below a caption) when no title was
 * trimmed; none at all when it sits far above the body.
 */
function settleHeader(split: HeaderSplit, above: readonly TextLine[], sectionLines: ReadonlySet<TextLine>, rules: readonly Ruling[], metrics: TextMetrics): { header: TextLine[]; body: TextLine[] } {
  let header = split.header;
  while (header.length > 0 && isTitleLine(header[0], split.gaps)) header = header.slice(1);
  let body = split.body;
  if (header.length === split.header.length) ({ header, body } = withLinesAbove(split, above, rules, metrics));
  // Header lines must hang together and sit close above the body.
  // (A section label right under the header is where the body starts.)
  const firstBody = [body[0], ...sectionLines].filter((line) => header.length === 0 || line.top > header[header.length - 1].top).reduce((a, b) => (b.top < a.top ? b : a));
  if (header.length > 0 && firstBody.top - header[header.length - 1].bottom > MAX_HEADER_GAP_RATIO * 2 * metrics.lineHeightPx) header = [];
  return { header, body };
}

/** Header lines from `above` (nearest first; single-phrase header lines are never a block's first line), and the wrapped start of the first row's label. */
function withLinesAbove(split: HeaderSplit, above: readonly TextLine[], rules: readonly Ruling[], metrics: TextMetrics): { header: TextLine[]; body: TextLine[] } {
  let { header, body } = split;
  const { gaps } = split;
  const { left: bodyLeft, right: bodyRight } = extentOf(body);
  for (let i = above.length - 1; i >= 0 && header.length < MAX_HEADER_LINES; i--) {
    const candidate = above[i];
    const below = header[0] ?? body[0];
    if (below.top - candidate.bottom > MAX_HEADER_GAP_RATIO * metrics.lineHeightPx) break;
    // A rule under the header (a header rule) is no end when the line above it labels most columns.
    if (ruleBetween(rules, candidate, below, bodyLeft, bodyRight) && !(header.length === 0 && labelsMostColumns(candidate, gaps))) break;
    // The first line of the first row's label, wrapped above it: it ran into the space over the
    // figures, which broke the block there ('CASH, CASH EQUIVALENTS, … BEGINNING OF' / 'PERIOD $ 34,155').
    if (header.length === 0 && below === body[0] && isWrappedLabelAbove(candidate, below, gaps, metrics)) {
      body = [candidate, ...body];
      continue;
    }
    if (!isHeaderLine(candidate, below, gaps, metrics)) break;
    header = [candidate, ...header];
  }
  return { header, body };
}

/** Header lines joined into rows while they split the columns alike. */
function groupHeaderRows(header: readonly TextLine[], edges: readonly number[], rules: readonly Ruling[], metrics: TextMetrics, { left, right }: Span): TextLine[][] {
  const rows: TextLine[][] = [];
  for (const line of header) {
    const row = rows[rows.length - 1];
    const previous = row?.[row.length - 1];
    if (
      previous &&
      line.top - previous.bottom <= MAX_HEADER_GAP_RATIO * metrics.lineHeightPx &&
      !ruleBetween(rules, previous, line, left, right) &&
      !splitsDifferently(previous, line, edges)
    ) {
      row.push(line);
    } else {
      rows.push([line]);
    }
  }
  return rows;
}

/** Puts each section label back as a row of its own, among the body rows, where it lies. */
function insertSectionRows(rows: TextLine[][], sectionLines: ReadonlySet<TextLine>, headerRowCount: number): void {
  for (const section of sectionLines) {
    const at = rows.findIndex((row) => row[0].top > section.top);
    if (at >= headerRowCount) rows.splice(at, 0, [section]);
  }
}

/** Removes the notes below the table: trailing one-cell rows set apart by a rule or a wide gap. */
function dropTrailingNotes(rows: TextLine[][], headerRowCount: number, edges: readonly number[], rules: readonly Ruling[], metrics: TextMetrics, { left, right }: Span): void {
  const rowGaps = rows.slice(1).map((row, i) => row[0].top - rows[i][rows[i].length - 1].bottom);
  const typicalRowGap = median(rowGaps.slice(headerRowCount));
  while (rows.length - headerRowCount > 2) {
    const last = rows[rows.length - 1];
    const above = rows[rows.length - 2];
    if (filledColumns(last, edges).size > 1) break;
    const gap = last[0].top - above[above.length - 1].bottom;
    const apart = ruleBetween(rules, above[above.length - 1], last[0], left, right) || gap > TRAILING_NOTE_GAP_RATIO * Math.max(typicalRowGap, 0.2 * metrics.lineHeightPx);
    const crossesAll = last.every((l) => l.phrases.length === 1) && crossedEdges(last[0], edges).size > 0;
    if (!apart && !crossesAll) break;
    rows.pop();
  }
}

/** Whether rules bound the rows above and below, within reach of the first and the last line. */
function isRuleBounded(rows: readonly TextLine[][], rules: readonly Ruling[], metrics: TextMetrics, { left, right }: Span): boolean {
  const firstLine = rows[0][0];
  const lastRow = rows[rows.length - 1];
  const lastLine = lastRow[lastRow.length - 1];
  const reach = MAX_BOUNDING_RULE_DISTANCE_RATIO * metrics.lineHeightPx;
  const ruleAbove = rules.some((r) => r.position <= firstLine.top + 1 && r.position >= firstLine.top - reach && ruleSpans(r, left, right));
  const ruleBelow = rules.some((r) => r.position >= lastLine.bottom - 1 && r.position <= lastLine.bottom + reach && ruleSpans(r, left, right));
  return ruleAbove && ruleBelow;
}

/** Without the gaps beside columns that hold words in fewer than 2 body lines (a stray word is no column). */
function dropThinColumns(gaps: ColumnGap[], body: readonly TextLine[], header: readonly TextLine[] = []): ColumnGap[] {
  let kept = [...gaps];
  for (;;) {
    const edges = [-Infinity, ...kept.map((g) => (g.left + g.right) / 2), Infinity];
    const counts = edges.slice(1).map(() => 0);
    for (const line of body) for (const c of filledColumns([line], edges)) counts[c]++;
    // Gaps the header labels apart stay (see gapsOf); remove the narrower other gap beside a thin column.
    const droppable = (c: number) => [c - 1, c].filter((g) => g >= 0 && g < kept.length && !labelledApart(kept[g], header));
    const thin = counts.findIndex((n, c) => n < MIN_COLUMN_LINES && droppable(c).length > 0);
    if (thin < 0 || kept.length === 0) return kept;
    const drop = droppable(thin).reduce((a, b) => (kept[b].right - kept[b].left < kept[a].right - kept[a].left ? b : a));
    kept = kept.filter((_, i) => i !== drop);
  }
}

/** Whether one line spans a column edge that the other has separate text on both sides of (a group header over sub-headers). */
function splitsDifferently(a: TextLine, b: TextLine, edges: readonly number[]): boolean {
  const columnsA = filledColumns([a], edges);
  const columnsB = filledColumns([b], edges);
  const split = (columns: Set<number>, e: number) => columns.has(e - 1) && columns.has(e);
  for (const e of crossedEdges(a, edges)) if (!crossedEdges(b, edges).has(e) && split(columnsB, e)) return true;
  for (const e of crossedEdges(b, edges)) if (!crossedEdges(a, edges).has(e) && split(columnsA, e)) return true;
  return false;
}

/** Group body lines into rows: a line continues the row above when it is wrapped text of its cells. */
function groupBodyRows(body: readonly TextLine[], edges: readonly number[], rules: readonly Ruling[], metrics: TextMetrics, left: number, right: number): TextLine[][] {
  const columnCount = edges.length - 1;
  const filled = body.map((line) => filledColumns([line], edges));
  const complete = (i: number): boolean => filled[i].has(0) && filled[i].size >= 2;
  // Row spacing: the gap above lines that start a row for sure, against the tightest line gap.
  const gaps = body.map((line, i) => (i === 0 ? 0 : line.top - body[i - 1].bottom));
  const rowStartGaps = gaps.filter((_, i) => i > 0 && complete(i) && complete(i - 1));
  const rowGap = rowStartGaps.length > 0 ? median(rowStartGaps) : null;
  const minGap = Math.min(...gaps.slice(1));
  const informative = rowGap !== null && rowGap - minGap >= INFORMATIVE_GAP_DIFFERENCE_RATIO * metrics.lineHeightPx;
  const tightLimit = informative && rowGap !== null ? (rowGap + minGap) / 2 : -Infinity;
  // The right end of each column's text: a word that would have fitted there did not wrap.
  const columnRight = wordsByColumn(body, edges).map((words) => Math.max(...words.map((w) => w.box.right)));

  const rows: TextLine[][] = [];
  let rowFilled = new Set<number>();
  body.forEach((line, i) => {
    const row = rows[rows.length - 1];
    if (row && continuesRow(row, line, i)) {
      row.push(line);
      for (const c of filled[i]) rowFilled.add(c);
    } else {
      rows.push([line]);
      rowFilled = new Set(filled[i]);
    }
  });
  return rows;

  function continuesRow(row: TextLine[], line: TextLine, i: number): boolean {
    const previous = row[row.length - 1];
    if (ruleBetween(rules, previous, line, left, right)) return false;
    if (Math.abs(line.centre - previous.centre) < SAME_ROW_CENTRE_RATIO * metrics.lineHeightPx) return true;
    const rowStartIndex = body.indexOf(row[0]);
    if (complete(i) && complete(rowStartIndex)) return false;
    // A number below a number is the next row's value, not wrapped text.
    const rowWords = wordsByColumn(row, edges);
    const lineWords = wordsByColumn([line], edges);
    for (let c = 0; c < columnCount; c++) {
      if (lineWords[c].length > 0 && rowWords[c].length > 0 && isNumeric(textOf(lineWords[c]))) return false;
    }
    if (informative) return gaps[i] <= tightLimit;
    // Single-spaced rows: only text that wrapped, in columns the row already fills.
    if (filled[i].size >= columnCount) return false;
    const previousWords = wordsByColumn([previous], edges);
    // A line without the first column's key, under a row that has one, cannot start a row of its
    // own: its cells are judged by width too, one-word cells included (Senior / Engineer).
    // (A line filling half the columns or more is a row of a group whose key is above it: Fruit /
    // Apple, then Banana.)
    const keyless = !filled[i].has(0) && filled[rowStartIndex].has(0) && 2 * filled[i].size < columnCount;
    // Several cells wrapping at once must read as continued text; one may also be judged by width.
    const byWidth = filled[i].size === 1 || keyless;
    for (const c of filled[i]) {
      if (!rowFilled.has(c) || previousWords[c].length === 0) return false;
      if (!wrapsInto(previousWords[c], lineWords[c], byWidth ? columnRight[c] : Infinity, metrics, keyless)) return false;
    }
    return true;
  }
}

const CONNECTOR = /(?:[-,/&(]|\b(?:and|or|of|the|to|in|for|with|by|on|a|an))$/iu;

/**
 * Whether `next` (the words of a column on the next line) reads as the wrapped rest of `previous`:
 * it starts in lower case, `previous` ends in a connector, or its first word would not have fitted
 * after `previous` within `columnRight` (the right end of the column's text).
 */
function wrapsInto(previous: readonly Word[], next: readonly Word[], columnRight: number, metrics: TextMetrics, keyless = false): boolean {
  const first = next[0];
  if (/^[\p{Ll}(]/u.test(first.text)) return true;
  if (CONNECTOR.test(previous[previous.length - 1].text)) return true;
  // A one-word cell is no wrapped line (a column of short names is full width everywhere), unless
  // the line has no key of its own; a number never wraps into words (a heading of what follows).
  if (previous.length < 2 && !keyless) return false;
  if (keyless && isNumeric(textOf(previous))) return false;
  const previousRight = Math.max(...previous.map((w) => w.box.right));
  const firstWidth = first.box.right - first.box.left;
  return previousRight + metrics.wordSpacePx + firstWidth > columnRight;
}
