// Is a block of aligned lines really a table? A false table is worse than a missed one: prose in
// columns, lists, key: value blocks and stray alignments are turned down here.
import type { Word } from '../types.js';
import { columnOf, type WordTable } from './table-structure.js';
import type { TextMetrics } from './text-lines.js';

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
/** At least this share of the body's cells hold text. */
const MIN_BODY_FILL_RATIO = 0.5;
/** A column whose lines mostly hold this many words or more is running text. */
const PROSE_WORDS_PER_LINE = 5;
/** …when at least this share of its lines do. */
const PROSE_LINE_SHARE = 0.5;
/** This share of first cells being list markers (1. a) • –) makes the block a list. */
const LIST_MARKER_SHARE = 0.6;
/** This share of the body's cells ending in ':' makes the block a form (label: value pairs side by side). */
const FORM_LABEL_SHARE = 0.3;
/** This share of first cells ending in ':' makes a two-column block a key: value form. */
const KEY_VALUE_SHARE = 0.5;

const LIST_MARKER = /^(?:[•·▪◦‣∙○●■□►▸✓✔*–—-]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxlcIVXLC]{1,5}[.)]|\[\d{1,3}\])$/u;

/** Why the table is not believable, or '' when it is. */
export function findWordTableProblem(table: WordTable, metrics: TextMetrics): string {
  const edges = table.columnEdges;
  const columnCount = edges.length - 1;
  if (columnCount < 2) return 'one column';
  // cells[r][c]: the words of row r in column c; lineCells: the same per line.
  const cells: Word[][][] = table.rows.map((row) => {
    const out: Word[][] = edges.slice(1).map(() => []);
    for (const line of row) for (const w of line.words) out[columnOf(w, edges)].push(w);
    return out;
  });
  const filledCount = (r: number): number => cells[r].filter((c) => c.length > 0).length;
  const structured = cells.filter((_, r) => filledCount(r) >= 2).length;
  if (structured < MIN_STRUCTURED_ROWS) return `only ${structured} rows with two or more cells`;
  if (structured < MIN_STRUCTURED_ROW_SHARE * table.rows.length) return `only ${structured} of ${table.rows.length} rows with two or more cells`;

  const body = cells.slice(table.headerRowCount);
  const bodyFilled = body.reduce((sum, row) => sum + row.filter((c) => c.length > 0).length, 0);
  if (body.length === 0 || bodyFilled < MIN_BODY_FILL_RATIO * body.length * columnCount) return 'body mostly empty';

  // Running text: columns whose lines are long phrases (two-column prose, a list's item text).
  const proseColumns: number[] = [];
  for (let c = 0; c < columnCount; c++) {
    const counts: number[] = [];
    for (const row of table.rows.slice(table.headerRowCount)) {
      for (const line of row) {
        const n = line.words.filter((w) => columnOf(w, edges) === c).length;
        if (n > 0) counts.push(n);
      }
    }
    if (counts.length > 0 && counts.filter((n) => n >= PROSE_WORDS_PER_LINE).length >= PROSE_LINE_SHARE * counts.length) proseColumns.push(c);
  }
  if (proseColumns.length >= 2) return `running text in columns ${proseColumns.join(', ')}`;

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
    const gap = gapBetween(cells, 0, 1);
    if (gap < MIN_TWO_COLUMN_GAP_RATIO * metrics.lineHeightPx) return `two columns only ${Math.round(gap)} px apart`;
  }
  return '';
}

/** The narrowest horizontal distance between the words of column a and column b (a left of b), over rows. */
function gapBetween(cells: Word[][][], a: number, b: number): number {
  const rightOfA = Math.max(...cells.flatMap((row) => row[a].map((w) => w.box.right)));
  const leftOfB = Math.min(...cells.flatMap((row) => row[b].map((w) => w.box.left)));
  return leftOfB - rightOfA;
}
