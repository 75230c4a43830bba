// End to end: a scientific paper's three-line table (booktabs) with section labels between mid
// rules, its header above the first rule and a column mostly '-', born-digital and scanned at
// 150 DPI: one table, header kept, each section label one row merged across the table.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PAPER_RESULTS_PAGE, PAPER_RESULTS_TABLE, makeScannedPdf, makeTextPdf } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { readGrid, readMerges, readWorkbook, runCli } from './cli-helpers.ts';

describe('three-line tables with section labels', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-paper-'));
    const pdf = await makeTextPdf([PAPER_RESULTS_PAGE]);
    await writeFile(path.join(dir, 'paper.pdf'), pdf);
    await writeFile(path.join(dir, 'paper-scan.pdf'), await makeScannedPdf(pdf, { dpi: 150, noise: 3, skewDegrees: 0.2, seed: 3 }));
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
});
