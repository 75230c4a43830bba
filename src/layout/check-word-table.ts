// Is a block of aligned lines really a table? A false table is worse than a missed one: prose in
// columns, lists, key: value blocks and stray alignments are turned down here.
import type { Ruling, Word } from '../types.js';
import { textOf, wordsByColumn } from './columns-and-rules.js';
import { ONE_WORD_NUMBER } from './number-text.js';
import type { WordTable } from './table-structure.js';
import { type TextMetrics } from './text-lines.js';
import { CJK_CHARACTER } from '../text/scripts.js';
import { median } from '../measure.js';

/**
 * This many rules running through the middle of text lines, or along only part of the block's
 * width, make it a chart (gridlines with their tick labels); a table's group headers underline a few.
 */
const MAX_GRIDLINES = 4;
/** A rule under at most this many columns underlines them (a total, a group header), whatever their number. */
const MAX_UNDERLINED_COLUMNS = 2;
/** Rules across part of a block make it a figure when it has at most this many text lines per rule. */
const MAX_LINES_PER_GRIDLINE = 3;
/** The middle of a text line: its box less this share at the top and at the bottom. */
const TEXT_MIDDLE_MARGIN = 0.25;
/** Rule pieces at one height covering this share of the block's width together span it. */
const MIN_SPANNING_RULE_RATIO = 0.6;
/** Rules closer than this share of the line height are one rule line. */
const SAME_RULE_RATIO = 0.25;
/** A rule is inside a block when this share of its length is. */
const MIN_RULE_INSIDE_RATIO = 0.7;
/** This share of the rows holding the same text in every filled cell is a layout repeated side by side (two charts), not a table. */
const REPEATED_ROW_SHARE = 0.5;
/** A table has at least this many rows with two or more filled cells. */
const MIN_STRUCTURED_ROWS = 3;
/** …and at least this share of all rows (axis labels and legends of a chart fill one cell a row). */
const MIN_STRUCTURED_ROW_SHARE = 0.6;
/** A two-column table needs this many rows with both cells filled (a key: value pair or three is no table)… */
const MIN_TWO_COLUMN_ROWS = 5;
/** …or this many, when rules above and below bound it. */
const MIN_TWO_COLUMN_ROWS_RULED = 3;
/** …and a gap between its columns at least this many line heights wide (a list's hanging indent is narrower). */
const MIN_TWO_COLUMN_GAP_RATIO = 1.5;
/** …or a line height, when its second column holds figures (labels and their amounts, dates, account numbers). */
const MIN_FIGURES_GAP_RATIO = 1;
/** A two-column table without rules needs a column of numbers (this share of its cells)… */
const NUMERIC_SHARE = 0.6;
/** …or rows set apart by at least this many line heights (cell padding; text lines are ~0.2 apart). */
const MIN_AIRY_ROW_GAP_RATIO = 0.8;
/** At least this share of the body's cells hold text. */
const MIN_BODY_FILL_RATIO = 0.5;
/** A column whose lines mostly hold this many words or more is running text. */
const PROSE_WORDS_PER_LINE = 5;
/** …when at least this share of its lines do (also for tokens: lines of that many words this short on average). */
const PROSE_LINE_SHARE = 0.5;
/** Words of at most this many characters on average are tokens (hex bytes), not words of text. */
const MAX_TOKEN_LENGTH = 2.5;
/** This share of first cells being list markers (1. a) • –) makes the block a list. */
const LIST_MARKER_SHARE = 0.6;
/** This share of the body's cells ending in ':' makes the block a form (label: value pairs side by side). */
const FORM_LABEL_SHARE = 0.3;
/** This share of first cells ending in ':' makes a two-column block a key: value form. */
const KEY_VALUE_SHARE = 0.5;

/** A value whose visible characters are at least this share digits is a figure (`4412 0098 7731`, `1 Mar 2024 - 31 Mar 2024`); an address line (`210 Walnut Street`) is not. */
const MIN_FIGURE_DIGIT_SHARE = 0.4;

const FIGURE_CAPTION = /^(?:figure|fig\.|chart|graph|graphique|abbildung|abb\.)\s*\d/iu;
const LIST_MARKER = /^(?:[•·▪◦‣∙○●■□►▸✓✔*–—-]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,5}[.)]|\[\d{1,3}\])$/u;

