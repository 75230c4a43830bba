// End to end: what the workbook looks like to a spreadsheet user (typed cells, tables joined
// across pages), the other output formats, the run report, and byte-identical reruns.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeContinuedTableDocument, makeScannedPdf, makeTextPdf, makeTotalsDocument } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { readGrid, readWorkbook, runCli, tableSheets } from './cli-helpers.ts';

const HEADER = ['Date', 'Description', 'Amount', 'Balance'];

describe('output modes', () => {
  let dir: string;
  const pdf = (name: string) => path.join(dir, name);
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-modes-'));
    for (const variant of ['continued', 'different', 'titled', 'captioned'] as const) {
      await writeFile(pdf(`${variant}.pdf`), await makeTextPdf(makeContinuedTableDocument(variant)));
    }
    await writeFile(pdf('continued-scan.pdf'), await makeScannedPdf(await readFile(pdf('continued.pdf')), { dpi: 200, noise: 3, skewDegrees: 0.2, seed: 5 }));
    await writeFile(pdf('captioned-scan.pdf'), await makeScannedPdf(await readFile(pdf('captioned.pdf')), { dpi: 200, noise: 3, skewDegrees: 0.2, seed: 6 }));
    await writeFile(pdf('titled-scan.pdf'), await makeScannedPdf(await readFile(pdf('titled.pdf')), { dpi: 200, noise: 3, skewDegrees: 0.2, seed: 7 }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('joins a table continued on the next page into one sheet, dropping the repeated header', async () => {
    const out = pdf('continued.xlsx');
    const run = await runCli([pdf('continued.pdf'), '-o', out, '--workers', '2']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(out);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1']);
    const sheet = tableSheets(workbook)[0];
    const rows = readGrid(sheet, 1, 39, 4);
    assert.deepEqual(rows[0], HEADER);
    assert.equal(rows.filter((row) => row[0] === 'Date').length, 1, 'the repeated header row is dropped');
    assert.deepEqual(rows[1], ['2024-03-01', 'Payment 1', '0.00', '1000.00']);
    assert.deepEqual(rows[37], ['2024-03-09', 'Payment 37', '332.68', '1396.00'], 'the last row of page 2 ends the table');
    assert.deepEqual(rows[38], ['', '', '', '']);
    // Typed: the amounts are numbers, the dates dates, the header bold and frozen.
    assert.equal(sheet.getCell('C3').value, 37.13);
    assert.ok(sheet.getCell('A2').value instanceof Date);
    assert.equal(sheet.getCell('A1').font?.bold, true);
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
  });

  it('joins a table that goes on under a "(continued)" caption', async () => {
    const out = pdf('captioned.xlsx');
    const run = await runCli([pdf('captioned.pdf'), '-o', out, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(out);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1']);
    const rows = readGrid(tableSheets(workbook)[0], 1, 39, 4);
    assert.equal(rows.filter((row) => row[0] === 'Date').length, 1, 'the repeated header row is dropped');
    assert.deepEqual(rows[37], ['2024-03-09', 'Payment 37', '332.68', '1396.00']);
  });

  it('checks totals: a total 100 off its items gets a comment and a fill; totals that add up get none', async () => {
    const notes = async (variant: 'adds-up' | 'off-by-100') => {
      await writeFile(pdf(`totals-${variant}.pdf`), await makeTextPdf(makeTotalsDocument(variant)));
      const out = pdf(`totals-${variant}.xlsx`);
      const report = pdf(`totals-${variant}.json`);
      const run = await runCli([pdf(`totals-${variant}.pdf`), '-o', out, '--report', report, '--workers', '1']);
      assert.equal(run.code, EXIT_CODES.success, run.stderr);
      const workbook = await readWorkbook(out);
      const found: { sheet: string; address: string; note: string; filled: boolean }[] = [];
      for (const sheet of tableSheets(workbook)) {
        sheet.eachRow((row) => row.eachCell((cell) => {
          if (!cell.note) return;
          const note = typeof cell.note === 'string' ? cell.note : cell.note.texts?.map((part) => part.text).join('') ?? '';
          found.push({ sheet: sheet.name, address: cell.address, note, filled: (cell.fill as { fgColor?: unknown } | undefined)?.fgColor !== undefined });
        }));
      }
      return { found, checks: JSON.parse(await readFile(report, 'utf8')).checks };
    };
    const good = await notes('adds-up');
    assert.deepEqual(good.found, []);
    assert.deepEqual(good.checks, { totalsChecked: 4, totalsNotAddingUp: 0, doubtfulValues: 0 }, 'two statement totals, the invoice subtotal and total due');
    const off = await notes('off-by-100');
    assert.equal(off.found.length, 1);
    assert.equal(off.found[0].address, 'B6');
    assert.match(off.found[0].note, /does not add up.*sum to 65,646\.05, 100 less than the total/);
    assert.equal(off.found[0].filled, true);
    assert.deepEqual(off.checks, { totalsChecked: 4, totalsNotAddingUp: 1, doubtfulValues: 1 });
  });

  it('joins the same table on a scan', async () => {
    const out = pdf('continued-scan.json');
    const run = await runCli([pdf('continued-scan.pdf'), '-o', out, '--workers', '2', '--format', 'json']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const document = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(document.tables.length, 1);
    const [table] = document.tables;
    assert.deepEqual(table.pages, [1, 2]);
    assert.equal(table.rows, 38);
    assert.equal(table.source, 'ocr');
    assert.equal(table.continuations[0].droppedHeaderRows, 1);
  });

  it('on a scan, joins the table under its "(continued)" caption, and keeps the titled one apart', async () => {
    for (const [variant, tables] of [['captioned', 1], ['titled', 2]] as const) {
      const out = pdf(`${variant}-scan.json`);
      const run = await runCli([pdf(`${variant}-scan.pdf`), '-o', out, '--workers', '1', '--format', 'json']);
      assert.equal(run.code, EXIT_CODES.success, run.stderr);
      assert.equal(JSON.parse(await readFile(out, 'utf8')).tables.length, tables, variant);
    }
  });

  it('keeps two different tables on consecutive pages apart', async () => {
    for (const variant of ['different', 'titled']) {
      const out = pdf(`${variant}.xlsx`);
      const run = await runCli([pdf(`${variant}.pdf`), '-o', out, '--workers', '1']);
      assert.equal(run.code, EXIT_CODES.success, run.stderr);
      const workbook = await readWorkbook(out);
      assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1', 'p2-t1'], variant);
      assert.equal(tableSheets(workbook)[0].rowCount, 30, variant);
    }
  });

  it('--no-join keeps the parts apart', async () => {
    const out = pdf('no-join.xlsx');
    const run = await runCli([pdf('continued.pdf'), '-o', out, '--no-join', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.deepEqual(tableSheets(await readWorkbook(out)).map((sheet) => sheet.name), ['p1-t1', 'p2-t1']);
  });

  it('two runs on the same input write byte-identical workbooks', async () => {
    const first = pdf('same-1.xlsx');
    const second = pdf('same-2.xlsx');
    assert.equal((await runCli([pdf('different.pdf'), '-o', first, '--workers', '1'])).code, EXIT_CODES.success);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have a 2-second resolution
    assert.equal((await runCli([pdf('different.pdf'), '-o', second, '--workers', '2'])).code, EXIT_CODES.success);
    assert.equal(Buffer.compare(await readFile(first), await readFile(second)), 0);
  });

  it('--format csv writes one file per table into a folder, or a single table to stdout', async () => {
    const folder = pdf('csv-out/nested');
    const run = await runCli([pdf('different.pdf'), '-o', folder, '--format', 'csv', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    // The marker, written last, tells --skip-existing the folder is complete.
    assert.deepEqual((await readdir(folder)).sort(), ['.pdf2xlsx-complete', 'p1-t1.csv', 'p2-t1.csv']);
    const branches = await readFile(path.join(folder, 'p2-t1.csv'), 'utf8');
    assert.equal(branches, 'Code,Branch,Phone\r\nA1,Hamburg,555-0101\r\nB2,Venice,555-0102\r\n');
    const single = await runCli([pdf('different.pdf'), '-o', '-', '--format', 'csv', '--pages', '2', '--workers', '1']);
    assert.equal(single.code, EXIT_CODES.success, single.stderr);
    assert.equal(single.stdout, branches);
  });

  it('writes the format the output is named for: one CSV file for out.csv, JSON for out.json; a contradicting --format is refused', async () => {
    const csv = pdf('named.csv');
    const run = await runCli([pdf('different.pdf'), '-o', csv, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const text = await readFile(csv, 'utf8');
    assert.ok(text.endsWith('Code,Branch,Phone\r\nA1,Hamburg,555-0101\r\nB2,Venice,555-0102\r\n'), text);
    assert.match(run.stderr, /2 tables were written to .*named\.csv one after another/);
    const json = pdf('named.json');
    assert.equal((await runCli([pdf('different.pdf'), '-o', json, '--workers', '1'])).code, EXIT_CODES.success);
    assert.equal(JSON.parse(await readFile(json, 'utf8')).tables.length, 2);
    const clash = await runCli([pdf('different.pdf'), '-o', pdf('clash.csv'), '--format', 'json']);
    assert.equal(clash.code, EXIT_CODES.usage);
    assert.match(clash.stderr, /--format json does not match the output/);
    await assert.rejects(stat(pdf('clash.csv')));
  });

  it('escapes formula-looking text in CSV (not in xlsx, which holds it as text); --csv-raw keeps it exact', async () => {
    const risky = ['=HYPERLINK("http://x","y")', '=1+1', '@SUM(A1)', "+cmd|' /C calc'!A0"];
    const rows = [['Cell', 'Amount'], ...risky.map((text, index) => [text, ['-2', '+3.5', '12', '-0.5'][index]])];
    const input = pdf('formulas.pdf');
    await writeFile(input, await makeTextPdf([{ tables: [{ table: { rows } }] }]));
    const csv = await runCli([input, '-o', '-', '--format', 'csv', '-q']);
    assert.equal(csv.code, 0, csv.stderr);
    const quoted = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const expected = (escape: boolean) => rows.map(([cell, amount], index) => `${index > 0 && escape ? quoted(`'${cell}`) : quoted(cell)},${amount}\r\n`).join('');
    assert.equal(csv.stdout, expected(true));
    const raw = await runCli([input, '-o', '-', '--format', 'csv', '--csv-raw', '-q']);
    assert.equal(raw.stdout, expected(false));
    const xlsx = pdf('formulas.xlsx');
    assert.equal((await runCli([input, '-o', xlsx, '-q'])).code, 0);
    const sheet = tableSheets(await readWorkbook(xlsx))[0];
    risky.forEach((text, index) => {
      const cell = sheet.getCell(index + 2, 1);
      assert.equal(cell.value, text, 'the text as read');
      assert.equal(cell.type, 3 /* ValueType.String */, 'a string, not a formula');
    });
    assert.equal(sheet.getCell(2, 2).value, -2, 'numbers stay numbers');
  });

  it('--format tsv writes tab-separated files; --csv-bom starts each file with a UTF-8 byte-order mark', async () => {
    const folder = pdf('tsv-out');
    const run = await runCli([pdf('different.pdf'), '-o', folder, '--format', 'tsv', '--csv-bom', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
    assert.deepEqual(names, ['p1-t1.tsv', 'p2-t1.tsv']);
    const bytes = await readFile(path.join(folder, 'p2-t1.tsv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
    assert.ok(bytes.toString('utf8').endsWith('Code\tBranch\tPhone\r\nA1\tHamburg\t555-0101\r\nB2\tVenice\t555-0102\r\n'));
    const plain = await runCli([pdf('different.pdf'), '-o', '-', '--format', 'csv', '-q']);
    assert.notEqual(plain.stdout.charCodeAt(0), 0xfeff, 'no BOM unless asked for');
    const withBom = await runCli([pdf('different.pdf'), '-o', '-', '--format', 'csv', '--csv-bom', '-q']);
    assert.equal(withBom.stdout.charCodeAt(0), 0xfeff);
    assert.equal(withBom.stdout.slice(1), plain.stdout);
  });

  it('--format json to stdout: cells with typed values, merges and confidence', async () => {
    const run = await runCli([pdf('different.pdf'), '-o', '-', '--format', 'json', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.equal(document.tables.length, 2);
    const ledger = document.tables[0];
    assert.equal(ledger.source, 'text-layer');
    assert.equal(ledger.headerRows, 1);
    const amount = ledger.cells.find((cell: { row: number; col: number }) => cell.row === 2 && cell.col === 2);
    assert.deepEqual(amount, { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '37.13', value: 37.13, numFmt: '0.00', confidence: null });
    const date = ledger.cells.find((cell: { row: number; col: number }) => cell.row === 1 && cell.col === 0);
    assert.equal(date.value, '2024-03-01');
    const phone = document.tables[1].cells.find((cell: { text: string }) => cell.text === '555-0101');
    assert.equal(phone.value, undefined, 'a phone number stays text');
  });

  it('--report writes the run report', async () => {
    const report = pdf('report.json');
    const run = await runCli([pdf('continued.pdf'), '-o', pdf('report.xlsx'), '--report', report, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const content = JSON.parse(await readFile(report, 'utf8'));
    assert.deepEqual(content.pages, { selected: 2, read: 2, skipped: [], empty: [] });
    assert.equal(content.tables.length, 1);
    const [table] = content.tables;
    assert.equal(table.page, 1);
    assert.deepEqual(table.pages, [1, 2]);
    assert.equal(table.source, 'text-layer');
    assert.equal(table.rows, 38);
    assert.equal(table.columns, 4);
    assert.equal(table.box.dpi, 300);
    assert.ok(Math.abs(table.box.points.top - 90) < 2, `table top ${table.box.points.top} pt`);
    assert.deepEqual(table.confidence, { mean: null, min: null, lowCells: 0, threshold: 60 });
    for (const stage of ['total', 'open', 'render', 'text', 'detect', 'ocr', 'assemble', 'write']) assert.equal(typeof content.timings[stage], 'number', stage);
  });

  it('--sheets per-page puts each page on its own sheet', async () => {
    const out = pdf('per-page.xlsx');
    const run = await runCli([pdf('different.pdf'), '-o', out, '--sheets', 'per-page', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(out);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['Page 1', 'Page 2']);
    assert.equal(tableSheets(workbook)[1].getCell('A1').value, 'Table 1');
    assert.deepEqual(readGrid(tableSheets(workbook)[1], 2, 1, 3), [['Code', 'Branch', 'Phone']]);
  });

  it('refuses an xlsx to stdout and a CSV folder that is a file', async () => {
    const toStdout = await runCli([pdf('different.pdf'), '-o', '-']);
    assert.equal(toStdout.code, EXIT_CODES.usage);
    assert.match(toStdout.stderr, /standard output/);
    const file = pdf('a-file');
    await writeFile(file, 'x');
    const intoFile = await runCli([pdf('different.pdf'), '-o', file, '--format', 'csv']);
    assert.equal(intoFile.code, EXIT_CODES.outputNotWritable);
    assert.match(intoFile.stderr, /it is a file/);
  });
});
