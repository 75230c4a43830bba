import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { OutputError } from '../../src/errors.ts';
import type { ExtractedTable } from '../../src/types.ts';
import { writeFileAtomically } from '../../src/output/atomic-write.ts';
import { workbookBytes, type WorkbookOptions } from '../../src/output/write-workbook.ts';
import { typeTable, type TypingOptions } from '../../src/assemble/table-values.ts';
import { SETTINGS } from '../../src/options.ts';
import type { SheetLayout } from '../../src/types.ts';

const OPTIONS: WorkbookOptions & TypingOptions = { sheets: 'per-table', typing: true, decimal: 'auto', lowConfidence: SETTINGS.lowConfidence, markLowConfidence: false, borders: true };

/** The tables typed as the pipeline types them, then written. */
async function bytesOf(tables: ExtractedTable[], options: WorkbookOptions & TypingOptions): Promise<Uint8Array> {
  return workbookBytes(
    tables.map((table) => typeTable(table, options)),
    options,
  );
}

async function writeWorkbook(tables: ExtractedTable[], sheets: SheetLayout, file: string, options: Partial<WorkbookOptions & TypingOptions> = {}): Promise<void> {
  await writeFileAtomically(file, await bytesOf(tables, { ...OPTIONS, sheets, ...options }));
}

function table(pageNumber: number, tableIndex: number, rows: string[][], merges: [number, number, number, number][] = []): ExtractedTable {
  const covered = new Set<string>();
  for (const [row, col, rowSpan, colSpan] of merges) {
    for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) if (r !== row || c !== col) covered.add(`${r},${c}`);
  }
  const cells = rows.flatMap((cells, row) =>
    cells.flatMap((text, col) => {
      if (covered.has(`${row},${col}`)) return [];
      const merge = merges.find(([r, c]) => r === row && c === col);
      return [{ row, col, rowSpan: merge?.[2] ?? 1, colSpan: merge?.[3] ?? 1, text, confidence: 90, doubt: null }];
    }),
  );
  return { pageNumber, tableIndex, rowCount: rows.length, columnCount: rows[0].length, cells, box: { left: 0, top: 0, right: 1, bottom: 1 }, columnEdges: rows[0].map((_, col) => col), dpi: 300, source: 'ocr', continuations: [], warnings: [] };
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** A comment's text, read back as a string or as rich text. */
function noteText(note: ExcelJS.Cell['note']): string {
  if (note === undefined || typeof note === 'string') return note ?? '';
  return note.texts?.map((run) => run.text).join('') ?? '';
}

function sheetValues(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = sheet.getCell(r, c);
      row.push(cell.isMerged && cell.master !== cell ? '' : cell.value === null ? '' : String(cell.value));
    }
    rows.push(row);
  }
  return rows;
}

