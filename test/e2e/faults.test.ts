// Faults during a run: an OCR task that hangs or crashes its worker thread, a page task that
// crashes. Injected through the test hook test/support/fault-hook.mjs (PDF2XLSX_TEST_HOOK, PDF2XLSX_TEST_FAULTS).
// A fault once is retried on a fresh worker and the run succeeds; a fault that repeats leaves that
// table (empty, with its grid) or that page out, with a warning and exit 7.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODES } from '../../src/errors.ts';
import { projectRoot, readGrid, readWorkbook, runCli, tableSheets } from './cli-helpers.ts';

const sample = path.join(projectRoot, 'fixtures/sample-scanned.pdf');
const faultHook = path.join(projectRoot, 'test/support/fault-hook.mjs');
const expected: { pageNumber: number; tableIndex: number; rows: string[][] }[] = JSON.parse(await readFile(path.join(projectRoot, 'fixtures/sample-scanned.expected.json'), 'utf8')).tables;
const firstTable = expected.find((table) => table.pageNumber === 1 && table.tableIndex === 0)!;

describe('faults during a run (built CLI)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-faults-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The hang tests wait out --timeout once or twice, so it cannot be minutes; it must still be far
  // above what a healthy task takes on a loaded machine (a table of this sample: under 1 s idle,
  // a few s with four busy loops on two cores, where a 4-s --timeout stopped healthy tasks too).
  // --lang eng: the language check of --lang auto is not what these tests are about.
  const HANG_TIMEOUT_S = '20';
  const CRASH_TIMEOUT_S = '60';
  const run = (name: string, faults: string, workers: number, extra: string[] = []) =>
    runCli([sample, '-o', path.join(dir, `${name}.xlsx`), '--workers', String(workers), '--timeout', faults.includes(':hang:') ? HANG_TIMEOUT_S : CRASH_TIMEOUT_S, '--lang', 'eng', ...extra], { env: { PDF2XLSX_TEST_HOOK: faultHook, PDF2XLSX_TEST_FAULTS: faults } });
  const sheetNames = async (name: string) => tableSheets(await readWorkbook(path.join(dir, `${name}.xlsx`))).map((sheet) => sheet.name);
  const firstCell = async (name: string) => (await readWorkbook(path.join(dir, `${name}.xlsx`))).getWorksheet('p1-t1')!.getCell('A1').value;

  it('--workers 1 with a --timeout pages overrun: the pages past it are skipped, no crash (issue 35)', async () => {
    // Whether a page overruns 1 s depends on the machine: either way the run ends with a workbook
    // and exit 0 or 7. It crashed with a tesseract.js stack trace when work given up went on.
    const out = path.join(dir, 'overrun.xlsx');
    const result = await runCli([sample, '-o', out, '--workers', '1', '--timeout', '1', '--engine', 'tesseract']);
    assert.ok(result.code === EXIT_CODES.success || result.code === EXIT_CODES.partial, `exit ${result.code}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /TypeError|    at /);
    assert.ok(tableSheets(await readWorkbook(out)).length > 0);
  });

  for (const workers of [1, 2]) {
    it(`--workers ${workers}: an OCR task that hangs once is stopped at --timeout and retried`, async () => {
      const result = await run(`hang-once-${workers}`, 'ocr:1:1:hang:once', workers);
      assert.equal(result.code, EXIT_CODES.success, result.stderr);
      assert.equal(await firstCell(`hang-once-${workers}`), firstTable.rows[0][0]);
    });

    it(`--workers ${workers}: an OCR task that always hangs leaves its table empty, warns, exits 7`, async () => {
      const started = Date.now();
      const result = await run(`hang-always-${workers}`, 'ocr:1:1:hang:always', workers);
      assert.equal(result.code, EXIT_CODES.partial, result.stderr);
      assert.match(result.stderr, /page 1, table 1: OCR failed twice \(it took longer than 20 s \(--timeout\)\); the table is written with its grid and empty cells/);
      assert.ok(Date.now() - started < 180_000, 'no hang');
      assert.deepEqual(await sheetNames(`hang-always-${workers}`), ['p1-t1', 'p1-t2', 'p2-t1']);
      const sheet = (await readWorkbook(path.join(dir, `hang-always-${workers}.xlsx`))).getWorksheet('p1-t1')!;
      assert.ok(readGrid(sheet, 1, firstTable.rows.length, firstTable.rows[0].length).flat().every((text) => text === ''), 'its grid, empty');
      const other = (await readWorkbook(path.join(dir, `hang-always-${workers}.xlsx`))).getWorksheet('p2-t1')!;
      assert.notEqual(other.getCell('A1').value, null, 'the other tables are read');
    });
  }

  it('an OCR task whose worker thread crashes once is retried on a fresh thread', async () => {
    const result = await run('crash-once', 'ocr:1:1:crash:once', 2);
    assert.equal(result.code, EXIT_CODES.success, result.stderr);
    assert.equal(await firstCell('crash-once'), firstTable.rows[0][0]);
  });

  it('an OCR task that always crashes its thread: table empty, warning, exit 7', async () => {
    const result = await run('crash-always', 'ocr:1:1:crash:always', 2);
    assert.equal(result.code, EXIT_CODES.partial, result.stderr);
    assert.match(result.stderr, /page 1, table 1: OCR failed twice/);
    assert.deepEqual(await sheetNames('crash-always'), ['p1-t1', 'p1-t2', 'p2-t1']);
  });

  it('a page task that always crashes: the page is skipped, the rest written, exit 7', async () => {
    const report = path.join(dir, 'page-crash.json');
    const result = await run('page-crash', 'page:2:crash:always', 2, ['--report', report]);
    assert.equal(result.code, EXIT_CODES.partial, result.stderr);
    assert.match(result.stderr, /page 2 was skipped: it failed twice/);
    assert.deepEqual(await sheetNames('page-crash'), ['p1-t1', 'p1-t2']);
    const content = JSON.parse(await readFile(report, 'utf8'));
    assert.equal(content.exitCode, EXIT_CODES.partial);
    assert.deepEqual(content.pages.skipped, [2]);
    assert.equal(content.failures.length, 1);
  });

  it('a page task that hangs once in-process is retried', async () => {
    const result = await run('page-hang', 'page:1:hang:once', 1);
    assert.equal(result.code, EXIT_CODES.success, result.stderr);
    assert.deepEqual(await sheetNames('page-hang'), ['p1-t1', 'p1-t2', 'p2-t1']);
  });
});
