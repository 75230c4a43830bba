// A batch: several inputs, a folder, or an output that is a folder. One pool for every file,
// an output per input in the output folder, a line per finished file and a summary at the end.
import { mkdir, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { EXIT_CODES, OutputError, UsageError, errorText, type ExitCode } from '../errors.js';
import { resolveLanguageData } from '../ocr/language-data.js';
import type { Options } from '../options.js';
import { removeUnusedFolders, trackCreatedFolder } from '../output/atomic-write.js';
import { STDOUT_PATH } from '../output/check-output-path.js';
import { logLine, plural } from '../report/log-line.js';
import { createBatchProgress } from '../report/progress.js';
import { collectInputs, uniqueOutputStems } from './collect-inputs.js';
import { batchExitCode, runBatch, type BatchItemResult } from './run-batch.js';
import { parseShard, selectShard } from './shard.js';

/** What the command line asked of the batch. */
export interface BatchRequest {
  inputs: string[];
  recursive: boolean;
  skipExisting: boolean;
  /** One JSON line per input on stdout. */
  json: boolean;
  shard: string | undefined;
}

/** Where the batch writes, and how it names inputs (a spooled pipe by the name it was given). */
export interface BatchIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  verbose: boolean;
  givenAs: (input: string) => string;
}

const secondsSince = (start: number) => Math.round(performance.now() - start) / 1000;

/** Checks the batch's options and output folder (made now, removed again if nothing was written there), then converts. */
export async function runBatchCommand(request: BatchRequest, options: Options, io: BatchIo): Promise<ExitCode> {
  if (options.output === STDOUT_PATH) throw new UsageError('several inputs need an output folder, not -o -', 'give a folder with -o');
  if (options.reportPath) throw new UsageError('--report takes a single input', 'use --json for a batch: one line per input');
  if (options.debugDir) throw new UsageError('--debug-dir takes a single input');
  const outputInfo = await stat(options.output).catch(() => null);
  if (outputInfo && !outputInfo.isDirectory()) throw new OutputError(`cannot write the batch into ${options.output}: it is a file`, 'give a folder with -o (it is made if missing)');
  if (!outputInfo && /\.(xlsx|json|csv)$/i.test(options.output)) {
    throw new UsageError(`several inputs, or a folder, make a batch: -o must be a folder, not ${options.output}`, 'give a folder with -o (it is made if missing)');
  }
  // Made now, so an unwritable place fails before any work; removed again if nothing was written.
  let created: string | undefined;
  try {
    created = await mkdir(options.output, { recursive: true });
  } catch (error) {
    throw new OutputError(`cannot create the output folder ${options.output}: ${errorText(error)}`);
  }
  // Removed again if nothing is written into it, at the end or on Ctrl-C.
  if (created) trackCreatedFolder(options.output, created);
  try {
    return await convertBatch(request, options, io);
  } finally {
    removeUnusedFolders();
  }
}

async function convertBatch(request: BatchRequest, options: Options, { stdout, stderr, verbose, givenAs }: BatchIo): Promise<ExitCode> {
  // Missing language data fails every input alike: say so once, before any work.
  resolveLanguageData(options.languages, options.tessdataDir);
  const shard = request.shard ? parseShard(request.shard) : null;
  const inputs = uniqueOutputStems(await collectInputs(request.inputs, request.recursive));
  const items = selectShard(inputs, shard);
  if (items.length === 0) {
    const why = inputs.length === 0 ? 'no PDF files found in the inputs' : `shard ${request.shard} has no inputs: the other shards hold all ${plural(inputs.length, 'input')}`;
    if (!options.quiet) stderr.write(`pdf2xlsx: warning: ${why}\n`);
    return EXIT_CODES.success;
  }
  const started = performance.now();
  const progress = createBatchProgress(stderr, options.quiet, items.length);
  const log = verbose ? (message: string) => stderr.write(logLine(message)) : undefined;
  const results = await runBatch(items, options, options.output, request.skipExisting, {
    progressFor: (item) => progress.forFile(item.input),
    log,
    onResult(result) {
      if (request.json) stdout.write(JSON.stringify({ ...result, input: givenAs(result.input) }) + '\n');
      const what =
        result.status === 'failed' ? `failed (exit ${result.exitCode}): ${result.error}`
        : result.status === 'skipped' ? `skipped (${result.reason})`
        : `${plural(result.pages, 'page')}, ${plural(result.tables, 'table')}, ${result.seconds.toFixed(1)} s${result.status === 'partial' ? ` (with losses, exit ${result.exitCode})` : ''}`;
      progress.fileDone(`${givenAs(result.input)} → ${result.output}: ${what}`);
      if (result.status === 'failed' && stderr.isTTY && !options.quiet) stderr.write(`\r\x1b[K${logLine(`${result.input}: ${result.error}`)}`);
    },
  });
  progress.stop();
  if (!options.quiet) stderr.write(`${batchSummaryLine(results, secondsSince(started))}\n`);
  return batchExitCode(results);
}

/** `pdf2xlsx: 12 inputs: 9 ok, 1 partial, 1 failed, 1 skipped; 31 tables in 42.0 s`: the last line of a batch, for a CI log. */
export function batchSummaryLine(results: readonly BatchItemResult[], seconds: number): string {
  const count = (status: BatchItemResult['status']) => results.filter((result) => result.status === status).length;
  const tables = results.reduce((sum, result) => sum + result.tables, 0);
  return `pdf2xlsx: ${plural(results.length, 'input')}: ${count('ok')} ok, ${count('partial')} partial, ${count('failed')} failed, ${count('skipped')} skipped; ${plural(tables, 'table')} in ${seconds.toFixed(1)} s`;
}
