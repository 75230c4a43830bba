import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { OutputError } from '../../src/errors.ts';
import type { ExtractedTable } from '../../src/types.ts';
import { writeWorkbook } from '../../src/xlsx/write-workbook.ts';

function table(pageNumber: number, tableIndex: number, rows: string[][], merges: [number, number, number, number][] = []): ExtractedTable {
  const covered = new Set<string>();
  for (const [row, col, rowSpan, colSpan] of merges) {
    for (let r = row; r < row + rowSpan; r++) for (let c = col; c < col + colSpan; c++) if (r !== row || c !== col) covered.add(`${r},${c}`);
  }
  const cells = rows.flatMap((cells, row) =>
    cells.flatMap((text, col) => {
      if (covered.has(`${row},${col}`)) return [];
      const merge = merges.find(([r, c]) => r === row && c === col);
      return [{ row, col, rowSpan: merge?.[2] ?? 1, colSpan: merge?.[3] ?? 1, text, confidence: 90 }];
    }),
  );
  return { pageNumber, tableIndex, rowCount: rows.length, columnCount: rows[0].length, cells, box: { left: 0, top: 0, right: 1, bottom: 1 }, dpi: 300, source: 'ocr', warnings: [] };
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
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
    assert.deepEqual(sheetValues(sheet), [['Quarter', '', 'Total'], ['Q1', '12.50', 'two\nlines']]);
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
      ['Q1', '12.50', 'two\nlines'],
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
    bad.cells.push({ row: 1, col: 1, rowSpan: 2, colSpan: 2, text: 'B', confidence: 90 });
    await writeWorkbook([bad], 'per-table', file);
    const sheet = (await readBack(file)).worksheets[0];
    assert.equal(sheet.getCell('B2').master.address, 'A1');
    assert.deepEqual((sheet.model as { merges?: string[] }).merges, ['A1:B2']);
    assert.equal(sheet.getCell('A1').value, 'A\nB', 'the overlapping cell keeps its text');
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
});
