// Tables → an xlsx file, written under a temporary name beside the output and renamed at the
// end, so a failed run never leaves a half-written workbook.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { OutputError, errorText } from '../errors.js';
import type { ExtractedTable, SheetLayout } from '../types.js';

/** `p3-t1`: page 3, first table on it. */
export function tableSheetName(table: ExtractedTable): string {
  return `p${table.pageNumber}-t${table.tableIndex + 1}`;
}

export function tableTitle(table: ExtractedTable): string {
  return `Page ${table.pageNumber}, table ${table.tableIndex + 1}`;
}

/** Writes one table with its top-left cell at (firstRow, 1), 1-based; returns the next free row. */
function writeTableAt(sheet: ExcelJS.Worksheet, table: ExtractedTable, firstRow: number): number {
  // Grids cover each position once, so merges cannot overlap; this guard keeps it so whatever the
  // grid (Excel asks to repair a workbook with overlapping merges), and keeps the text of a cell
  // that would land inside another cell's merge by adding it to that cell.
  const mergeOwner = new Map<string, ExcelJS.Cell>();
  const overlapsMerge = (row: number, col: number, rowSpan: number, colSpan: number) => {
    for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) if (mergeOwner.has(`${r},${c}`)) return true;
    return false;
  };
  const setText = (target: ExcelJS.Cell, text: string) => {
    target.value = target.value ? `${String(target.value)}\n${text}` : text;
    if (String(target.value).includes('\n')) target.alignment = { wrapText: true, vertical: 'top' };
  };
  for (const cell of table.cells) {
    const owner = mergeOwner.get(`${cell.row},${cell.col}`);
    if (owner) {
      if (cell.text !== '') setText(owner, cell.text);
      continue;
    }
    const target = sheet.getCell(firstRow + cell.row, 1 + cell.col);
    if (cell.text !== '') setText(target, cell.text);
    if ((cell.rowSpan > 1 || cell.colSpan > 1) && !overlapsMerge(cell.row, cell.col, cell.rowSpan, cell.colSpan)) {
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) mergeOwner.set(`${r},${c}`, target);
      sheet.mergeCells(firstRow + cell.row, 1 + cell.col, firstRow + cell.row + cell.rowSpan - 1, cell.col + cell.colSpan);
    }
  }
  return firstRow + table.rowCount;
}

/** Builds the workbook in memory: one sheet per table, or all tables stacked on one sheet. */
export function buildWorkbook(tables: ExtractedTable[], layout: SheetLayout): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pdf2xlsx';
  if (tables.length === 0) {
    // A workbook needs a sheet to open; say why it is empty.
    workbook.addWorksheet('No tables').getCell(1, 1).value = 'No table was found in the selected pages.';
    return workbook;
  }
  if (layout === 'per-table') {
    for (const table of tables) writeTableAt(workbook.addWorksheet(tableSheetName(table)), table, 1);
    return workbook;
  }
  const sheet = workbook.addWorksheet('Tables');
  let nextRow = 1;
  for (const table of tables) {
    const title = sheet.getCell(nextRow, 1);
    title.value = tableTitle(table);
    title.font = { bold: true };
    // Title, the table, then one blank row before the next title.
    nextRow = writeTableAt(sheet, table, nextRow + 1) + 1;
  }
  return workbook;
}

/** Writes the workbook atomically to `outputPath`. */
export async function writeWorkbook(tables: ExtractedTable[], layout: SheetLayout, outputPath: string): Promise<void> {
  const workbook = buildWorkbook(tables, layout);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  const temporaryPath = temporaryPathFor(outputPath);
  temporaryFiles.add(temporaryPath);
  try {
    await writeFile(temporaryPath, buffer);
    await rename(temporaryPath, outputPath);
    temporaryFiles.delete(temporaryPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    temporaryFiles.delete(temporaryPath);
    throw new OutputError(`cannot write ${outputPath}: ${errorText(error)}`);
  }
}

/** Temporary outputs being written now: removed by removeTemporaryFiles() if the process is interrupted. */
const temporaryFiles = new Set<string>();

/** Removes any half-written temporary output, synchronously (for a signal handler about to exit). */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) rmSync(file, { force: true });
  temporaryFiles.clear();
}

/** A hidden temporary name in the output's own folder, so the final rename stays on one file system. */
export function temporaryPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}
