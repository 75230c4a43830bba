// SIGINT / SIGTERM: the run stops at once with 130 / 143, leaves no temporary file, and an
// existing output file is left as it was.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeBenchmarkDocument, makeScannedPdf, makeTextPdf } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { binPath } from './cli-helpers.ts';

describe('interruption (built CLI)', () => {
  let dir: string;
  let input: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-signal-'));
    input = path.join(dir, 'long.pdf');
    await writeFile(input, await makeScannedPdf(await makeTextPdf(makeBenchmarkDocument(6)), { dpi: 200, seed: 3 }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [signal, exitCode] of [['SIGINT', EXIT_CODES.interrupted], ['SIGTERM', EXIT_CODES.terminated]] as const) {
    it(`${signal} ends the run with ${exitCode} within 2 s, the existing output untouched`, async () => {
      const output = path.join(dir, `out-${signal}.xlsx`);
      await writeFile(output, 'the previous workbook');
      const child = spawn(process.execPath, [binPath, input, '-o', output, '--workers', '2', '--verbose'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      const started = new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          // Work is under way once the first page is done.
          if (/page \d+: /.test(stderr)) resolve();
        });
      });
      const exited = new Promise<{ status: number | null; signalled: number }>((resolve) =>
        // The status a shell reports: the exit code, or 128 + the number of the signal that ended it.
        child.on('close', (code, endedBy) => resolve({ status: code ?? (endedBy ? 128 + os.constants.signals[endedBy] : null), signalled: performance.now() })),
      );
      await started;
      const sentAt = performance.now();
      child.kill(signal);
      const { status, signalled } = await exited;
      assert.equal(status, exitCode, stderr);
      assert.ok(signalled - sentAt < 2000, `exited ${Math.round(signalled - sentAt)} ms after the signal`);
      assert.match(stderr, new RegExp(`pdf2xlsx: interrupted by ${signal}\\n$`));
      assert.equal(await readFile(output, 'utf8'), 'the previous workbook');
      assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
    });
  }
});
