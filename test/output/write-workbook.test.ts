import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { OutputError } from '../../src/errors.ts';
import type { ExtractedTable, TypedTable } from '../../src/types.ts';
import { writeFileAtomically } from '../../src/output/atomic-write.ts';
import { workbookBytes, type WorkbookOptions } from '../../src/output/write-workbook.ts';
import { wrappedLineCount } from '../../src/output/row-heights.ts';
import { typeTable, type TypingOptions } from '../../src/assemble/table-values.ts';
import { SETTINGS } from '../../src/options.ts';
import type { SheetLayout } from '../../src/types.ts';
import { zipParts } from './xlsx-parts.ts';

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
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Index', 'p1-t1', 'p3-t2']);
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
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Index', 'Tables']);
    const values = sheetValues(workbook.getWorksheet('Tables')!);
    assert.deepEqual(values, [
      ['Page 1, table 1', '', ''],
      ['Quarter', '', 'Total'],
      ['Q1', '12.5', 'two\nlines'],
      ['', '', ''],
      ['Page 3, table 2', '', ''],
      ['Region', 'Sales', ''],
      ['North', '300', ''],
    ]);
    assert.equal(workbook.getWorksheet('Tables')!.getCell('B2').master.address, 'A2');
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
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Index', 'Page 1', 'Page 3']);
    const page1 = workbook.getWorksheet('Page 1')!;
    assert.equal(page1.getCell('A1').value, 'Table 1');
    assert.equal(page1.getCell('A5').value, 'Table 2');
    assert.equal(page1.getCell('A6').value, 'a');
  });

  it('the same tables give byte-identical files, whenever they are written', async () => {
    const a = await bytesOf([first, second], OPTIONS);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the 2-second resolution of zip times
    const b = await bytesOf([first, second], OPTIONS);
    assert.equal(Buffer.compare(Buffer.from(a), Buffer.from(b)), 0);
  });
});


/** A table typed as the pipeline types it, with its header rows set where a test needs them fixed. */
function typed(extracted: ExtractedTable, headerRows?: number): TypedTable {
  const typedTable = typeTable(extracted, OPTIONS);
  if (headerRows !== undefined) typedTable.headerRows = headerRows;
  return typedTable;
}

async function written(tables: TypedTable[], sheets: SheetLayout = 'per-table'): Promise<{ workbook: ExcelJS.Workbook; parts: Map<string, string> }> {
  const bytes = await workbookBytes(tables, { ...OPTIONS, sheets });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer); // a copy: an ArrayBuffer of its own
  return { workbook, parts: zipParts(bytes) };
}

/** The `_xlnm._FilterDatabase` names in workbook.xml: sheet position → range. */
function filterDatabaseNames(parts: Map<string, string>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const match of parts.get('xl/workbook.xml')!.matchAll(/<definedName name="_xlnm\._FilterDatabase" localSheetId="(\d+)">([^<]*)<\/definedName>/g)) names[match[1]] = match[2].replace(/&apos;/g, "'");
  return names;
}

const years = () => table(2, 0, [['Item', '2023', '2024'], ['Rice', '1,234.5', '(12)'], ['Tea', '12.5%', '$3.00']]);

