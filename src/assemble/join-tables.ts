// Tables continued across pages → one table. A long table printed over several pages comes out
// of detection as one table per page; a user wants it whole. The test is strict, because a false
// join (two different tables glued together) is worse than a missed one:
//   - the first part is the last table on its page and fills it: less room is left below it
//     than the bottom margin and a row or so (a table with room to go on would have gone on);
//   - the next part is the first table on the very next page and starts near its top;
//   - the columns match: same count, boundaries within a tolerance (in points, so DPI-free);
//   - no text stands between them (a title, a paragraph), except in the page's header and
//     footer margins, where running heads and page numbers live, and except a caption that says
//     the table goes on ("Table 3 (continued)", "续表", "Continued on next page").
// A header row the next part repeats is dropped.
import type { ExtractedCell, ExtractedTable, PageGeometry, TextBand } from '../types.js';
import { POINTS_PER_INCH } from '../measure.js';

/** What joining needs to know of each page read. */

// Column boundaries may differ by this much between the parts (points), or by this share of the
// table's width, whichever is larger.
const COLUMN_TOLERANCE_PT = 6;
const COLUMN_TOLERANCE_WIDTH_SHARE = 0.02;
// Text in the top and bottom margins (share of the page height) is a running head or a page number.
const MARGIN_SHARE = 0.07;
// Room left below the first part: at most this share of the page (its bottom margin) plus this
// many of its rows. The next part must start within this share of its page's height.
const ROOM_BELOW_MARGIN_SHARE = 0.1;
const ROOM_BELOW_ROWS = 1.5;
const NEXT_PART_STARTS_ABOVE = 0.2;
// Repeated header rows looked for at the top of the next part.
const MAX_REPEATED_HEADER_ROWS = 3;


function columnsMatch(first: ExtractedTable, next: ExtractedTable): boolean {
  if (first.columnCount !== next.columnCount || first.columnEdges.length !== next.columnEdges.length) return false;
  const a = first.columnEdges.map((x) => (x * POINTS_PER_INCH) / first.dpi);
  const b = next.columnEdges.map((x) => (x * POINTS_PER_INCH) / next.dpi);
  const width = Math.max(a[a.length - 1] - a[0], b[b.length - 1] - b[0]);
  const tolerance = Math.max(COLUMN_TOLERANCE_PT, COLUMN_TOLERANCE_WIDTH_SHARE * width);
  return a.every((x, index) => Math.abs(x - b[index]) <= tolerance);
}