/** Why the table is not believable, or '' when it is. */
export function findWordTableProblem(table: WordTable, metrics: TextMetrics, rules: readonly Ruling[]): string {
  const edges = table.columnEdges;
  const columnCount = edges.length - 1;
  if (columnCount < 2) return 'one column';
  // Gridlines of charts: rules inside the block that run along only part of it (a table's rules span it).
  const gridlines = countGridlines(table, rules, metrics.lineHeightPx);
  if (gridlines.throughText >= MAX_GRIDLINES) return `a chart (${gridlines.throughText} rules run through its text lines)`;
  // A chart has a tick label or two per gridline; a statement has many rows between its sum rules.
  const lineCount = table.rows.flat().length;
  if (gridlines.partial >= MAX_GRIDLINES && lineCount <= MAX_LINES_PER_GRIDLINE * gridlines.partial) return `a figure (${gridlines.partial} rules across part of it)`;
  // cells[r][c]: the words of row r in column c.
  const cells: Word[][][] = table.rows.map((row) => wordsByColumn(row, edges));
  const filledCount = (r: number): number => cells[r].filter((c) => c.length > 0).length;
  const structured = cells.filter((_, r) => filledCount(r) >= 2).length;
  if (structured < MIN_STRUCTURED_ROWS) return `only ${structured} rows with two or more cells`;
  if (structured < MIN_STRUCTURED_ROW_SHARE * table.rows.length) return `only ${structured} of ${table.rows.length} rows with two or more cells`;

  // Figures side by side: their captions and axis labels line up like rows, and repeat across.
  const texts = cells.map((row) => row.map(textOf).filter((t) => t !== ''));
  if (texts.some((row) => row.some((t) => FIGURE_CAPTION.test(t)))) return 'figures (a cell starts with a figure caption)';
  const repeated = texts.filter((row) => row.length >= 2 && row.every((t) => t === row[0])).length;
  if (repeated >= REPEATED_ROW_SHARE * structured) return `figures side by side (${repeated} rows repeat one text across)`;

  const body = cells.slice(table.headerRowCount);
  const bodyFilled = body.reduce((sum, row) => sum + row.filter((c) => c.length > 0).length, 0);
  if (body.length === 0 || bodyFilled < MIN_BODY_FILL_RATIO * body.length * columnCount) return 'body mostly empty';

  // Hex dumps and code listings: lines of many short tokens.
  const tokenColumns = findTokenColumns(table);
  if (tokenColumns.length > 0) return `a listing (columns ${tokenColumns.join(', ')} of short tokens)`;
  // Two or three columns of running text side by side are a page layout; a table may hold two
  // text-heavy columns beside others (codes, numbers).
  const proseColumns = findProseColumns(table);
  if (proseColumns.length >= 2 && proseColumns.length >= columnCount - 1) return `running text in columns ${proseColumns.join(', ')}`;

  const firstCells = body.map((row) => row[0]).filter((c) => c.length > 0);
  const markers = firstCells.filter((c) => c.length === 1 && LIST_MARKER.test(c[0].text)).length;
  if (firstCells.length > 0 && markers >= LIST_MARKER_SHARE * firstCells.length) return 'a list (markers in the first column)';
  // A form: labels ending in ':' in front of their values, one or several pairs a line.
  const bodyCells = body.flat().filter((c) => c.length > 0);
  const labels = bodyCells.filter((c) => c[c.length - 1].text.endsWith(':')).length;
  if (labels >= FORM_LABEL_SHARE * bodyCells.length) return 'a form (label: value pairs)';

  if (columnCount === 2) {
    if (proseColumns.length > 0) return 'two columns, one of running text';
    const both = cells.filter((row) => row[0].length > 0 && row[1].length > 0).length;
    const needed = table.ruleBounded ? MIN_TWO_COLUMN_ROWS_RULED : MIN_TWO_COLUMN_ROWS;
    if (both < needed) return `two columns, only ${both} rows with both filled`;
    const keys = firstCells.filter((c) => c[c.length - 1].text.endsWith(':')).length;
    if (keys >= KEY_VALUE_SHARE * firstCells.length) return 'a key: value block';
    const values = body.map((row) => row[1]).filter((c) => c.length > 0);
    // Figures: amounts, and account numbers, dates and periods (a key–value table in a statement).
    const numeric = values.filter((c) => isFigure(textOf(c))).length >= NUMERIC_SHARE * values.length;
    const gap = gapBetween(cells, 0, 1);
    if (gap < (numeric ? MIN_FIGURES_GAP_RATIO : MIN_TWO_COLUMN_GAP_RATIO) * metrics.lineHeightPx) return `two columns only ${Math.round(gap)} px apart`;
    // Two columns of text lines side by side (address blocks, signatures) look like a table; only
    // rules, a column of numbers or rows spaced wider than text lines tell a table.
    const ruled = table.ruleBounded || table.ruledAfter.some(Boolean);
    const rowGaps = table.rows.slice(1).map((row, i) => row[0].top - table.rows[i][table.rows[i].length - 1].bottom);
    const airy = median(rowGaps) >= MIN_AIRY_ROW_GAP_RATIO * metrics.lineHeightPx;
    if (!ruled && !numeric && !airy) return 'two columns of text lines (no rules, no numbers, single-spaced)';
  }
  return '';
}

/** A figure: one number once its spaces are gone (`1 234`, `12*`), or a text mostly of digits (account numbers, dates, periods). */
function isFigure(text: string): boolean {
  const visible = text.replace(/\s/gu, '');
  if (ONE_WORD_NUMBER.test(visible)) return true;
  return visible.length > 0 && (visible.match(/\d/gu)?.length ?? 0) >= MIN_FIGURE_DIGIT_SHARE * visible.length;
}

