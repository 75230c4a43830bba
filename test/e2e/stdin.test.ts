import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODES } from '../../src/errors.ts';
import { projectRoot, readGrid, readWorkbook, runCli, tableSheets } from './cli-helpers.ts';

const sample = path.join(projectRoot, 'fixtures/sample-text.pdf');

/** Runs the CLI with `feed` piped into its standard input. */
const runWithStdin = (args: string[], feed: (stdin: NodeJS.WritableStream) => void) => runCli(args, { stdin: feed, timeoutMs: 120_000 });

const spoolFiles = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith('pdf2xlsx-stdin-') || name.startsWith('pdf2xlsx-fifo'));

describe('input from a pipe', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-pipe-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('- reads the PDF from standard input, and leaves no copy behind', async () => {
    const before = await spoolFiles();
    const out = path.join(dir, 'stdin.xlsx');
    const run = await runWithStdin(['-', '-o', out, '--workers', '1'], (stdin) => createReadStream(sample).pipe(stdin));
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(out);
    assert.equal(tableSheets(workbook).length, 3);
    assert.deepEqual(readGrid(tableSheets(workbook)[0], 1, 1, 4), [['Product', 'Quantity', 'Price', 'Ship Date']]);
    assert.deepEqual(await spoolFiles(), before);
  });

  it('--json names standard input as -; in a batch its output is stdin.xlsx', async () => {
    const single = await runWithStdin(['-', '-o', path.join(dir, 'json.xlsx'), '--json', '-q', '--workers', '1'], (stdin) => createReadStream(sample).pipe(stdin));
    assert.equal(JSON.parse(single.stdout).input, '-');
    const folder = path.join(dir, 'batch');
    const batch = await runWithStdin(['-', sample, '-o', folder, '--json', '-q', '--workers', '1'], (stdin) => createReadStream(sample).pipe(stdin));
    assert.equal(batch.code, EXIT_CODES.success, batch.stderr);
    const lines = batch.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const fromStdin = lines.find((line) => line.input === '-');
    assert.ok(fromStdin, batch.stdout);
    assert.equal(path.basename(fromStdin.output), 'stdin.xlsx');
    assert.deepEqual((await readdir(folder)).sort(), ['sample-text.xlsx', 'stdin.xlsx']);
  });

  it('a named pipe is read like a file', { skip: spawnSync('mkfifo', ['--version']).status !== 0 && 'no mkfifo' }, async () => {
    const fifo = path.join(dir, 'pdf2xlsx-fifo.pdf');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const out = path.join(dir, 'fifo.xlsx');
    const writer = spawn('sh', ['-c', `cat "${sample}" > "${fifo}"`]);
    const written = new Promise((resolve) => writer.on('close', resolve));
    const run = await runWithStdin([fifo, '-o', out, '--workers', '1'], (stdin) => stdin.end());
    assert.equal(await written, 0);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.equal(tableSheets(await readWorkbook(out)).length, 3);
  });

  it('what is not a PDF on standard input is named as standard input', async () => {
    const run = await runWithStdin(['-', '-o', path.join(dir, 'no.xlsx')], (stdin) => stdin.end('hello\n'));
    assert.equal(run.code, EXIT_CODES.inputUnreadable);
    assert.equal(run.stderr, 'pdf2xlsx: cannot read standard input: not a PDF file (no %PDF header)\n');
  });
});
