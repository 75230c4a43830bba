// The fuzz run: mutated PDFs through the built CLI. Every run must end within a time bound with
// a documented exit code for bad input (0, 3, 5, 7), one line on stderr and no stack trace; a run
// that did not succeed must leave neither output nor temporary file behind.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { ENCRYPTED_PASSWORD, mulberry32 } from '../fixtures/lib/index.ts';
import { EXIT_CODES } from '../src/index.ts';
import { MUTATION_KINDS, mutate, type MutationKind } from './mutate.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin/pdf2xlsx.js');

/** Exit codes a bad input may end with; anything else (an internal error above all) is a finding. */
export const ACCEPTED_EXIT_CODES: readonly number[] = [EXIT_CODES.success, EXIT_CODES.inputUnreadable, EXIT_CODES.noTables, EXIT_CODES.partial];

export interface FuzzCase {
  index: number;
  source: string;
  kind: MutationKind;
  detail: string;
  workers: number;
  exitCode: number | null;
  seconds: number;
  /** Empty when the run behaved; else what was wrong. */
  problems: string[];
}

export interface FuzzOptions {
  count: number;
  seed: number;
  /** Seed PDFs (paths); each case mutates one of them. */
  sources: string[];
  /** A run longer than this is a finding (it is killed at twice this). */
  timeBoundMs: number;
  workDir: string;
  onCase?: (result: FuzzCase) => void;
}

function runCli(args: string[], killAfterMs: number): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: killAfterMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzCase[]> {
  const random = mulberry32(options.seed);
  const sources = await Promise.all(options.sources.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(file)) })));
  const results: FuzzCase[] = [];
  for (let index = 0; index < options.count; index++) {
    const source = sources[Math.floor(random() * sources.length)];
    const kind = MUTATION_KINDS[Math.floor(random() * MUTATION_KINDS.length)];
    const mutation = mutate(source.bytes, kind, Math.floor(random() * 2 ** 31));
    const workers = random() < 0.5 ? 1 : 2;
    const caseDir = path.join(options.workDir, `case-${index}`);
    await mkdir(caseDir, { recursive: true });
    const input = path.join(caseDir, 'input.pdf');
    const output = path.join(caseDir, 'out.xlsx');
    await writeFile(input, mutation.bytes);
    // The password opens the encrypted seed (others ignore it), so its mutations reach past the decryption.
    const run = await runCli([input, '-o', output, '--workers', String(workers), '--timeout', '30', '--password', ENCRYPTED_PASSWORD], 2 * options.timeBoundMs);
    const problems: string[] = [];
    if (run.ms > options.timeBoundMs) problems.push(`took ${(run.ms / 1000).toFixed(1)} s`);
    if (run.code === null || !ACCEPTED_EXIT_CODES.includes(run.code)) problems.push(`exit code ${run.code}`);
    if (/\n\s+at /.test(run.stderr)) problems.push('stack trace on stderr');
    const succeeded = run.code === EXIT_CODES.success || run.code === EXIT_CODES.partial;
    if (!succeeded && existsSync(output)) problems.push('a failed run left its output');
    if (succeeded) {
      try {
        await new ExcelJS.Workbook().xlsx.readFile(output);
      } catch (error) {
        problems.push(`the workbook does not open: ${String(error)}`);
      }
    }
    const leftovers = (await readdir(caseDir)).filter((name) => name.endsWith('.tmp'));
    if (leftovers.length > 0) problems.push(`temporary files left: ${leftovers.join(', ')}`);
    const result: FuzzCase = { index, source: path.basename(source.file), kind, detail: mutation.detail, workers, exitCode: run.code, seconds: run.ms / 1000, problems };
    if (problems.length > 0) await writeFile(path.join(caseDir, 'stderr.txt'), run.stderr);
    else await rm(caseDir, { recursive: true, force: true });
    results.push(result);
    options.onCase?.(result);
  }
  return results;
}

/** Count by exit code, the slowest case, and the findings. */
export function summarise(results: FuzzCase[]): string {
  const byCode = new Map<string, number>();
  for (const result of results) byCode.set(String(result.exitCode), (byCode.get(String(result.exitCode)) ?? 0) + 1);
  const slowest = results.reduce((a, b) => (b.seconds > a.seconds ? b : a), results[0]);
  const findings = results.filter((result) => result.problems.length > 0);
  return [
    `fuzz: ${results.length} mutated inputs; exit codes ${[...byCode.entries()].sort().map(([code, count]) => `${code}×${count}`).join(', ')}`,
    `slowest: ${slowest.seconds.toFixed(1)} s (case ${slowest.index}: ${slowest.source}, ${slowest.kind}: ${slowest.detail})`,
    `findings: ${findings.length}`,
    ...findings.map((result) => `  case ${result.index} (${result.source}, ${result.kind}: ${result.detail}, --workers ${result.workers}): ${result.problems.join('; ')}`),
  ].join('\n');
}
