// --area and --columns, tabula's and Camelot's manual overrides, end to end on the bundled
// samples (page 1 holds two tables, page 2 one; the scan is the same document printed and scanned).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODES } from '../../src/errors.ts';
import { projectRoot, readGrid, readWorkbook, runCli } from './cli-helpers.ts';

interface TableJson {
  page: number;
  rows: number;
  columns: number;
  box: { points: { top: number; left: number; bottom: number; right: number } };
}

// Around the second table of page 1 (in points: top 295, left 56, bottom 420, right 271).
const SECOND_TABLE_AREA = '285,40,430,320';

describe('--area and --columns (built CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-area-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const tablesOf = async (input: string, extra: string[]) => {
    const output = path.join(dir, `${path.basename(input)}-${extra.join('_').replace(/[^\w-]/g, '')}.json`);
    const run = await runCli([path.join(projectRoot, 'fixtures', input), '-o', output, '-w', '2', '-q', ...extra]);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    return (JSON.parse(await readFile(output, 'utf8')) as { tables: TableJson[] }).tables;
  };

  for (const input of ['sample-text.pdf', 'sample-scanned.pdf']) {
    it(`${input}: a table inside the area is found, those outside it are not`, async () => {
      assert.equal((await tablesOf(input, [])).length, 3, 'without --area: all three');
      const tables = await tablesOf(input, ['--area', SECOND_TABLE_AREA]);
      assert.equal(tables.length, 1, JSON.stringify(tables));
      const [table] = tables;
      assert.equal(table.page, 1);
      assert.deepEqual([table.rows, table.columns], [5, 3]);
      assert.ok(Math.abs(table.box.points.top - 295) < 6, `top ${table.box.points.top}`);
      // In percentages of the page, and repeated: both tables of page 1, none of page 2's.
      const both = await tablesOf(input, ['-p', '1', '--area', '10%,0%,36%,100%', '--area', SECOND_TABLE_AREA]);
      assert.equal(both.length, 2);
    });
  }

  it('--columns reads the area as one table split at the given separators', async () => {
    const output = path.join(dir, 'columns.xlsx');
    const run = await runCli([path.join(projectRoot, 'fixtures/sample-text.pdf'), '-o', output, '-p', '1', '--area', SECOND_TABLE_AREA, '--columns', '150', '-q']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(output);
    assert.equal(workbook.worksheets.length, 1);
    const grid = readGrid(workbook.worksheets[0], 1, 5, 2);
    assert.deepEqual(grid[0], ['Name', 'City Extension']);
    assert.deepEqual(grid[1], ['Anna Weber', 'Hamburg 4127']);
  });

  it('a bad --area is a usage error naming the option', async () => {
    const run = await runCli([path.join(projectRoot, 'fixtures/sample-text.pdf'), '-o', path.join(dir, 'bad.xlsx'), '--area', '100,50,20,300']);
    assert.equal(run.code, EXIT_CODES.usage);
    assert.match(run.stderr, /^pdf2xlsx: option --area: '100,50,20,300' is not valid \(top must be above bottom/);
  });
});
