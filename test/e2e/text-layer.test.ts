// End to end: born-digital pages are read exactly from their text layer.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VERBOSE_LINE } from '../../bench/verbose-line.ts';
import {
  CJK_PAGE,
  MERGED_PAGE,
  MIXED_DOCUMENT,
  SPANNING_PAGE,
  TWO_TABLES_PAGE,
  UNMAPPED_PAGE,
  expectedMixedTables,
  expectedTables,
  makeCjkPdf,
  makeMixedPdf,
  makeScannedPdfWithTextLayer,
  makeTextPdf,
  makeUnmappedGlyphsPdf,
  type ExpectedTable,
} from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { normaliseCell, projectRoot, readGrid, readMerges, readWorkbook, runCli, sortedMerges, tableSheets } from './cli-helpers.ts';

const sampleExpected: ExpectedTable[] = JSON.parse(await readFile(path.join(projectRoot, 'fixtures/sample-scanned.expected.json'), 'utf8')).tables;
const sampleText = path.join(projectRoot, 'fixtures/sample-text.pdf');
const sampleScanned = path.join(projectRoot, 'fixtures/sample-scanned.pdf');

/**
 * Checks every table of `expected` on its own sheet, exactly (`exact`) or as OCR may give it;
 * with `allSheets`, also that the workbook has no other sheet.
 */
export async function assertWorkbookHasTables(file: string, expected: ExpectedTable[], exact: boolean, allSheets = true) {
  const workbook = await readWorkbook(file);
  const names = expected.map((table) => `p${table.pageNumber}-t${table.tableIndex + 1}`);
  // Two or more tables: the workbook opens on an Index sheet before them.
  if (allSheets) assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), [...(names.length >= 2 ? ['Index'] : []), ...names]);
  for (const table of expected) {
    const sheet = workbook.getWorksheet(`p${table.pageNumber}-t${table.tableIndex + 1}`)!;
    const actual = readGrid(sheet, 1, table.rowCount, table.columnCount);
    const clean = (rows: string[][]) => (exact ? rows : rows.map((row) => row.map(normaliseCell)));
    assert.deepEqual(clean(actual), clean(table.rows), sheet.name);
    assert.equal(sheet.rowCount, table.rowCount);
    assert.equal(sheet.columnCount, table.columnCount);
    assert.deepEqual(readMerges(sheet, 1, table.rowCount, table.columnCount), sortedMerges(table), `merges of ${sheet.name}`);
  }
}

