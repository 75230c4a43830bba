// Tables → an xlsx workbook: typed cells with number formats, merged cells (header merges
// centred), thin borders along the table's grid, bold frozen header rows, fitted column widths,
// rows as tall as their wrapped text, an autofilter on the header, print settings, and a comment
// on each cell OCR was unsure of; an Index sheet first when there are several tables. The same
// tables and options always give the same bytes.
import { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { SheetLayout, TypedTable } from '../types.js';
import { ColumnWidths } from './column-widths.js';
import { setZipEntryDates } from './fixed-zip-dates.js';
import { INDEX_SHEET_NAME, writeIndexSheet, type TableLocation } from './index-sheet.js';
import { fitRowHeights, type PlacedCell } from './row-heights.js';
import { finishPrintSetup, fitToPageWidth, headerRowSpan, SheetFilters, tableFilterRange, type TableOnSheet } from './sheet-setup.js';
import { SheetNames } from './sheet-names.js';

export interface WorkbookOptions {
  sheets: SheetLayout;
  /** Fill low-confidence cells with a colour (they get a comment either way). */
  markLowConfidence: boolean;
  /** Thin borders around every cell of a table's grid (a merged cell is one box). */
  borders: boolean;
  /** The document date written into the file (fixed, so output is reproducible). */
  documentDate?: Date;
}

// The date in the document properties and the zip entries: SOURCE_DATE_EPOCH (seconds) when the
// build sets it (the reproducible-builds convention), else 1 January 2000.
export function fixedDocumentDate(): Date {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date(Date.UTC(2000, 0, 1));
}

const LOW_CONFIDENCE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
// Values in doubt (a misread-looking number, a total that does not add up): always filled, in orange.
const DOUBTFUL_VALUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } };
// Every grid position gets all four sides: Excel and LibreOffice draw a merged cell's frame from
// the positions on its edge and hide the sides inside it, so the frame follows the merges.
const THIN_SIDE: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const GRID_BORDER: Partial<ExcelJS.Borders> = { top: THIN_SIDE, left: THIN_SIDE, bottom: THIN_SIDE, right: THIN_SIDE };

/** `p3-t1`: page 3, first table on it. */
export function tableSheetName(table: TypedTable): string {
  return `p${table.pageNumber}-t${table.tableIndex + 1}`;
}

/** "pages 3–5" for a joined table. */
function continuationNote(table: TypedTable): string {
  if (table.continuations.length === 0) return '';
  return ` (continued on page${table.continuations.length > 1 ? 's' : ''} ${table.continuations.map((part) => part.pageNumber).join(', ')})`;
}

export function tableTitle(table: TypedTable): string {
  return `Page ${table.pageNumber}, table ${table.tableIndex + 1}${continuationNote(table)}`;
}

/**
 * A merged header cell is centred over the columns it spans, as a heading reads; a merged body
 * cell (a label spanning rows) keeps the column's own alignment. Both sit in the middle of the
 * rows they span, unless wrapped text starts at the top.
 */
function mergedAlignment(inHeader: boolean, current: Partial<ExcelJS.Alignment> | undefined): Partial<ExcelJS.Alignment> {
  const alignment: Partial<ExcelJS.Alignment> = { ...current, vertical: current?.wrapText ? 'top' : 'middle' };
  if (inHeader) alignment.horizontal = 'center';
  return alignment;
}

/** Thin borders on every position of a table's grid: rows × columns from (firstRow, 1). */
function drawGridBorders(sheet: ExcelJS.Worksheet, firstRow: number, rowCount: number, columnCount: number): void {
  for (let row = 0; row < rowCount; row++) for (let col = 0; col < columnCount; col++) sheet.getCell(firstRow + row, 1 + col).border = GRID_BORDER;
}

/**
 * Writes one table with its top-left cell at (firstRow, 1), 1-based. Each cell written is added
 * to `placed` with the rows and columns it covers, for the row heights.
 */
