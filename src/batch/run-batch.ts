// Many inputs in one process: one worker pool serves every file (a file's pages queue behind the
// previous file's, so the cores stay busy across file boundaries), each file is converted as a
// single run would, and one bad file is reported without stopping the others.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EXIT_CODES, Pdf2XlsxError, errorLine, exitCodeOf, type ExitCode } from '../errors.js';
import { isDelimitedFormat, type Options } from '../options.js';
import { isCompleteOutput } from '../output/complete-output.js';
import { NoSelectedPagesError } from '../page-spec.js';
import { createTaskExecutor } from '../pipeline/task-executor.js';
import { Slots } from '../pool/slots.js';
import type { ProgressReporter } from '../report/progress.js';
import { pageSlotsFor, runPipeline, type RunDependencies } from '../pipeline/run.js';
import type { RunResult } from '../types.js';
import type { BatchInput } from './collect-inputs.js';

export type BatchStatus = 'ok' | 'partial' | 'failed' | 'skipped';

/** One input's outcome: a line of `--json` output. */
export interface BatchItemResult {
  input: string;
  output: string;
  status: BatchStatus;
  exitCode: ExitCode;
  pages: number;
  /** Of the pages, those with nothing on them (blank or separator pages). */
  emptyPages: number;
  tables: number;
  warnings: string[];
  seconds: number;
  /** Why it failed (status 'failed'). */
  error?: string;
  /** Why it was skipped (status 'skipped'). */
  reason?: string;
}

export interface BatchDependencies {
  /** A progress reporter for one file's run. */
  progressFor: (item: BatchInput) => ProgressReporter;
  log?: (message: string) => void;
  /** Called as each input finishes (or is skipped), in the order they finish. */
  onResult: (result: BatchItemResult) => void;
  createExecutor?: RunDependencies['createExecutor'];
}

/** Where an input's output goes: `<outDir>/<stem>.xlsx` (or .json), or the folder `<outDir>/<stem>` for CSV and TSV. */
export function outputPathFor(item: BatchInput, outDir: string, format: Options['format']): string {
  const stem = path.join(outDir, ...item.outputStem.split('/'));
  return isDelimitedFormat(format) ? stem : `${stem}.${format}`;
}

/** --skip-existing: the output exists, is not older than the input, and reads back whole. */
export async function outputIsUpToDate(input: string, output: string, format: Options['format']): Promise<boolean> {
  const [inputInfo, outputInfo] = await Promise.all([stat(input).catch(() => null), stat(output).catch(() => null)]);
  return !!inputInfo && !!outputInfo && outputInfo.mtimeMs >= inputInfo.mtimeMs && (await isCompleteOutput(output, format));
}

/** The result line of an input skipped: by --skip-existing (output up to date), or holding none of --pages. */
export function skippedResult(input: string, output: string, seconds: number, reason = 'output up to date'): BatchItemResult {
  return { input, output, status: 'skipped', exitCode: EXIT_CODES.success, pages: 0, emptyPages: 0, tables: 0, warnings: [], seconds, reason };
}

/** The result line of an input that was converted (possibly with losses). */
export function finishedResult(input: string, output: string, result: RunResult, seconds: number): BatchItemResult {
  const exitCode = exitCodeOf(result);
  const status = exitCode === EXIT_CODES.success ? 'ok' : 'partial';
  return { input, output, status, exitCode, pages: result.pages.length, emptyPages: result.emptyPages.length, tables: result.tables.length, warnings: result.warnings, seconds };
}

/** The result line of an input that could not be converted. */
export function failedResult(input: string, output: string, error: unknown, seconds: number): BatchItemResult {
  const known = error instanceof Pdf2XlsxError;
  return { input, output, status: 'failed', exitCode: known ? error.exitCode : EXIT_CODES.internal, pages: 0, emptyPages: 0, tables: 0, warnings: [], seconds, error: errorLine(error) };
}

/** The exit code of a whole batch: any input failed, else any finished with losses, else success. */
export function batchExitCode(results: readonly BatchItemResult[]): ExitCode {
  if (results.some((result) => result.status === 'failed')) return EXIT_CODES.someInputsFailed;
  if (results.some((result) => result.status === 'partial')) return EXIT_CODES.partial;
  return EXIT_CODES.success;
}

export async function runBatch(items: readonly BatchInput[], base: Options, outDir: string, skipExisting: boolean, dependencies: BatchDependencies): Promise<BatchItemResult[]> {
  const executor = (dependencies.createExecutor ?? createTaskExecutor)(base.workers);
  const shared = { executor, pageSlots: pageSlotsFor(executor) };
  // Files in flight: enough that the next file's first pages are queued while the last pages of
  // the one before are worked on; the shared page slots bound the memory.
  const files = new Slots(Math.max(2, executor.threadCount));
  const convert = async (item: BatchInput): Promise<BatchItemResult> => {
    const output = outputPathFor(item, outDir, base.format);
    const started = performance.now();
    const seconds = () => Math.round(performance.now() - started) / 1000;
    if (skipExisting && (await outputIsUpToDate(item.input, output, base.format))) return skippedResult(item.input, output, seconds());
    try {
      await mkdir(path.dirname(output), { recursive: true });
      const result = await runPipeline({ ...base, input: item.input, output, ignorePagesBeyondEnd: true }, { progress: dependencies.progressFor(item), log: dependencies.log, shared });
      return finishedResult(item.input, output, result, seconds());
    } catch (error) {
      if (error instanceof NoSelectedPagesError) return skippedResult(item.input, output, seconds(), error.message);
      return failedResult(item.input, output, error, seconds());
    }
  };
  try {
    // Gathered by index: results come back in input order; onResult hears them as they finish.
    return await Promise.all(
      items.map((item) =>
        files.run(async () => {
          const result = await convert(item);
          dependencies.onResult(result);
          return result;
        }),
      ),
    );
  } finally {
    await executor.close();
  }
}