describe('row heights for wrapped text', () => {
  it('counts explicit line breaks and the lines a text wraps to at a width', () => {
    assert.equal(wrappedLineCount('', 5), 1);
    assert.equal(wrappedLineCount('one\ntwo\nthree', 10), 3);
    assert.equal(wrappedLineCount('aa bb cc', 5), 2, 'wraps at spaces: "aa bb" / "cc"');
    assert.equal(wrappedLineCount('x'.repeat(12), 5), 3, 'a word longer than a line is broken');
    assert.equal(wrappedLineCount('中文字中文字', 4), 3, 'wide characters count two');
    assert.equal(wrappedLineCount('ab\ncd ef', 4), 3);
  });

  it('gives a row with wrapped text the height of its tallest cell, ~15 pt a line; other rows none', async () => {
    const words = Array.from({ length: 30 }, () => 'word').join(' ');
    const notes = table(1, 0, [['Name', 'Notes', 'Long'], ['A', 'one\ntwo\nthree', 'x'], ['B', 'plain', `${words}\nend`], ['C', 'x', 'y']]);
    const { workbook } = await written([typed(notes, 1)]);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.getRow(2).height, 45, 'three lines');
    // 149 characters in a column capped at 60 (58 of text): 11 + 11 + 8 words, then 'end'.
    assert.equal(sheet.getColumn(3).width, 60);
    assert.equal(sheet.getRow(3).height, 60, 'lines wrapped at the column width count too');
    for (const row of [1, 4]) assert.equal(sheet.getRow(row).height, undefined, `row ${row} has no wrapped text`);
  });

  it('shares the height a cell spanning rows needs among those rows', async () => {
    const spanning = table(1, 0, [['Group', 'Item'], ['a\nb\nc\nd', 'x'], ['', 'y'], ['e', 'z']], [[1, 0, 2, 1]]);
    const { workbook } = await written([typed(spanning, 1)]);
    const sheet = workbook.worksheets[0];
    assert.deepEqual([2, 3].map((row) => sheet.getRow(row).height), [30, 30], 'four lines over two rows');
    assert.equal(sheet.getRow(4).height, undefined);
  });

  it('measures a cell merged across columns at their summed width', async () => {
    // 'x' × 20 per column: each 22 wide; the merged cell's 40-character line fits in 44 - 2.
    const wide = table(1, 0, [['x'.repeat(20), 'x'.repeat(20)], [`${'y'.repeat(40)}\nz`, ''], ['a', 'b']], [[1, 0, 1, 2]]);
    const { workbook } = await written([typed(wide, 1)]);
    assert.equal(workbook.worksheets[0].getRow(2).height, 30);
  });
});

describe('autofilter', () => {
  it('covers the last header row, down to the table\'s last row, on a table\'s own sheet', async () => {
    const twoHeaderRows = table(1, 0, [['Sales', '', ''], ['Item', '2023', '2024'], ['Rice', '1', '2'], ['Tea', '3', '4']], [[0, 0, 1, 3]]);
    const { workbook, parts } = await written([typed(years(), 1)]);
    assert.equal(workbook.worksheets[0].autoFilter, 'A1:C3');
    assert.deepEqual(filterDatabaseNames(parts), { 0: "'p2-t1'!$A$1:$C$3" }, 'named for LibreOffice');
    assert.equal((await written([typed(twoHeaderRows, 2)])).workbook.worksheets[0].autoFilter, 'A2:C4');
    assert.equal((await written([typed(years(), 0)])).workbook.worksheets[0].autoFilter, 'A1:C3', 'no header rows: on the first row');
  });

  it('goes on the first table only of a sheet holding several', async () => {
    const { workbook, parts } = await written([typed(years(), 1), typed(table(3, 0, [['a', 'b'], ['c', 'd']]), 1)], 'one');
    assert.equal(workbook.getWorksheet('Tables')!.autoFilter, 'A2:C4', 'under its title row');
    assert.deepEqual(filterDatabaseNames(parts), { 0: "'Index'!$A$1:$H$3", 1: "'Tables'!$A$2:$C$4" });
  });
});

describe('print setup', () => {
  it('fits the width on one page, as many pages tall as needed, the header repeated on each', async () => {
    const { workbook } = await written([typed(years(), 1)]);
    const { fitToPage, fitToWidth, fitToHeight, orientation, printTitlesRow } = workbook.worksheets[0].pageSetup;
    assert.deepEqual({ fitToPage, fitToWidth, fitToHeight, orientation, printTitlesRow }, { fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'portrait', printTitlesRow: '1:1' });
    assert.equal((await written([typed(years(), 0)])).workbook.worksheets[0].pageSetup.printTitlesRow, undefined, 'no header rows, no titles');
  });

  it('prints a wide table landscape', async () => {
    const wide = table(1, 0, [Array.from({ length: 12 }, (_, col) => `Column ${col + 1}`), Array.from({ length: 12 }, () => 'value')]);
    assert.equal((await written([typed(wide, 1)])).workbook.worksheets[0].pageSetup.orientation, 'landscape');
  });

  it('repeats the first table\'s header rows, where they are on the sheet, when a sheet holds several', async () => {
    const { workbook } = await written([typed(years(), 1), typed(table(3, 0, [['a', 'b'], ['c', 'd']]), 1)], 'one');
    assert.equal(workbook.getWorksheet('Tables')!.pageSetup.printTitlesRow, '2:2', 'below the title row');
  });
});