function writeTableAt(sheet: ExcelJS.Worksheet, { table, firstRow }: TableOnSheet, widths: ColumnWidths, placed: PlacedCell[], options: WorkbookOptions): void {
  // Grids cover each position once, so merges cannot overlap; this guard keeps it so whatever the
  // grid (Excel asks to repair a workbook with overlapping merges), and keeps the text of a cell
  // that would land inside another cell's merge by adding it to that cell.
  const mergeOwner = new Map<string, ExcelJS.Cell>();
  const overlapsMerge = (row: number, col: number, rowSpan: number, colSpan: number) => {
    for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) if (mergeOwner.has(`${r},${c}`)) return true;
    return false;
  };
  const appendText = (target: ExcelJS.Cell, text: string) => {
    target.value = target.value !== null && target.value !== undefined && target.value !== '' ? `${String(target.value)}\n${text}` : text;
    if (String(target.value).includes('\n')) target.alignment = { ...target.alignment, wrapText: true, vertical: target.alignment?.vertical ?? 'top' };
  };
  for (const cell of table.cells) {
    const owner = mergeOwner.get(`${cell.row},${cell.col}`);
    if (owner) {
      if (cell.text !== '') appendText(owner, cell.text);
      continue;
    }
    const target = sheet.getCell(firstRow + cell.row, 1 + cell.col);
    const place: PlacedCell = { cell: target, row: firstRow + cell.row, col: 1 + cell.col, rowSpan: 1, colSpan: 1 };
    placed.push(place);
    const value = table.values[cell.row][cell.col];
    if (value.kind === 'text') {
      if (cell.text !== '') appendText(target, cell.text);
    } else {
      target.value = value.value;
      target.numFmt = value.numFmt;
    }
    if (cell.colSpan === 1) widths.note(1 + cell.col, cell.text);
    if (cell.row < table.headerRows) target.font = { bold: true };
    if (cell.check) {
      target.note = cell.check;
      if (cell.doubtfulValue) target.fill = DOUBTFUL_VALUE_FILL;
      else if (options.markLowConfidence) target.fill = LOW_CONFIDENCE_FILL;
    }
    if ((cell.rowSpan > 1 || cell.colSpan > 1) && !overlapsMerge(cell.row, cell.col, cell.rowSpan, cell.colSpan)) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) mergeOwner.set(`${r},${c}`, target);
      sheet.mergeCells(firstRow + cell.row, 1 + cell.col, firstRow + cell.row + cell.rowSpan - 1, cell.col + cell.colSpan);
      place.rowSpan = cell.rowSpan;
      place.colSpan = cell.colSpan;
      target.alignment = mergedAlignment(cell.row < table.headerRows, target.alignment);
    }
  }
  if (options.borders) drawGridBorders(sheet, firstRow, table.rowCount, table.columnCount);
}

/** A table's place on its sheet, with the row of its title above it on a sheet of several tables. */
interface PlacedTable extends TableOnSheet {
  titleRow: number | null;
}

/** A sheet to write: its name, its tables and, on a sheet of several, the title over each. */
interface SheetPlan {
  name: string;
  tables: PlacedTable[];
  title: ((table: TypedTable) => string) | null;
}

/** Tables stacked on one sheet, each under a bold title row, a blank row between them. */
function stackedSheet(name: string, tables: readonly TypedTable[], title: (table: TypedTable) => string): SheetPlan {
  let nextRow = 1;
  const placed = tables.map((table) => {
    const place = { table, titleRow: nextRow, firstRow: nextRow + 1 };
    nextRow += table.rowCount + 2;
    return place;
  });
  return { name, tables: placed, title };
}

/**
 * The sheets and where each table goes on them, all decided before anything is written: the
 * Index sheet, written first, links to every table's place.
 */
function planSheets(tables: readonly TypedTable[], layout: SheetLayout, names: SheetNames): SheetPlan[] {
  if (layout === 'per-table') return tables.map((table) => ({ name: names.take(tableSheetName(table)), tables: [{ table, titleRow: null, firstRow: 1 }], title: null }));
  if (layout === 'per-page') {
    const pageNumbers = [...new Set(tables.map((table) => table.pageNumber))];
    return pageNumbers.map((pageNumber) =>
      stackedSheet(
        names.take(`Page ${pageNumber}`),
        tables.filter((table) => table.pageNumber === pageNumber),
        (table) => `Table ${table.tableIndex + 1}${continuationNote(table)}`,
      ),
    );
  }
  return [stackedSheet(names.take('Tables'), tables, tableTitle)];
}

/** Where the Index links to: a table's own sheet, or the title of a table on a sheet of several. */
function tableLocations(plans: readonly SheetPlan[]): TableLocation[] {
  return plans.flatMap(({ name, tables }) =>
    tables.map(({ table, titleRow }) => {
      const address = `A${titleRow ?? 1}`;
      return { table, sheetName: name, address, label: titleRow === null ? name : `${name}!${address}` };
    }),
  );
}

/**
 * Writes a planned sheet: its tables, fitted widths and row heights, an autofilter and print
 * settings. `position` is its place in the workbook (0-based).
 */
function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, plan: SheetPlan, position: number, filters: SheetFilters, options: WorkbookOptions): ExcelJS.Worksheet {
  const first = plan.tables[0];
  // A table's own sheet keeps its header in view while scrolling (not when it is the whole
  // table). Views are given with the sheet: the streaming writer writes them first.
  const frozen = plan.title === null && headerRowSpan(first) !== null;
  const views: Partial<ExcelJS.WorksheetView>[] = frozen ? [{ state: 'frozen', ySplit: first.table.headerRows }] : [];
  const sheet = workbook.addWorksheet(plan.name, { views, pageSetup: fitToPageWidth() });
  const widths = new ColumnWidths();
  const placed: PlacedCell[] = [];
  for (const place of plan.tables) {
    if (plan.title !== null && place.titleRow !== null) {
      const titleCell = sheet.getCell(place.titleRow, 1);
      titleCell.value = plan.title(place.table);
      titleCell.font = { bold: true };
    }
    writeTableAt(sheet, place, widths, placed, options);
  }
  widths.apply(sheet);
  fitRowHeights(sheet, placed, widths);
  // Excel allows one autofilter per sheet: on a sheet of several tables it goes on the first.
  filters.set(sheet, position, tableFilterRange(first));
  const columns = Math.max(...plan.tables.map(({ table }) => table.columnCount));
  finishPrintSetup(sheet, first, widths.widthOfColumns(1, columns));
  return sheet;
}