describe('writeWorkbook', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-xlsx-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const first = table(1, 0, [['Quarter', '', 'Total'], ['Q1', '12.50', 'two\nlines']], [[0, 0, 1, 2]]);
  const second = table(3, 1, [['Region', 'Sales'], ['North', '300']]);

  it('per-table: one sheet per table named pN-tM, with values and merges', async () => {
    const file = path.join(dir, 'per-table.xlsx');
    await writeWorkbook([first, second], 'per-table', file);
    const workbook = await readBack(file);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p1-t1', 'p3-t2']);
    const sheet = workbook.getWorksheet('p1-t1')!;
    assert.deepEqual(sheetValues(sheet), [['Quarter', '', 'Total'], ['Q1', '12.5', 'two\nlines']]);
    assert.equal(sheet.getCell('B2').value, 12.5, 'a number is a numeric cell');
    assert.equal(sheet.getCell('B2').numFmt, '0.00', 'formatted as written');
    assert.equal(sheet.getCell('B1').isMerged, true);
    assert.equal(sheet.getCell('B1').master.address, 'A1');
    assert.equal(sheet.getCell('C1').isMerged, false);
    assert.deepEqual(sheetValues(workbook.getWorksheet('p3-t2')!), [['Region', 'Sales'], ['North', '300']]);
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('one: all tables stacked with a title row and a blank row between', async () => {
    const file = path.join(dir, 'one.xlsx');
    await writeWorkbook([first, second], 'one', file);
    const workbook = await readBack(file);
    assert.equal(workbook.worksheets.length, 1);
    const values = sheetValues(workbook.worksheets[0]);
    assert.deepEqual(values, [
      ['Page 1, table 1', '', ''],
      ['Quarter', '', 'Total'],
      ['Q1', '12.5', 'two\nlines'],
      ['', '', ''],
      ['Page 3, table 2', '', ''],
      ['Region', 'Sales', ''],
      ['North', '300', ''],
    ]);
    assert.equal(workbook.worksheets[0].getCell('B2').master.address, 'A2');
  });

  it('never writes overlapping merges, even from an inconsistent table', async () => {
    const file = path.join(dir, 'overlap.xlsx');
    const bad = table(1, 0, [['A', '', ''], ['', '', ''], ['', '', '']], [[0, 0, 2, 2]]);
    bad.cells.push({ row: 1, col: 1, rowSpan: 2, colSpan: 2, text: 'B', confidence: 90, doubt: null });
    await writeWorkbook([bad], 'per-table', file);
    const sheet = (await readBack(file)).worksheets[0];
    assert.equal(sheet.getCell('B2').master.address, 'A1');
    assert.deepEqual((sheet.model as { merges?: string[] }).merges, ['A1:B2']);
    assert.equal(sheet.getCell('A1').value, 'A\nB', 'the overlapping cell keeps its text');
  });

  it('draws thin borders along the grid, one frame per merge, and centres merged header cells', async () => {
    const file = path.join(dir, 'borders.xlsx');
    // A two-row header whose first row is one merged heading; a body label spanning two rows.
    const grid = table(2, 0, [['Sales by region', '', ''], ['Region', '2023', '2024'], ['North', '10', '12'], ['', '11', '13']], [[0, 0, 1, 3], [2, 0, 2, 1]]);
    await writeWorkbook([grid], 'one', file);
    const sheet = (await readBack(file)).worksheets[0];
    assert.equal(sheet.getCell('A1').value, 'Page 2, table 1');
    assert.equal(sheet.getCell('A1').border?.top, undefined, 'the title row has no border');
    for (let row = 2; row <= 5; row++) {
      for (const col of ['A', 'B', 'C']) {
        const border = sheet.getCell(`${col}${row}`).border;
        for (const side of ['top', 'left', 'bottom', 'right'] as const) assert.equal(border?.[side]?.style, 'thin', `${col}${row} ${side}`);
      }
    }
    assert.equal(sheet.getCell('D3').border?.right, undefined, 'nothing outside the table');
    assert.equal(sheet.getCell('A6').border?.top, undefined, 'nothing below the table');
    assert.deepEqual(sheet.getCell('A2').alignment, { horizontal: 'center', vertical: 'middle' }, 'the merged heading is centred');
    assert.equal(sheet.getCell('A4').alignment?.vertical, 'middle', 'a body label spanning rows sits in their middle');
    assert.equal(sheet.getCell('A4').alignment?.horizontal, undefined, 'and keeps its column\'s alignment');
    assert.equal(sheet.getCell('B3').alignment, undefined, 'unmerged cells keep Excel\'s default alignment');
  });

  it('writes no borders when borders are off, and still centres merged headers', async () => {
    const file = path.join(dir, 'no-borders.xlsx');
    await writeWorkbook([first], 'per-table', file, { borders: false });
    const sheet = (await readBack(file)).worksheets[0];
    for (const address of ['A1', 'B1', 'C1', 'A2', 'B2', 'C2']) assert.equal(sheet.getCell(address).border?.top, undefined, address);
    assert.equal(sheet.getCell('A1').alignment?.horizontal, 'center');
  });

  it('writes a workbook that says so when there is no table', async () => {
    const file = path.join(dir, 'empty.xlsx');
    await writeWorkbook([], 'per-table', file);
    const workbook = await readBack(file);
    assert.equal(workbook.worksheets.length, 1);
    assert.match(String(workbook.worksheets[0].getCell('A1').value), /No table/);
  });

  it('fails with OutputError and leaves nothing behind when the folder is missing', async () => {
    const file = path.join(dir, 'missing', 'out.xlsx');
    await assert.rejects(writeWorkbook([first], 'per-table', file), OutputError);
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('header rows are bold and frozen; the body is typed, the header stays text', async () => {
    const years = table(2, 0, [['Item', '2023', '2024'], ['Rice', '1,234.5', '(12)'], ['Tea', '12.5%', '$3.00']]);
    const file = path.join(dir, 'typed.xlsx');
    await writeWorkbook([years], 'per-table', file);
    const sheet = (await readBack(file)).worksheets[0];
    assert.equal(sheet.getCell('B1').value, '2023', 'a year over a column is a label');
    assert.equal(sheet.getCell('A1').font?.bold, true);
    assert.notEqual(sheet.getCell('A2').font?.bold, true);
    assert.deepEqual(sheet.views.map((view) => [view.state, (view as { ySplit?: number }).ySplit]), [['frozen', 1]]);
    assert.equal(sheet.getCell('B2').value, 1234.5);
    assert.equal(sheet.getCell('C2').value, -12);
    assert.equal(sheet.getCell('B3').value, 0.125);
    assert.equal(sheet.getCell('C3').value, 3);
    assert.match(sheet.getCell('C3').numFmt, /\$/);
  });

  it('--no-typing keeps every cell as text', async () => {
    const file = path.join(dir, 'untyped.xlsx');
    await writeWorkbook([first], 'per-table', file, { typing: false });
    assert.equal((await readBack(file)).worksheets[0].getCell('B2').value, '12.50');
  });

  it('fits column widths to the contents, within limits', async () => {
    const wide = table(1, 0, [['ID', 'Description'], ['7', 'x'.repeat(200)], ['8', '中文字']]);
    const file = path.join(dir, 'widths.xlsx');
    await writeWorkbook([wide], 'per-table', file);
    const sheet = (await readBack(file)).worksheets[0];
    assert.equal(sheet.getColumn(1).width, 6, 'a narrow column gets the minimum');
    assert.equal(sheet.getColumn(2).width, 60, 'a long text is capped');
    await writeWorkbook([table(1, 0, [['名称'], ['中文字中文字中文字']])], 'per-table', file);
    const cjk = (await readBack(file)).worksheets[0];
    assert.equal(cjk.getColumn(1).width, 20, 'wide characters count two');
  });

  it('comments low-confidence OCR cells, and fills them with --mark-low-confidence', async () => {
    const unsure = table(1, 0, [['Name', 'Qty'], ['Widget', '17']]);
    unsure.cells.find((cell) => cell.text === '17')!.confidence = 41;
    const file = path.join(dir, 'unsure.xlsx');
    await writeWorkbook([unsure], 'per-table', file);
    const plain = (await readBack(file)).worksheets[0];
    assert.match(noteText(plain.getCell('B2').note), /confidence 41%/);
    assert.equal(plain.getCell('A2').note, undefined, 'confident cells get no comment');
    const plainFill = plain.getCell('B2').fill as ExcelJS.FillPattern | undefined;
    assert.ok(plainFill === undefined || plainFill.pattern === 'none', 'no fill without --mark-low-confidence');
    assert.equal(plain.getCell('B2').value, 17, 'text is never dropped for low confidence');
    await writeWorkbook([unsure], 'per-table', file, { markLowConfidence: true });
    const marked = (await readBack(file)).worksheets[0];
    assert.match(noteText(marked.getCell('B2').note), /confidence 41%/);
    assert.equal((marked.getCell('B2').fill as ExcelJS.FillPattern).pattern, 'solid');
  });

  it('per-page: one sheet per page with its tables stacked', async () => {
    const file = path.join(dir, 'per-page.xlsx');
    await writeWorkbook([first, table(1, 1, [['a', 'b']]), second], 'per-page', file);
    const workbook = await readBack(file);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Page 1', 'Page 3']);
    assert.equal(workbook.worksheets[0].getCell('A1').value, 'Table 1');
    assert.equal(workbook.worksheets[0].getCell('A5').value, 'Table 2');
    assert.equal(workbook.worksheets[0].getCell('A6').value, 'a');
  });

  it('the same tables give byte-identical files, whenever they are written', async () => {
    const a = await bytesOf([first, second], OPTIONS);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the 2-second resolution of zip times
    const b = await bytesOf([first, second], OPTIONS);
    assert.equal(Buffer.compare(Buffer.from(a), Buffer.from(b)), 0);
  });
});

