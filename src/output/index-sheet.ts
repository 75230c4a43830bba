// The Index sheet of a workbook with several tables: a row per table (its page, size, source and
// how sure the reading was), each linking to the table's sheet. It is the workbook's first sheet,
// and the one it opens on.
import type ExcelJS from 'exceljs';
import type { TypedTable } from '../types.js';
import { ColumnWidths } from './column-widths.js';
import { fitToPageWidth, sheetReference, type SheetFilters } from './sheet-setup.js';
import { summariseTable } from './table-summary.js';

/** Taken before any other sheet's name, so that no table's sheet can have it. */
export const INDEX_SHEET_NAME = 'Index';

/** Where a table was written: its sheet, the cell it starts at (its title on a sheet of several tables), and the link's text. */
export interface TableLocation {
  table: TypedTable;
  sheetName: string;
  address: string;
  label: string;
}

const HEADER = ['Page', 'Table', 'Rows', 'Columns', 'Source', 'Mean confidence', 'Doubtful cells', 'Sheet'];
const CONFIDENCE_FORMAT = '0.0%';
// Excel's own hyperlink style.
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };

/** Mean OCR confidence of the table's cells with text, as a fraction; null for text-layer tables (nothing was guessed). */
function meanConfidence(table: TypedTable): number | null {
  if (table.source !== 'ocr') return null;
  const mean = summariseTable(table).confidence.mean;
  return mean === null ? null : mean / 100;
}

/** Cells the reader should check: those with a comment (low confidence, a total that does not add up) or a value in doubt. */
function doubtfulCells(table: TypedTable): number {
  return table.cells.filter((cell) => cell.check !== null || cell.doubtfulValue).length;
}

/** One cell of the index: its value, the text it shows (for the column's width) and its style. */
interface IndexCell {
  value: ExcelJS.CellValue;
  shown: string;
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
}

const plain = (value: string | number): IndexCell => ({ value, shown: String(value) });

function indexRow({ table, sheetName, address, label }: TableLocation): IndexCell[] {
  const confidence = meanConfidence(table);
  return [
    plain(table.pageNumber),
    plain(table.tableIndex + 1),
    plain(table.rowCount),
    plain(table.columnCount),
    plain(table.source === 'ocr' ? 'OCR' : 'text layer'),
    confidence === null ? { value: null, shown: '' } : { value: confidence, shown: `${(confidence * 100).toFixed(1)}%`, numFmt: CONFIDENCE_FORMAT },
    plain(doubtfulCells(table)),
    { value: { text: label, hyperlink: `#${sheetReference(sheetName, address)}` }, shown: label, font: LINK_FONT },
  ];
}

/**
 * exceljs's streaming writer writes every hyperlink as an address outside the file. Excel takes a
 * '#Sheet!A1' address for a place in the workbook, but not every reader does (OnlyOffice opens it
 * as a web address), so links within the workbook are written as Excel writes them: a `location`
 * on the sheet, with no relationship. Should the writer's internals change, the links stay as
 * exceljs writes them.
 */
function writeLinksWithinWorkbook(sheet: ExcelJS.Worksheet): void {
  interface Link {
    address: string;
    target: string;
    tooltip?: string;
  }
  const rels = (sheet as unknown as { _sheetRelsWriter?: { addHyperlink?: (link: Link) => void; _hyperlinks?: Link[] } })._sheetRelsWriter;
  const written = rels?._hyperlinks;
  if (typeof rels?.addHyperlink !== 'function' || !Array.isArray(written)) return;
  const addExternal = rels.addHyperlink.bind(rels);
  rels.addHyperlink = (link) => {
    // exceljs writes a target of this shape as a location (a sheet name, '!', a cell).
    const location = link.target.startsWith('#') ? link.target.slice(1) : '';
    if (/^[^!]+![A-Z]+\d+$/.test(location)) written.push({ ...link, target: location });
    else addExternal(link);
  };
}

/**
 * Adds the Index sheet, named `name` (call before any other sheet, so that it comes first), and
 * makes it the sheet the workbook opens on.
 */
export function writeIndexSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, locations: readonly TableLocation[], filters: SheetFilters): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...fitToPageWidth(), printTitlesRow: '1:1' } });
  // The sizes are exceljs's defaults; only the active tab matters here.
  workbook.views = [{ x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  writeLinksWithinWorkbook(sheet);
  const widths = new ColumnWidths();
  const rows = [HEADER.map((text): IndexCell => ({ ...plain(text), font: { bold: true } })), ...locations.map(indexRow)];
  rows.forEach((cells, row) => {
    cells.forEach(({ value, shown, numFmt, font }, column) => {
      const cell = sheet.getCell(row + 1, column + 1);
      cell.value = value;
      if (numFmt !== undefined) cell.numFmt = numFmt;
      if (font !== undefined) cell.font = font;
      widths.note(column + 1, shown);
    });
  });
  widths.apply(sheet);
  filters.set(sheet, 0, { top: 1, left: 1, bottom: rows.length, right: HEADER.length });
  return sheet;
}
