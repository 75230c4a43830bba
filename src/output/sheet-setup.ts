// What a sheet needs besides its cells: an autofilter over a table's header, and print settings
// (fit to the page width, landscape for wide tables, the header rows repeated on every page).
import type ExcelJS from 'exceljs';
import type { TypedTable } from '../types.js';

/** A table's place on its sheet: the sheet row (1-based) its first grid row is written to; its first column is A. */
export interface TableOnSheet {
  table: TypedTable;
  firstRow: number;
}

/** A block of cells, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// A table whose columns are wider than this, in characters (their summed widths), prints
// landscape: a portrait A4 or Letter page holds about 90 characters of the default font at full
// size, so wider tables would be shrunk to fit its width.
const LANDSCAPE_ABOVE_WIDTH = 100;

/**
 * Print settings a sheet is created with: fit to the page width, as many pages tall as needed.
 * Given with the sheet because the streaming writer writes fitToPage (in the sheet's properties)
 * when it starts the sheet; the rest of the page setup is written when the sheet is committed.
 */
export function fitToPageWidth(): Partial<ExcelJS.PageSetup> {
  return { fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** The sheet rows holding a table's header ('1:2'); null without header rows, or when the header is the whole table. */
export function headerRowSpan({ table, firstRow }: TableOnSheet): string | null {
  if (table.headerRows <= 0 || table.headerRows >= table.rowCount) return null;
  return `${firstRow}:${firstRow + table.headerRows - 1}`;
}

/**
 * The autofilter's range: its buttons sit on the first row, the table's last header row (its
 * first row when it has none), and it reaches down to the table's last row, so that filtering
 * and sorting take in the whole table and nothing below it.
 */
export function tableFilterRange({ table, firstRow }: TableOnSheet): CellRange {
  return { top: firstRow + Math.max(1, table.headerRows) - 1, left: 1, bottom: firstRow + table.rowCount - 1, right: table.columnCount };
}

/** Orientation by width, and the header rows (of the sheet's first table) repeated on every printed page. */
export function finishPrintSetup(sheet: ExcelJS.Worksheet, first: TableOnSheet, columnsWidth: number): void {
  sheet.pageSetup.orientation = columnsWidth > LANDSCAPE_ABOVE_WIDTH ? 'landscape' : 'portrait';
  const titleRows = headerRowSpan(first);
  if (titleRows !== null) sheet.pageSetup.printTitlesRow = titleRows;
}

/** 'A' for 1, 'AA' for 27. */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `'Page 3'!A5`: a cell on a named sheet, the name quoted (and any apostrophe in it doubled). */
export function sheetReference(sheetName: string, address: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${address}`;
}

interface DefinedNameModel {
  name: string;
  localSheetId: number;
  ranges: string[];
}

/**
 * Sets autofilters and names each one's range `_xlnm._FilterDatabase`, local to its sheet, as
 * Excel does: LibreOffice shows an autofilter only where that name gives its range, and exceljs
 * writes no such name.
 */
export class SheetFilters {
  private readonly names: DefinedNameModel[] = [];

  /** `position`: the sheet's place in the workbook, 0-based. */
  set(sheet: ExcelJS.Worksheet, position: number, range: CellRange): void {
    if (range.bottom < range.top || range.right < range.left) return;
    sheet.autoFilter = { from: { row: range.top, column: range.left }, to: { row: range.bottom, column: range.right } };
    const corner = (row: number, column: number) => `$${columnLetters(column)}$${row}`;
    this.names.push({ name: '_xlnm._FilterDatabase', localSheetId: position, ranges: [sheetReference(sheet.name, `${corner(range.top, range.left)}:${corner(range.bottom, range.right)}`)] });
  }

  /**
   * Adds the names to the workbook's; call just before the workbook is committed. exceljs's own
   * defined names cannot be local to a sheet, and its writer reads only their `model`, so that is
   * what they are replaced with. Should its internals change, the names are left out: Excel
   * shows the autofilters without them.
   */
  addTo(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
    const holder = workbook as unknown as { _definedNames?: { model?: unknown } };
    const given = holder._definedNames?.model;
    if (this.names.length === 0 || !Array.isArray(given)) return;
    holder._definedNames = { model: [...(given as unknown[]), ...this.names] };
  }
}
