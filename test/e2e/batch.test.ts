// End to end: many inputs in one run (folders, --recursive), NDJSON results, non-TTY progress
// lines, --skip-existing, and --shard i/n spreading a folder over jobs (run through GNU parallel
// when it is installed, as the README's recipe does).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTACTS_TABLE, INVOICE_TABLE, makeTextPdf, MERGED_HEADER_TABLE } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { binPath, projectRoot, readWorkbook, runCli, tableSheets } from './cli-helpers.ts';

interface Line {
  input: string;
  output: string;
  status: string;
  exitCode: number;
  pages: number;
  emptyPages: number;
  tables: number;
  warnings: string[];
  seconds: number;
  error?: string;
}

const ndjson = (stdout: string): Line[] => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

describe('batch (built CLI)', () => {
  let dir: string;
  let mixed: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-batch-'));
    mixed = path.join(dir, 'mixed');
    await mkdir(path.join(mixed, 'sub'), { recursive: true });
    await copyFile(path.join(projectRoot, 'fixtures/sample-scanned.pdf'), path.join(mixed, 'scanned.pdf'));
    await copyFile(path.join(projectRoot, 'fixtures/sample-text.pdf'), path.join(mixed, 'text.pdf'));
    await writeFile(path.join(mixed, 'damaged.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41)]));
    await writeFile(path.join(mixed, 'notes.txt'), 'not a PDF, and not named .pdf: ignored');
    await writeFile(path.join(mixed, 'sub', 'invoice.pdf'), await makeTextPdf([{ tables: [{ table: INVOICE_TABLE }] }]));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a folder of mixed inputs: every good one converted, the damaged one reported, exit 8, NDJSON per input', async () => {
    const out = path.join(dir, 'out-mixed');
    const run = await runCli([mixed, '-o', out, '--json', '--workers', '2']);
    assert.equal(run.code, EXIT_CODES.someInputsFailed, run.stderr);
    const lines = ndjson(run.stdout);
    assert.deepEqual(lines.map((line) => path.basename(line.input)).sort(), ['damaged.pdf', 'scanned.pdf', 'text.pdf']);
    const byName = new Map(lines.map((line) => [path.basename(line.input), line]));
    assert.deepEqual(
      { ...byName.get('text.pdf'), seconds: 0, warnings: [] },
      { input: path.join(mixed, 'text.pdf'), output: path.join(out, 'text.xlsx'), status: 'ok', exitCode: 0, pages: 2, emptyPages: 0, tables: 3, warnings: [], seconds: 0 },
    );
    assert.equal(byName.get('scanned.pdf')!.status, 'ok');
    assert.equal(byName.get('scanned.pdf')!.tables, 3);
    const damaged = byName.get('damaged.pdf')!;
    assert.equal(damaged.status, 'failed');
    assert.equal(damaged.exitCode, EXIT_CODES.inputUnreadable);
    assert.match(damaged.error!, /damaged/);
    assert.deepEqual(await filesUnder(out), ['scanned.xlsx', 'text.xlsx'], 'no output for the damaged input, no subfolder without --recursive');
    for (const name of ['scanned.xlsx', 'text.xlsx']) {
      const workbook = await readWorkbook(path.join(out, name));
      assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1', 'p1-t2', 'p2-t1'], name);
      assert.equal(workbook.getWorksheet('p1-t1')!.getCell('A1').value, INVOICE_TABLE.rows[0][0], name);
    }
    // stderr is not a terminal here: one line per finished file, no bar.
    assert.equal(run.stderr.match(/^pdf2xlsx: \[\d\/3\] /gm)?.length, 3, run.stderr);
    assert.match(run.stderr, /\npdf2xlsx: 3 inputs: 2 ok, 0 partial, 1 failed, 0 skipped; 6 tables in \d+\.\d s\n$/, 'a summary line ends the log');
    assert.doesNotMatch(run.stderr, /\x1b\[/, 'no escape codes in a log');
  });

  it('--recursive keeps relative paths; --skip-existing does no work the second time', async () => {
    const good = path.join(dir, 'good');
    await mkdir(path.join(good, 'sub'), { recursive: true });
    await copyFile(path.join(mixed, 'text.pdf'), path.join(good, 'text.pdf'));
    await copyFile(path.join(mixed, 'sub', 'invoice.pdf'), path.join(good, 'sub', 'invoice.pdf'));
    const out = path.join(dir, 'out-good');
    const first = await runCli([good, '-o', out, '--recursive', '--json', '--workers', '1']);
    assert.equal(first.code, EXIT_CODES.success, first.stderr);
    assert.deepEqual(await filesUnder(out), ['sub/invoice.xlsx', 'text.xlsx']);
    const times = await Promise.all(['sub/invoice.xlsx', 'text.xlsx'].map(async (file) => (await stat(path.join(out, file))).mtimeMs));
    const second = await runCli([good, '-o', out, '--recursive', '--json', '--skip-existing', '--workers', '1']);
    assert.equal(second.code, EXIT_CODES.success, second.stderr);
    // Lines come as inputs finish, in any order.
    const lines = ndjson(second.stdout).map((line) => [path.basename(line.input), line.status, line.pages]).sort();
    assert.deepEqual(lines, [['invoice.pdf', 'skipped', 0], ['text.pdf', 'skipped', 0]]);
    assert.deepEqual(await Promise.all(['sub/invoice.xlsx', 'text.xlsx'].map(async (file) => (await stat(path.join(out, file))).mtimeMs)), times, 'nothing rewritten');
  });

  it('--shard 1/2 and 2/2 together convert every input exactly once', async () => {
    const corpus = path.join(dir, 'corpus');
    await mkdir(corpus, { recursive: true });
    const tables = [INVOICE_TABLE, CONTACTS_TABLE, MERGED_HEADER_TABLE];
    for (let i = 0; i < 5; i++) await writeFile(path.join(corpus, `doc-${i}.pdf`), await makeTextPdf([{ tables: [{ table: tables[i % 3] }] }]));
    const out = path.join(dir, 'out-shards');
    const shardArgs = (shard: string) => [binPath, corpus, '-o', out, '--shard', shard, '--json', '--workers', '1', '-q'];
    const haveParallel = spawnSync('parallel', ['--version'], { stdio: 'ignore' }).status === 0;
    let stdout: string;
    if (haveParallel) {
      // The README's recipe, with the shards as local jobs: parallel runs one job per shard.
      const run = spawnSync('parallel', ['--halt', 'never', process.execPath, ...shardArgs('{}/2').slice(0), ':::', '1', '2'], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      stdout = run.stdout;
    } else {
      const runs = await Promise.all(['1/2', '2/2'].map((shard) => runCli(shardArgs(shard).slice(1))));
      for (const run of runs) assert.equal(run.code, EXIT_CODES.success, run.stderr);
      stdout = runs.map((run) => run.stdout).join('');
    }
    const lines = ndjson(stdout);
    const inputs = lines.map((line) => path.basename(line.input)).sort();
    assert.deepEqual(inputs, ['doc-0.pdf', 'doc-1.pdf', 'doc-2.pdf', 'doc-3.pdf', 'doc-4.pdf'], 'each input once');
    assert.deepEqual(await filesUnder(out), ['doc-0.xlsx', 'doc-1.xlsx', 'doc-2.xlsx', 'doc-3.xlsx', 'doc-4.xlsx']);
    // A shard rerun with --skip-existing redoes nothing.
    const again = await runCli([corpus, '-o', out, '--shard', '2/2', '--json', '--skip-existing', '--workers', '1']);
    assert.ok(ndjson(again.stdout).every((line) => line.status === 'skipped'));
  });

  it('an empty shard says so; --pages 2-end skips a 1-page input with a warning and converts the rest', async () => {
    const folder = path.join(dir, 'covers');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'one-page.pdf'), await makeTextPdf([{ tables: [{ table: INVOICE_TABLE }] }]));
    await writeFile(path.join(folder, 'two-pages.pdf'), await makeTextPdf([{ tables: [{ table: INVOICE_TABLE }] }, { tables: [{ table: CONTACTS_TABLE }] }]));
    const out = path.join(dir, 'out-covers');
    const run = await runCli([folder, '-o', out, '-p', '2-end', '--json', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const lines = new Map(ndjson(run.stdout).map((line) => [path.basename(line.input), line]));
    assert.equal(lines.get('one-page.pdf')!.status, 'skipped');
    assert.match(run.stderr, /one-page\.pdf → .*: skipped \(none of the pages --pages selects is in it: it has 1 page\)/);
    assert.equal(lines.get('two-pages.pdf')!.status, 'ok');
    assert.deepEqual(await filesUnder(out), ['two-pages.xlsx']);
    assert.deepEqual(tableSheets(await readWorkbook(path.join(out, 'two-pages.xlsx'))).map((sheet) => sheet.name), ['p2-t1'], 'page 2 only');
    // A single input keeps the strict check: asking for a page it lacks is a usage error.
    assert.equal((await runCli([path.join(folder, 'one-page.pdf'), '-o', path.join(dir, 'cover.xlsx'), '-p', '2-end'])).code, EXIT_CODES.usage);
    // Three shards of two inputs: the third has nothing to do, and says so.
    const empty = await runCli([folder, '-o', out, '--shard', '3/3']);
    assert.equal(empty.code, EXIT_CODES.success);
    assert.match(empty.stderr, /^pdf2xlsx: warning: shard 3\/3 has no inputs: the other shards hold all 2 inputs\n$/);
  });

  it('gives inputs of the same name distinct outputs, never one another\'s (a/x.pdf, b/x.pdf, x-2.pdf)', async () => {
    const c = path.join(dir, 'same-names');
    await mkdir(path.join(c, 'a'), { recursive: true });
    await mkdir(path.join(c, 'b'), { recursive: true });
    const documents = { 'a/x.pdf': INVOICE_TABLE, 'b/x.pdf': CONTACTS_TABLE, 'x-2.pdf': MERGED_HEADER_TABLE };
    for (const [name, table] of Object.entries(documents)) await writeFile(path.join(c, name), await makeTextPdf([{ tables: [{ table }] }]));
    const out = path.join(dir, 'out-same-names');
    const run = await runCli([...Object.keys(documents).map((name) => path.join(c, name)), '-o', out, '--json', '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const outputs = new Map(ndjson(run.stdout).map((line) => [path.relative(c, line.input), path.basename(line.output)]));
    assert.deepEqual(Object.fromEntries(outputs), { 'a/x.pdf': 'x.xlsx', 'b/x.pdf': 'x-3.xlsx', 'x-2.pdf': 'x-2.xlsx' });
    assert.deepEqual(await filesUnder(out), ['x-2.xlsx', 'x-3.xlsx', 'x.xlsx']);
    for (const [name, table] of Object.entries(documents)) {
      const sheet = tableSheets(await readWorkbook(path.join(out, outputs.get(name)!)))[0];
      assert.equal(sheet.getCell('A1').value, table.rows[0][0], `${name} wrote its own tables`);
    }
  });

  it('--skip-existing redoes an output that does not read back whole, and clears a killed run\'s temporary files', async () => {
    const folder = path.join(dir, 'resume');
    await mkdir(folder, { recursive: true });
    await copyFile(path.join(mixed, 'text.pdf'), path.join(folder, 'a.pdf'));
    await copyFile(path.join(mixed, 'text.pdf'), path.join(folder, 'b.pdf'));
    const out = path.join(dir, 'out-resume');
    assert.equal((await runCli([folder, '-o', out, '--workers', '1', '-q'])).code, EXIT_CODES.success);
    // b.xlsx cut short after the run (newer than its input), and a temporary file as kill -9 leaves it.
    const whole = await readFile(path.join(out, 'b.xlsx'));
    await writeFile(path.join(out, 'b.xlsx'), whole.subarray(0, whole.length >> 1));
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftover = `.a.xlsx.${os.hostname().split('.')[0].replace(/[^A-Za-z0-9-]/g, '') || 'host'}-${deadPid}.89abcdef.tmp`;
    await writeFile(path.join(out, leftover), 'part of a workbook');
    const again = await runCli([folder, '-o', out, '--json', '--skip-existing', '--workers', '1', '-q']);
    assert.equal(again.code, EXIT_CODES.success, again.stderr);
    assert.deepEqual(ndjson(again.stdout).map((line) => [path.basename(line.input), line.status]).sort(), [['a.pdf', 'skipped'], ['b.pdf', 'ok']]);
    assert.equal(tableSheets(await readWorkbook(path.join(out, 'b.xlsx'))).length, 3, 'b redone');
    assert.deepEqual(await filesUnder(out), ['a.xlsx', 'b.xlsx'], 'the leftover temporary file is gone');
  });

  it('escapes control characters of file names in its log lines (a name cannot forge a line)', async () => {
    const folder = path.join(dir, 'odd-names');
    await mkdir(folder, { recursive: true });
    const odd = 'evil\npdf2xlsx: [2-2] forged.pdf\u001b[2K.pdf';
    await copyFile(path.join(mixed, 'text.pdf'), path.join(folder, odd));
    const run = await runCli([folder, '-o', path.join(dir, 'out-odd'), '--workers', '1', '--json']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[1], /^pdf2xlsx: 1 input: 1 ok, 0 partial, 0 failed, 0 skipped; 3 tables in \d+\.\d s$/, 'the summary line');
    assert.ok(lines[0].startsWith('pdf2xlsx: [1/1] ') && lines[0].includes('evil\\npdf2xlsx: [2-2] forged.pdf\\x1b[2K.pdf'), lines[0]);
    assert.equal(ndjson(run.stdout)[0].input, path.join(folder, odd), '--json keeps the exact name');
  });

  it('refuses a batch to stdout and --report with several inputs', async () => {
    const toStdout = await runCli([mixed, '-o', '-', '--format', 'json']);
    assert.equal(toStdout.code, EXIT_CODES.usage);
    const report = await runCli([mixed, '-o', path.join(dir, 'x'), '--report', path.join(dir, 'r.json')]);
    assert.equal(report.code, EXIT_CODES.usage);
    assert.match(report.stderr, /--report takes a single input/);
  });
});