// A caption or line that says the table goes on, in English, German, Spanish or Chinese.
const CONTINUES = /\b(continued|cont(inued|'d|\.)|contd\.?|fortsetzung|continuación)(?=\W|$)|续表|續表|[(（]\s*续\s*[)）]|^\s*续\s*$|续上表|接上表|续下页|接下页|转下页/iu;

/** Whether a table starting at `top` (pixels) on a page `pageHeight` tall may go on from the page before. */
export function mayBeContinuation(top: number, pageHeight: number): boolean {
  return top <= NEXT_PART_STARTS_ABOVE * pageHeight;
}

/** Whether a band of text lies in a page's header or footer margin (`pageHeight` in its pixels). */
export function inPageMargins(band: TextBand, pageHeight: number): boolean {
  const centre = (band.top + band.bottom) / 2;
  return centre <= MARGIN_SHARE * pageHeight || centre >= (1 - MARGIN_SHARE) * pageHeight;
}

/** Text between `from` and `to` (pixels) on a page, outside its margins, other than a caption saying the table goes on? */
function textBetween(page: PageGeometry, from: number, to: number): boolean {
  return page.layout.textBands.some((band) => {
    const centre = (band.top + band.bottom) / 2;
    const between = centre > from && centre < to && !inPageMargins(band, page.layout.height);
    return between && !(band.text !== undefined && CONTINUES.test(band.text));
  });
}

function canContinue(first: ExtractedTable, firstPage: PageGeometry, firstIsLast: boolean, next: ExtractedTable, nextPage: PageGeometry): boolean {
  if (!firstIsLast || next.tableIndex !== 0) return false;
  if (nextPage.pageNumber !== firstPage.pageNumber + 1) return false;
  const rowHeight = (first.box.bottom - first.box.top) / Math.max(1, first.rowCount);
  if (firstPage.layout.height - first.box.bottom > ROOM_BELOW_MARGIN_SHARE * firstPage.layout.height + ROOM_BELOW_ROWS * rowHeight) return false;
  if (!mayBeContinuation(next.box.top, nextPage.layout.height)) return false;
  if (!columnsMatch(first, next)) return false;
  return !textBetween(firstPage, first.box.bottom, firstPage.layout.height) && !textBetween(nextPage, 0, next.box.top);
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** The texts of row `row` by column ('' under merged cells); null when a cell of it spans rows. */
function rowTexts(table: ExtractedTable, row: number): string[] | null {
  const texts = new Array<string>(table.columnCount).fill('');
  for (const cell of table.cells) {
    if (cell.row > row || cell.row + cell.rowSpan <= row) continue;
    if (cell.rowSpan > 1 && cell.row !== row) return null;
    texts[cell.col] = normalise(cell.text);
  }
  return texts;
}

/** How many of `next`'s top rows repeat `first`'s top rows (its header), 0 if none. */
function repeatedHeaderRows(first: ExtractedTable, next: ExtractedTable): number {
  let count = 0;
  while (count < MAX_REPEATED_HEADER_ROWS && count < first.rowCount && count < next.rowCount - 1) {
    const a = rowTexts(first, count);
    const b = rowTexts(next, count);
    if (!a || !b || a.join('\u0000') !== b.join('\u0000') || a.every((text) => text === '')) break;
    count++;
  }
  // Merged cells spanning out of the repeated rows would be cut: keep the rows then.
  if (next.cells.some((cell) => cell.row < count && cell.row + cell.rowSpan > count)) return 0;
  return count;
}

function append(joined: ExtractedTable, next: ExtractedTable): ExtractedTable {
  const dropped = repeatedHeaderRows(joined, next);
  const firstRow = joined.rowCount;
  const shifted: ExtractedCell[] = next.cells.filter((cell) => cell.row >= dropped).map((cell) => ({ ...cell, row: cell.row - dropped + firstRow }));
  return {
    ...joined,
    rowCount: joined.rowCount + next.rowCount - dropped,
    cells: [...joined.cells, ...shifted],
    continuations: [
      ...joined.continuations,
      { pageNumber: next.pageNumber, box: next.box, dpi: next.dpi, firstRow, droppedHeaderRows: dropped },
      ...next.continuations,
    ],
    // A table read partly from the text layer and partly by OCR is an OCR table (it has confidences).
    source: joined.source === 'ocr' || next.source === 'ocr' ? 'ocr' : 'text-layer',
    warnings: [...joined.warnings, ...next.warnings],
  };
}

/**
 * Joins each table with its continuation on the following pages. `tables` are in page order,
 * then reading order; `pages` describes every page that was read.
 */
export function joinContinuedTables(tables: readonly ExtractedTable[], pages: readonly PageGeometry[]): ExtractedTable[] {
  const pageByNumber = new Map(pages.map((page) => [page.pageNumber, page]));
  const lastIndexOnPage = new Map<number, number>();
  for (const table of tables) lastIndexOnPage.set(table.pageNumber, Math.max(lastIndexOnPage.get(table.pageNumber) ?? -1, table.tableIndex));
  const result: ExtractedTable[] = [];
  // The part last appended to the previous result table: its page and whether it ended its page.
  let tail: ExtractedTable | null = null;
  for (const table of tables) {
    const previous = result[result.length - 1];
    const tailPage = tail ? pageByNumber.get(tail.pageNumber) : undefined;
    const page = pageByNumber.get(table.pageNumber);
    if (previous && tail && tailPage && page && canContinue(tail, tailPage, lastIndexOnPage.get(tail.pageNumber) === tail.tableIndex, table, page)) {
      result[result.length - 1] = append(previous, table);
    } else {
      result.push(table);
    }
    tail = table;
  }
  return result;
}