/** Rules at about one height (a rule drawn cell by cell comes in pieces), top to bottom. */
function ruleLines(rules: readonly Ruling[], top: number, bottom: number, tolerance: number): Ruling[][] {
  const inside = rules.filter((r) => r.position > top && r.position < bottom).sort((a, b) => a.position - b.position);
  const lines: Ruling[][] = [];
  for (const rule of inside) {
    const last = lines[lines.length - 1];
    if (last && rule.position - last[0].position <= tolerance) last.push(rule);
    else lines.push([rule]);
  }
  return lines;
}

/**
 * Chart gridlines among the rules inside a block: rule lines that run through the middle of a
 * text line (a tick label sits on its gridline; a table's rules lie between its lines), and rule
 * lines that are mostly inside the block but together cover only part of its width.
 */
/** Columns a rule runs through, its ends allowed `slackPx` past a column edge. */
function spannedColumns(rule: Ruling, edges: readonly number[], slackPx: number): number {
  const first = edges.findIndex((edge, e) => e + 1 < edges.length && rule.start >= edge - slackPx && rule.start < edges[e + 1]);
  const last = edges.findIndex((edge, e) => e + 1 < edges.length && rule.end > edge && rule.end <= edges[e + 1] + slackPx);
  return first < 0 || last < 0 ? Number.POSITIVE_INFINITY : last - first + 1;
}

function countGridlines(table: WordTable, rules: readonly Ruling[], lineHeightPx: number): { throughText: number; partial: number } {
  const edges = table.columnEdges;
  const left = edges[0];
  const right = edges[edges.length - 1];
  const textLines = table.rows.flat();
  const top = Math.min(...textLines.map((l) => l.top));
  const bottom = Math.max(...textLines.map((l) => l.bottom));
  let throughText = 0;
  let partial = 0;
  for (const group of ruleLines(rules, top, bottom, SAME_RULE_RATIO * lineHeightPx)) {
    const position = group[0].position;
    const overlaps = (r: Ruling) => Math.min(r.end, right) > Math.max(r.start, left);
    if (!group.some(overlaps)) continue;
    if (textLines.some((l) => position > l.top + TEXT_MIDDLE_MARGIN * (l.bottom - l.top) && position < l.bottom - TEXT_MIDDLE_MARGIN * (l.bottom - l.top))) throughText++;
    const length = group.reduce((sum, r) => sum + r.end - r.start, 0);
    const within = group.reduce((sum, r) => sum + Math.max(0, Math.min(r.end, right) - Math.max(r.start, left)), 0);
    // Rules each under one or two columns are a table's own: totals underlined in a statement, a group header's rule.
    const underColumns = group.every((r) => spannedColumns(r, edges, lineHeightPx) <= MAX_UNDERLINED_COLUMNS);
    if (!underColumns && within >= MIN_RULE_INSIDE_RATIO * length && within < MIN_SPANNING_RULE_RATIO * (right - left)) partial++;
  }
  return { throughText, partial };
}

/** Columns of running text: most of their lines are long phrases (two-column prose, a list's item text). */
export function findProseColumns(table: WordTable): number[] {
  const edges = table.columnEdges;
  // Per column, the word count of each line's part in it.
  const counts: number[][] = edges.slice(1).map(() => []);
  for (const row of table.rows.slice(table.headerRowCount)) {
    for (const line of row) wordsByColumn([line], edges).forEach((words, c) => words.length > 0 && counts[c].push(words.length));
  }
  const proseColumns: number[] = [];
  counts.forEach((list, c) => {
    if (list.length > 0 && list.filter((n) => n >= PROSE_WORDS_PER_LINE).length >= PROSE_LINE_SHARE * list.length) proseColumns.push(c);
  });
  return proseColumns;
}

/** Columns whose lines mostly hold many tokens of one or two characters (hex bytes, register dumps). */
function findTokenColumns(table: WordTable): number[] {
  const edges = table.columnEdges;
  const lines = edges.slice(1).map(() => ({ tokenLines: 0, lines: 0 }));
  for (const row of table.rows.slice(table.headerRowCount)) {
    for (const line of row) {
      wordsByColumn([line], edges).forEach((words, c) => {
        if (words.length === 0) return;
        lines[c].lines++;
        const meanLength = words.reduce((sum, w) => sum + [...w.text].length, 0) / words.length;
        // CJK OCR returns a word per character or two, and those are words, not a listing's tokens.
        const cjk = words.some((w) => CJK_CHARACTER.test(w.text));
        if (!cjk && words.length >= PROSE_WORDS_PER_LINE && meanLength <= MAX_TOKEN_LENGTH) lines[c].tokenLines++;
      });
    }
  }
  return lines.flatMap((l, c) => (l.lines > 0 && l.tokenLines >= PROSE_LINE_SHARE * l.lines ? [c] : []));
}

/** The narrowest horizontal distance between the words of column a and column b (a left of b), over rows. */
function gapBetween(cells: Word[][][], a: number, b: number): number {
  const rightOfA = Math.max(...cells.flatMap((row) => row[a].map((w) => w.box.right)));
  const leftOfB = Math.min(...cells.flatMap((row) => row[b].map((w) => w.box.left)));
  return leftOfB - rightOfA;
}