describe('text layer (built CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-text-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a born-digital PDF exactly from its text layer, grids from vector rulings', async () => {
    const output = path.join(dir, 'text.xlsx');
    const run = await runCli([sampleText, '-o', output, '--workers', '2', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /page 1: text layer, 2 tables from vector rulings/);
    assert.match(run.stderr, /page 2: text layer, 1 table from vector rulings/);
    assert.doesNotMatch(run.stderr, /OCR/);
    await assertWorkbookHasTables(output, sampleExpected, true);
    // Spreadsheet touches: the Index it opens on, linking each table; an autofilter on each header.
    const workbook = await readWorkbook(output);
    assert.equal(workbook.views[0]?.activeTab ?? 0, 0);
    const index = workbook.getWorksheet('Index')!;
    assert.deepEqual(readGrid(index, 1, 2, 5), [['Page', 'Table', 'Rows', 'Columns', 'Source'], ['1', '1', String(sampleExpected[0].rowCount), String(sampleExpected[0].columnCount), 'text layer']]);
    assert.equal(index.rowCount, 1 + sampleExpected.length);
    assert.match(JSON.stringify(index.getCell('H2').value), /p1-t1/);
    assert.ok(workbook.getWorksheet('p1-t1')!.autoFilter, 'an autofilter on the header row');
  });

  it('--verbose counts in words: "1 page", not "1 pages"', async () => {
    const run = await runCli([sampleText, '-o', path.join(dir, 'one-page.xlsx'), '--pages', '2', '--workers', '1', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /pdf2xlsx: 1 page, 1 table in /);
    // The bench reads its figures from this line: it stopped at "1 page" once, unnoticed.
    assert.match(run.stderr, VERBOSE_LINE);
  });

  it('draws thin borders along each grid and centres merged header cells; --no-borders leaves the borders out', async () => {
    const framed = path.join(dir, 'framed.xlsx');
    const plain = path.join(dir, 'plain.xlsx');
    assert.equal((await runCli([sampleText, '-o', framed, '--pages', '2', '--workers', '1', '-q'])).code, 0);
    assert.equal((await runCli([sampleText, '-o', plain, '--pages', '2', '--workers', '1', '-q', '--no-borders'])).code, 0);
    const sheet = (await readWorkbook(framed)).getWorksheet('p2-t1')!;
    // MERGED_HEADER_TABLE: 6 rows × 4 columns; 'Sales' spans B1:C1, 'Region' A1:A2.
    for (let row = 1; row <= 6; row++) for (let col = 1; col <= 4; col++) assert.equal(sheet.getCell(row, col).border?.left?.style, 'thin', `row ${row}, column ${col}`);
    assert.equal(sheet.getCell(7, 1).border?.top, undefined);
    assert.equal(sheet.getCell('B1').alignment?.horizontal, 'center');
    assert.equal(sheet.getCell('A1').alignment?.vertical, 'middle');
    const bare = (await readWorkbook(plain)).getWorksheet('p2-t1')!;
    assert.deepEqual(readGrid(bare, 1, 6, 4), readGrid(sheet, 1, 6, 4), 'the same values either way');
    for (let row = 1; row <= 6; row++) for (let col = 1; col <= 4; col++) assert.equal(bare.getCell(row, col).border?.left, undefined);
    assert.equal(bare.getCell('B1').alignment?.horizontal, 'center');
  });

  it('--ocr always ignores the text layer and still reads the tables', async () => {
    const output = path.join(dir, 'always.xlsx');
    const run = await runCli([sampleText, '-o', output, '--workers', '2', '--ocr', 'always', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /page 1: OCR, 2 tables from raster rulings/);
    assert.doesNotMatch(run.stderr, /text layer/);
    // The time in the OCR models comes back from the pool threads, within the OCR time.
    const figures = VERBOSE_LINE.exec(run.stderr)?.groups;
    assert.ok(figures, run.stderr);
    const inModels = Number(figures.findText) + Number(figures.classify) + Number(figures.recognize);
    assert.ok(Number(figures.recognize) > 0 && inModels <= Number(figures.ocr) + 0.02, run.stderr);
    await assertWorkbookHasTables(output, sampleExpected, false);
  });

  it('--ocr never fails clearly on a scanned page, leaving no output', async () => {
    const output = path.join(dir, 'never.xlsx');
    const run = await runCli([sampleScanned, '-o', output, '--ocr', 'never']);
    assert.equal(run.code, EXIT_CODES.inputUnreadable, run.stderr);
    assert.equal(run.stderr, 'pdf2xlsx: page 1 needs OCR: the page has no text layer; use --ocr auto to OCR such pages\n');
    await assert.rejects(readFile(output));
  });

  it('--ocr auto OCRs a scanned page and says why under --verbose', async () => {
    const output = path.join(dir, 'auto-scan.xlsx');
    const run = await runCli([sampleScanned, '-o', output, '--pages', '2', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /page 2: OCR, because the page has no text layer/);
  });
});

describe('text layer, special cases (built CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-text2-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function convert(name: string, bytes: Uint8Array, extra: string[] = []) {
    const input = path.join(dir, `${name}.pdf`);
    await writeFile(input, bytes);
    const output = path.join(dir, `${name}.xlsx`);
    const run = await runCli([input, '-o', output, '--workers', '2', '--verbose', ...extra]);
    assert.equal(run.code, 0, run.stderr);
    return { output, stderr: run.stderr };
  }

  it('divides a text item that spans several cells at the cell boundaries', async () => {
    const { output, stderr } = await convert('spanning', await makeTextPdf([SPANNING_PAGE]));
    assert.match(stderr, /page 1: text layer, 1 table from vector rulings/);
    await assertWorkbookHasTables(output, expectedTables([SPANNING_PAGE]), true);
  });

  it('reads pages shown sideways (/Rotate 90 and 270) turned so that their text reads left to right', async () => {
    const pages = [
      { ...TWO_TABLES_PAGE, rotate: 90 as const },
      { ...MERGED_PAGE, rotate: 270 as const },
    ];
    const { output, stderr } = await convert('rotated', await makeTextPdf(pages));
    assert.match(stderr, /page 1: its text runs at 90°; turned to read it/);
    assert.match(stderr, /page 2: its text runs at 270°; turned to read it/);
    // Tables in the reading order of the turned page: as if the page had no /Rotate.
    await assertWorkbookHasTables(output, expectedTables([TWO_TABLES_PAGE, MERGED_PAGE]), true);
  });

  it('reads Chinese and Japanese cells as the right Unicode characters (CID fonts, CMaps from pdfjs-dist)', async () => {
    const { output } = await convert('cjk', await makeCjkPdf());
    await assertWorkbookHasTables(output, expectedTables([CJK_PAGE]), true);
  });

  it('reads a mixed document (text page, scanned page) in page order', async () => {
    const { output, stderr } = await convert('mixed', await makeMixedPdf(MIXED_DOCUMENT));
    assert.match(stderr, /page 1: text layer, 2 tables from vector rulings/);
    assert.match(stderr, /page 2: OCR, because the page has no text layer/);
    const expected = expectedMixedTables(MIXED_DOCUMENT);
    assert.deepEqual(expected.map((table) => table.kind), ['text', 'text', 'scanned']);
    await assertWorkbookHasTables(output, expected.filter((table) => table.kind === 'text'), true, false);
    await assertWorkbookHasTables(output, expected, false);
  });

  it('OCRs a page whose glyphs have no Unicode mapping', async () => {
    const { output, stderr } = await convert('unmapped', await makeUnmappedGlyphsPdf());
    assert.match(stderr, /page 1: OCR, because its text layer is garbled \(\d+ of \d+ characters have no Unicode mapping\)/);
    // The fixture's glyphs draw as solid bars, so OCR can only find the grid, not read the text.
    const [expected] = expectedTables([UNMAPPED_PAGE]);
    const workbook = await readWorkbook(output);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1']);
    assert.equal(tableSheets(workbook)[0].columnCount <= expected.columnCount, true);
    assert.doesNotMatch(String(tableSheets(workbook)[0].getCell('A1').value ?? ''), /[\u0000-\u001f]/, 'no control characters from the text layer');
  });

  it('uses the hidden text layer of a scan when it matches the image, and OCRs when it does not', async () => {
    const matching = await convert('ocr-layer-matching', await makeScannedPdfWithTextLayer([TWO_TABLES_PAGE], 'matching'));
    assert.match(matching.stderr, /page 1: text over a page image: \d of \d sampled words OCR alike/);
    assert.match(matching.stderr, /page 1: text layer, 2 tables from raster rulings/);
    await assertWorkbookHasTables(matching.output, expectedTables([TWO_TABLES_PAGE]), true);

    const mismatched = await convert('ocr-layer-mismatched', await makeScannedPdfWithTextLayer([TWO_TABLES_PAGE], 'mismatched'));
    assert.match(mismatched.stderr, /page 1: OCR, because its text layer does not match the page image/);
    await assertWorkbookHasTables(mismatched.output, expectedTables([TWO_TABLES_PAGE]), false);
  });
});