/**
 * Adds the sheets to `workbook`: one per table, per page, or all tables on one sheet, after an
 * Index sheet when there are several tables. Each is committed once complete.
 */
async function addSheets(workbook: ExcelJS.stream.xlsx.WorkbookWriter, tables: readonly TypedTable[], options: WorkbookOptions): Promise<void> {
  const compressed = whenCompressed(workbook);
  const finish = async (sheet: ExcelJS.Worksheet) => {
    sheet.commit();
    await compressed();
  };
  workbook.creator = 'pdf2xlsx';
  workbook.lastModifiedBy = 'pdf2xlsx';
  workbook.created = workbook.modified = options.documentDate ?? fixedDocumentDate();
  const names = new SheetNames();
  if (tables.length === 0) {
    // A workbook needs a sheet to open; say why it is empty.
    const sheet = workbook.addWorksheet(names.take('No tables'));
    sheet.getCell(1, 1).value = 'No table was found in the selected pages.';
    await finish(sheet);
    return;
  }
  // Its name is taken first, so that no table's sheet can be named like it.
  const indexName = tables.length > 1 ? names.take(INDEX_SHEET_NAME) : null;
  const plans = planSheets(tables, options.sheets, names);
  const filters = new SheetFilters();
  if (indexName !== null) await finish(writeIndexSheet(workbook, indexName, tableLocations(plans), filters));
  const firstPosition = indexName === null ? 0 : 1;
  for (const [index, plan] of plans.entries()) await finish(writeSheet(workbook, plan, firstPosition + index, filters, options));
  filters.addTo(workbook);
}

// Only the streaming writer, not exceljs's index: that also loads the readers (unzipper and its
// dependencies, fast-csv), 0.37 s of a single-core run's start against 0.18 s for the writer
// alone (measured, exceljs 4.4.0; the package has no exports map, and the lockfile pins it).
const importExcelJs = async (): Promise<{ WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter }> =>
  ({ WorkbookWriter: (await import('exceljs/lib/stream/xlsx/workbook-writer.js')).default });
let excelJsLoading: ReturnType<typeof importExcelJs> | null = null;

/**
 * Loads exceljs's writer (once). Not at start-up: --help and every run would pay for it before the
 * first page. The pipeline starts the load once the pool is busy (see prepareWriter), so with more
 * than one worker it does not add to the write either.
 */
export function loadExcelJs(): ReturnType<typeof importExcelJs> {
  excelJsLoading ??= importExcelJs();
  return excelJsLoading;
}

/**
 * The workbook's bytes: the same for the same tables and options. Written with exceljs's
 * streaming writer, each sheet compressed as soon as it is complete, so the memory it takes is
 * one sheet's, not the whole workbook's: the in-memory writer held every sheet's XML at once
 * (measured for 1036 tables: the write's peak RSS +86 MB before, +41 MB now; it grew with the
 * page count).
 */
export async function workbookBytes(tables: readonly TypedTable[], options: WorkbookOptions): Promise<Uint8Array> {
  const documentDate = options.documentDate ?? fixedDocumentDate();
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const finished = new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject));
  const { WorkbookWriter } = await loadExcelJs();
  const workbook = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  await addSheets(workbook, tables, { ...options, documentDate });
  await workbook.commit();
  await finished;
  const bytes = new Uint8Array(Buffer.concat(chunks));
  setZipEntryDates(bytes, documentDate);
  return bytes;
}

interface ZipProgress {
  entries: { total: number; processed: number };
}

/**
 * Waits until the writer's zip archive (archiver) has compressed every entry added so far: a
 * committed sheet's XML waits in memory until then, so without this wait every sheet's XML would
 * queue up in front of the archive. A sheet's entry is added with the sheet and compressed once
 * the sheet is committed, so after a commit at least one more progress event comes.
 */
function whenCompressed(workbook: ExcelJS.stream.xlsx.WorkbookWriter): () => Promise<void> {
  const zip = (workbook as unknown as { zip?: NodeJS.EventEmitter }).zip;
  if (typeof zip?.on !== 'function') return async () => undefined;
  const waiting: Array<() => void> = [];
  const wakeAll = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  zip.on('progress', (progress: ZipProgress) => {
    if (progress.entries.processed >= progress.entries.total) wakeAll();
  });
  // The error itself reaches the caller through workbook.commit().
  zip.on('error', wakeAll);
  return () => new Promise<void>((resolve) => waiting.push(resolve));
}
