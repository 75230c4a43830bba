// End to end, born-digital and scanned at 150 DPI, layouts real documents have: a scientific
// paper's three-line table (booktabs) with section labels between mid rules, its header above the
// first rule and a column mostly '-'; a small ruled table on a page of notes; a bank report's
// key–value table without rules; a timetable with merged cells.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KEY_VALUE_PAGE, KEY_VALUE_TABLE, NOTES_PAGE, PAPER_RESULTS_PAGE, PAPER_RESULTS_TABLE, TIMETABLE_TABLE, makeScannedPdf, makeTextPdf } from '../../fixtures/lib/index.ts';
import type { PageSpec } from '../../fixtures/lib/spec.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { readGrid, readMerges, readWorkbook, runCli } from './cli-helpers.ts';

describe('real-world layouts', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-paper-'));
    const pages: Record<string, PageSpec> = {
      paper: PAPER_RESULTS_PAGE,
      notes: NOTES_PAGE,
      'key-value': KEY_VALUE_PAGE,
      timetable: { tables: [{ table: TIMETABLE_TABLE, yPt: 80 }] },
      // NOTES_PAGE's paragraphs around a table without rules, which a scan's page pass finds.
      report: { paragraphs: [NOTES_PAGE.paragraphs![1], { ...NOTES_PAGE.paragraphs![2], yPt: 420 }], tables: [{ table: KEY_VALUE_TABLE, yPt: 240 }] },
    };
    for (const [name, page] of Object.entries(pages)) {
      const pdf = await makeTextPdf([page]);
      await writeFile(path.join(dir, `${name}.pdf`), pdf);
      await writeFile(path.join(dir, `${name}-scan.pdf`), await makeScannedPdf(pdf, { dpi: 150, noise: 3, skewDegrees: 0.2, seed: 3 }));
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const name of ['paper', 'paper-scan']) {
    it(`${name}: one table, the header above the first rule kept, sections merged across`, async () => {
      const out = path.join(dir, `${name}.xlsx`);
      const run = await runCli([path.join(dir, `${name}.pdf`), '-o', out, '--workers', '1']);
      assert.equal(run.code, EXIT_CODES.success, run.stderr);
      const workbook = await readWorkbook(out);
      assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p1-t1']);
      const sheet = workbook.worksheets[0];
      const rows = PAPER_RESULTS_TABLE.rows;
      const grid = readGrid(sheet, 1, rows.length + 1, 5);
      assert.deepEqual(grid.slice(0, rows.length), rows);
      assert.deepEqual(grid[rows.length], ['', '', '', '', ''], 'the note under the table is not a row');
      const merges = readMerges(sheet, 1, rows.length, 5);
      for (const section of [1, 5, 8]) assert.ok(merges.some((merge) => merge.row === section && merge.col === 0 && merge.colSpan === 5), `section row ${section} merged: ${JSON.stringify(merges)}`);
    });
  }

  /** The one table of `name`'s output, as the sheet shows it, and its merges. */
  const onlyTable = async (name: string, rowCount: number, columnCount: number) => {
    const out = path.join(dir, `${name}.xlsx`);
    const run = await runCli([path.join(dir, `${name}.pdf`), '-o', out, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(out);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p1-t1'], name);
    const sheet = workbook.worksheets[0];
    return { grid: readGrid(sheet, 1, rowCount + 1, columnCount + 1), merges: readMerges(sheet, 1, rowCount, columnCount) };
  };
  const withEdge = (rows: string[][]) => [...rows.map((row) => [...row, '']), new Array<string>(rows[0].length + 1).fill('')];

  for (const name of ['notes', 'notes-scan']) {
    it(`${name}: a small ruled table between paragraphs`, async () => {
      const { grid } = await onlyTable(name, 3, 3);
      assert.deepEqual(grid, withEdge([['Item', 'Owner', 'Due'], ['Budget draft', 'Eva', '12 Apr'], ['Venue', 'Simon', '20 Apr']]));
    });
  }

  for (const name of ['key-value', 'key-value-scan']) {
    it(`${name}: a two-column key–value table without rules`, async () => {
      const { grid } = await onlyTable(name, KEY_VALUE_TABLE.rows.length, 2);
      assert.deepEqual(grid, withEdge(KEY_VALUE_TABLE.rows));
    });
  }

  it('report-scan: paragraphs around a table without rules are not read, the table is', async () => {
    const out = path.join(dir, 'report-scan.xlsx');
    const run = await runCli([path.join(dir, 'report-scan.pdf'), '-o', out, '--workers', '1', '--verbose']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const unread = /page 1: (\d+) lines of running text outside the tables not read/.exec(run.stderr);
    assert.ok(unread && Number(unread[1]) >= 12, `the paragraphs' 14 lines but their short ends: ${run.stderr}`);
    const workbook = await readWorkbook(out);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p1-t1']);
    assert.deepEqual(readGrid(workbook.worksheets[0], 1, KEY_VALUE_TABLE.rows.length + 1, 3), withEdge(KEY_VALUE_TABLE.rows));
  });

  for (const name of ['timetable', 'timetable-scan']) {
    it(`${name}: merged cells stay merged`, async () => {
      const { grid, merges } = await onlyTable(name, TIMETABLE_TABLE.rows.length, 4);
      assert.deepEqual(grid, withEdge(TIMETABLE_TABLE.rows));
      assert.deepEqual(merges, TIMETABLE_TABLE.merges!.map(({ row, col, rowSpan, colSpan }) => ({ row, col, rowSpan, colSpan })));
    });
  }
});