describe('Index sheet', () => {
  const scanned = () => {
    const unsure = years();
    unsure.cells.find((cell) => cell.text === '(12)')!.confidence = 41;
    return typed(unsure, 1);
  };
  const textLayer = () => typed({ ...table(3, 1, [['Region', 'Sales'], ['North', '300']]), source: 'text-layer' }, 1);

  it('comes first and open, a row per table linking to its sheet', async () => {
    const { workbook, parts } = await written([scanned(), textLayer()]);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['Index', 'p2-t1', 'p3-t2']);
    assert.equal(workbook.views[0].activeTab, 0, 'the workbook opens on it');
    const index = workbook.getWorksheet('Index')!;
    assert.deepEqual(sheetValues(index)[0], ['Page', 'Table', 'Rows', 'Columns', 'Source', 'Mean confidence', 'Doubtful cells', 'Sheet']);
    assert.equal(index.getCell('A1').font?.bold, true);
    const [page, tableNumber, rows, columns, source, confidence, doubtful, sheet] = [1, 2, 3, 4, 5, 6, 7, 8].map((col) => index.getCell(2, col).value);
    assert.deepEqual([page, tableNumber, rows, columns, source, doubtful, sheet], [2, 1, 3, 3, 'OCR', 1, 'p2-t1']);
    assert.ok(Math.abs(Number(confidence) - 0.846) < 1e-9, `mean of eight cells at 90% and one at 41%: ${confidence}`);
    assert.equal(index.getCell(2, 6).numFmt, '0.0%');
    assert.deepEqual(sheetValues(index)[2], ['3', '2', '2', '2', 'text layer', '', '0', 'p3-t2'], 'no confidence for the text layer');
    const indexXml = parts.get('xl/worksheets/sheet1.xml')!;
    assert.match(indexXml, /<hyperlink ref="H2" location="&apos;p2-t1&apos;!A1"\/>/, 'a link within the workbook');
    assert.match(indexXml, /<hyperlink ref="H3" location="&apos;p3-t2&apos;!A1"\/>/);
    assert.equal(parts.has('xl/worksheets/_rels/sheet1.xml.rels'), false, 'not a link out of the file');
  });

  it('has a frozen, filtered header and fitted widths', async () => {
    const { workbook } = await written([scanned(), textLayer()]);
    const index = workbook.getWorksheet('Index')!;
    assert.deepEqual(index.views.map((view) => [view.state, (view as { ySplit?: number }).ySplit]), [['frozen', 1]]);
    assert.equal(index.autoFilter, 'A1:H3');
    assert.equal(index.getColumn(6).width, 'Mean confidence'.length + 2);
  });

  it('links to where each table starts on a sheet of several', async () => {
    const { parts } = await written([scanned(), typed(table(2, 1, [['a', 'b'], ['c', 'd']]), 1), textLayer()], 'per-page');
    const indexXml = parts.get('xl/worksheets/sheet1.xml')!;
    assert.match(indexXml, /<hyperlink ref="H2" location="&apos;Page 2&apos;!A1"\/>/);
    assert.match(indexXml, /<hyperlink ref="H3" location="&apos;Page 2&apos;!A6"\/>/, 'the second table\'s title row');
    assert.match(indexXml, /<hyperlink ref="H4" location="&apos;Page 3&apos;!A1"\/>/);
  });

  it('is not written for a single table', async () => {
    const { workbook } = await written([scanned()]);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p2-t1']);
  });
});
