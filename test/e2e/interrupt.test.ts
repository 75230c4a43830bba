// SIGINT / SIGTERM: the run stops at once with 130 / 143, leaves no temporary file, an existing
// output file is left as it was, a batch's new output folder is removed, and a terminal gets its
// cursor and autowrap back. No assertion rests on how fast the machine is: "at once" is checked
// as "long before the work could have finished" (a generous bound), so a busy machine passes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeBenchmarkDocument, makeScannedPdf, makeTextPdf } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { binPath } from './cli-helpers.ts';

// Long before a run of the 6-page scan could finish, even on an idle machine (over 10 s).
const STOPPED_AT_ONCE_MS = 8000;

/** Spawns the CLI with --verbose; `started` resolves once its log shows a finished page (work under way). */
function startRun(args: string[]) {
  const child = spawn(process.execPath, [binPath, ...args, '--verbose'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const started = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/page \d+: /.test(stderr)) resolve();
    });
  });
  const exited = new Promise<{ status: number | null; stderr: string; endedAt: number }>((resolve) =>
    // The status a shell reports: the exit code, or 128 + the number of the signal that ended it.
    child.on('close', (code, endedBy) => resolve({ status: code ?? (endedBy ? 128 + os.constants.signals[endedBy] : null), stderr, endedAt: performance.now() })),
  );
  return { child, started, exited };
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('interruption (built CLI)', () => {
  let dir: string;
  let input: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-signal-'));
    input = path.join(dir, 'long.pdf');
    await writeFile(input, await makeScannedPdf(await makeTextPdf(makeBenchmarkDocument(6)), { dpi: 200, seed: 3 }));
    await writeFile(path.join(dir, 'long-copy.pdf'), await readFile(input));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [signal, exitCode] of [['SIGINT', EXIT_CODES.interrupted], ['SIGTERM', EXIT_CODES.terminated]] as const) {
    it(`${signal} ends the run with ${exitCode} at once, the existing output untouched`, async () => {
      const output = path.join(dir, `out-${signal}.xlsx`);
      await writeFile(output, 'the previous workbook');
      const run = startRun([input, '-o', output, '--workers', '2']);
      await run.started;
      const sentAt = performance.now();
      run.child.kill(signal);
      const { status, stderr, endedAt } = await run.exited;
      assert.equal(status, exitCode, stderr);
      // The run has pages of OCR left: it did not wait for them (they take minutes on a busy machine).
      assert.ok(endedAt - sentAt < STOPPED_AT_ONCE_MS, `exited ${Math.round(endedAt - sentAt)} ms after the signal`);
      assert.match(stderr, new RegExp(`pdf2xlsx: interrupted by ${signal}\\n$`));
      assert.equal(await readFile(output, 'utf8'), 'the previous workbook');
      assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
    });
  }

  it('SIGINT in a batch removes the output folder it made when nothing was written there', async () => {
    const output = path.join(dir, 'made', 'by-batch');
    const run = startRun([input, input.replace('long.pdf', 'long-copy.pdf'), '-o', output, '--workers', '2']);
    await run.started;
    run.child.kill('SIGINT');
    const { status, stderr } = await run.exited;
    assert.equal(status, EXIT_CODES.interrupted, stderr);
    assert.equal(existsSync(path.join(dir, 'made')), false, 'the folders mkdir -p made are gone');
  });

  it('Ctrl-C in a terminal gives back the cursor and autowrap, and prints its message on a line of its own', { skip: !hasScript && 'needs script(1) for a terminal' }, async () => {
    const output = path.join(dir, 'tty.xlsx');
    const command = [process.execPath, binPath, input, '-o', output, '--workers', '2'].map((word) => `'${word}'`).join(' ');
    // script(1) runs the CLI on a pseudo-terminal: a real progress bar, and ^C typed into it is
    // turned into SIGINT by the terminal, as at a keyboard.
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let screen = '';
    child.stdout.on('data', (chunk) => {
      screen += chunk;
      if (/pages [1-9]\d*\//.test(screen) && !child.stdin.writableEnded) child.stdin.end('\x03');
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, EXIT_CODES.interrupted, screen);
    const wrapOff = screen.lastIndexOf('\x1b[?7l');
    assert.ok(wrapOff >= 0, 'the bar was drawn');
    assert.match(screen, /pages \d+\/\d+ \| tables \d+\/\d+ \| \d+s \| ETA /, 'with its time left');
    assert.ok(screen.indexOf('\x1b[?7h', wrapOff) > wrapOff, 'autowrap is turned back on');
    assert.ok(screen.indexOf('\x1b[?25h', wrapOff) > wrapOff, 'the cursor is shown again');
    assert.match(screen, /\r\x1b\[K[^\r\n]*pdf2xlsx: interrupted by SIGINT/);
    assert.equal(existsSync(output), false);
  });
});
