// Running the built CLI binary and reading its workbook back, for the end-to-end tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { format } from 'numfmt';
import type { ExpectedTable } from '../../fixtures/lib/index.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = path.join(projectRoot, 'bin/pdf2xlsx.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Added to the environment. */
  env?: Record<string, string>;
  /** Run as this user and group (needs root): root ignores file permissions. */
  uid?: number;
  gid?: number;
  /** Feeds the CLI's standard input (else it has none). */
  stdin?: (stream: NodeJS.WritableStream) => void;
}

/** Runs `bin/pdf2xlsx.js` with `args` (not through a TTY, so there is no progress bar). */
export function runCli(args: string[], { cwd = projectRoot, timeoutMs = 240_000, env = {}, uid, gid, stdin }: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], timeout: timeoutMs, env: { ...process.env, ...env }, uid, gid });
    if (stdin && child.stdin) stdin(child.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A cell as Excel shows it: a typed number or date formatted with its number format (by numfmt,
 * an independent implementation, en-US), text as it is. Comparing this with the PDF's text checks
 * that typing kept the text recoverable.
 */
export function displayText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return cell.numFmt ? format(cell.numFmt, value) : String(value);
  if (value instanceof Date) return format(cell.numFmt || 'yyyy-mm-dd', (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000);
  return String(value);
}

/** A sheet region as Excel shows it (see displayText), covered cells of a merge as ''. */
export function readGrid(sheet: ExcelJS.Worksheet, firstRow: number, rowCount: number, columnCount: number): string[][] {
  const rows: string[][] = [];
  for (let r = firstRow; r < firstRow + rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = sheet.getCell(r, c);
      const covered = cell.isMerged && cell.master.address !== cell.address;
      row.push(covered ? '' : displayText(cell));
    }
    rows.push(row);
  }
  return rows;
}

/** The merges of a sheet region as {row, col, rowSpan, colSpan}, relative to firstRow. */
export function readMerges(sheet: ExcelJS.Worksheet, firstRow: number, rowCount: number, columnCount: number) {
  const spans = new Map<string, { row: number; col: number; rowSpan: number; colSpan: number }>();
  for (let r = firstRow; r < firstRow + rowCount; r++) {
    for (let c = 1; c <= columnCount; c++) {
      const cell = sheet.getCell(r, c);
      if (!cell.isMerged) continue;
      const master = sheet.getCell(cell.master.address);
      const key = master.address;
      const span = spans.get(key) ?? { row: Number(master.row) - firstRow, col: Number(master.col) - 1, rowSpan: 1, colSpan: 1 };
      span.rowSpan = Math.max(span.rowSpan, r - Number(master.row) + 1);
      span.colSpan = Math.max(span.colSpan, c - Number(master.col) + 1);
      spans.set(key, span);
    }
  }
  return [...spans.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Cell text as a test compares it: OCR may read a line break inside a cell as a space. */
export const normaliseCell = (text: string) => text.replace(/\s+/g, ' ').trim();

export function sortedMerges(table: ExpectedTable) {
  return [...table.merges].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The sheets holding tables: all but the Index sheet a workbook of two or more tables opens on. */
export const tableSheets = (workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] => workbook.worksheets.filter((sheet) => sheet.name !== 'Index');
