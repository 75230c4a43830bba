// End to end: the built CLI converts image-only PDFs into workbooks whose every cell is right.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFDocument, degrees } from 'pdf-lib';
import { MULTI_PAGE_DOCUMENT, TWO_TABLES_PAGE, expectedTables, makeScannedPdf, makeTextPdf, type ExpectedTable } from '../../fixtures/lib/index.ts';
import { normaliseCell, projectRoot, readGrid, readMerges, readWorkbook, runCli, sortedMerges, tableSheets } from './cli-helpers.ts';

const sampleExpected: ExpectedTable[] = JSON.parse(await readFile(path.join(projectRoot, 'fixtures/sample-scanned.expected.json'), 'utf8')).tables;

function assertTableEqual(actual: string[][], expected: ExpectedTable, label: string) {
  assert.deepEqual(actual.map((row) => row.map(normaliseCell)), expected.rows.map((row) => row.map(normaliseCell)), label);
}

describe('scanned PDF → xlsx (built CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-e2e-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every cell of the committed sample (200 DPI, noise, 0.4° skew) with 2 workers', async () => {
    const output = path.join(dir, 'sample.xlsx');
    // Run from the output folder: tesseract.js must not leave a language cache file in the working directory.
    const run = await runCli([path.join(projectRoot, 'fixtures/sample-scanned.pdf'), '-o', output, '--workers', '2'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const workbook = await readWorkbook(output);
    assert.deepEqual(
      tableSheets(workbook).map((sheet) => sheet.name),
      sampleExpected.map((table) => `p${table.pageNumber}-t${table.tableIndex + 1}`),
    );
    for (const table of sampleExpected) {
      const sheet = workbook.getWorksheet(`p${table.pageNumber}-t${table.tableIndex + 1}`)!;
      assert.equal(sheet.rowCount, table.rowCount, `rows of ${sheet.name}`);
      assert.equal(sheet.columnCount, table.columnCount, `columns of ${sheet.name}`);
      assertTableEqual(readGrid(sheet, 1, table.rowCount, table.columnCount), table, sheet.name);
      assert.deepEqual(readMerges(sheet, 1, table.rowCount, table.columnCount), sortedMerges(table), `merges of ${sheet.name}`);
    }
    assert.deepEqual(await readdir(dir), ['sample.xlsx'], 'no temporary or cache file is left');
  });

  it('reads a generated 300 DPI multi-page scan, pages selected, all tables stacked on one sheet', async () => {
    const input = path.join(dir, 'multi-300.pdf');
    await writeFile(input, await makeScannedPdf(await makeTextPdf(MULTI_PAGE_DOCUMENT), { dpi: 300, noise: 6, skewDegrees: -0.6, seed: 99 }));
    const output = path.join(dir, 'multi.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '2', '--pages', '2-end', '--sheets', 'one']);
    assert.equal(run.code, 0, run.stderr);
    const expected = expectedTables(MULTI_PAGE_DOCUMENT).filter((table) => table.pageNumber >= 2);
    assert.ok(expected.length >= 2, 'the fixture has tables after page 1');
    const workbook = await readWorkbook(output);
    assert.equal(tableSheets(workbook).length, 1);
    const sheet = tableSheets(workbook)[0];
    let row = 1;
    for (const table of expected) {
      assert.equal(sheet.getCell(row, 1).value, `Page ${table.pageNumber}, table ${table.tableIndex + 1}`);
      assertTableEqual(readGrid(sheet, row + 1, table.rowCount, table.columnCount), table, `page ${table.pageNumber} table ${table.tableIndex + 1}`);
      assert.deepEqual(readMerges(sheet, row + 1, table.rowCount, table.columnCount), sortedMerges(table));
      row += 1 + table.rowCount + 1;
    }
    assert.equal(sheet.rowCount, row - 2, 'nothing after the last table');
  });

  it('--debug-dir writes a picture per page and per OCR\'d table', async () => {
    const debugDir = path.join(dir, 'debug', 'nested');
    const run = await runCli([path.join(projectRoot, 'fixtures/sample-scanned.pdf'), '-o', path.join(dir, 'debug.xlsx'), '--pages', '2', '--debug-dir', debugDir, '--dpi', '200']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await readdir(debugDir)).sort(), ['page-2-table-1-ocr.png', 'page-2.png']);
    const png = await readFile(path.join(debugDir, 'page-2.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: the page at 200 DPI (A4 is 595 x 842 pt).
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Math.ceil((595 * 200) / 72), Math.ceil((842 * 200) / 72)]);
  });

  it('turns a page scanned sideways or upside down before reading it', async () => {
    const upright = await makeScannedPdf(await makeTextPdf([TWO_TABLES_PAGE]), { dpi: 200, noise: 3, skewDegrees: 0.2, seed: 5 });
    // Shown turned (as a scanner that fed the page sideways would store it): /Rotate on the image page.
    const turned = await PDFDocument.load(upright);
    const copies = await turned.copyPages(turned, [0, 0]);
    copies.forEach((page) => turned.addPage(page));
    turned.getPage(0).setRotation(degrees(90));
    turned.getPage(1).setRotation(degrees(180));
    turned.getPage(2).setRotation(degrees(270));
    const input = path.join(dir, 'turned.pdf');
    await writeFile(input, await turned.save());
    const output = path.join(dir, 'turned.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '2', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /page 1: turned 270° clockwise/);
    assert.match(run.stderr, /page 2: turned 180° clockwise/);
    assert.match(run.stderr, /page 3: turned 90° clockwise/);
    const workbook = await readWorkbook(output);
    const expected = expectedTables([TWO_TABLES_PAGE]);
    for (const pageNumber of [1, 2, 3]) {
      for (const table of expected) {
        const sheet = workbook.getWorksheet(`p${pageNumber}-t${table.tableIndex + 1}`)!;
        assertTableEqual(readGrid(sheet, 1, table.rowCount, table.columnCount), table, sheet.name);
      }
    }
  });
});
