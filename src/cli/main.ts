// argv → Options → run → exit code. The only place errors become messages and exit codes.
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBatchCommand } from '../batch/batch-command.js';
import { failedResult, finishedResult, outputIsUpToDate, skippedResult } from '../batch/run-batch.js';
import { parseShard, selectShard } from '../batch/shard.js';
import { EXIT_CODES, InterruptedError, Pdf2XlsxError, UsageError, errorLine, exitCodeOf, type ExitCode } from '../errors.js';
import { STDOUT_PATH } from '../output/check-output-path.js';
import { isDelimitedFormat, resolveOptions, type OptionInput, type Options } from '../options.js';
import { logLine, plural, printable } from '../report/log-line.js';
import { createProgressReporter } from '../report/progress.js';
import { runPipeline } from '../pipeline/run.js';
import type { RunResult } from '../types.js';
import { removeTemporaryFiles } from '../output/atomic-write.js';
import { OPTION_FLAGS, optionInputOf } from './option-flags.js';
import { spoolUnseekableInputs, type SpooledInputs } from './spool-input.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

interface ParsedCommand {
  /** Options for each input; `input` is the first one. */
  options: OptionInput;
  inputs: string[];
  verbose: boolean;
  batch: { recursive: boolean; skipExisting: boolean; json: boolean; shard: string | undefined };
}

// What --help ends with: how it is used, and what each exit code means (README: Exit codes).
const HELP_FOOTER = `
Examples:
  pdf2xlsx report.pdf -o report.xlsx --workers 4        one workbook, a sheet per table
  pdf2xlsx scans/ -o out/ --lang chi_sim+eng --json      a folder of PDFs, one line of JSON per file

Exit codes:
  ${EXIT_CODES.success}    success
  ${EXIT_CODES.internal}    internal error (a bug; --verbose shows its stack trace)
  ${EXIT_CODES.usage}    bad option or argument
  ${EXIT_CODES.inputUnreadable}    input unreadable: missing, not a PDF, damaged, encrypted without the right --password
  ${EXIT_CODES.outputNotWritable}    output not writable
  ${EXIT_CODES.noTables}    no table found, with --fail-on-empty
  ${EXIT_CODES.ocrFailure}    OCR could not start (language data missing or broken)
  ${EXIT_CODES.partial}    finished with losses: some pages or tables could not be read (named in warnings)
  ${EXIT_CODES.someInputsFailed}    a batch in which some inputs failed
  ${EXIT_CODES.interrupted}  interrupted (SIGINT)
  ${EXIT_CODES.terminated}  terminated (SIGTERM)
`;

function buildProgram(streams: CliStreams): Command {
  const program = new Command()
    .name('pdf2xlsx')
    .description('Extract the tables of a PDF (scanned or born-digital) into an Excel workbook.')
    .version(version, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .argument('<inputs...>', 'PDF files, or folders of PDF files (a batch); - reads one PDF from standard input')
    // Not a commander requiredOption: commander reports a missing one before an unknown option,
    // so `--ouput x.xlsx` was told "-o not specified" instead of "did you mean --output?".
    .option('-o, --output <path>', 'the .xlsx (or .json, .csv) file to write, a folder for --format csv, or - for standard output (csv, json); for several inputs or a folder, the output folder (<name>.xlsx per input); written atomically, never over the input (required)');
  for (const spec of Object.values(OPTION_FLAGS)) {
    const option = new Option(spec.flags, spec.help);
    if (spec.choices) option.choices(spec.choices);
    if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    program.addOption(option);
  }
  return program
    .option('--recursive', 'a folder input includes the PDFs in its subfolders (outputs keep their relative paths)')
    .option('--skip-existing', 'skip inputs whose output exists and is newer than the input (rerun a killed batch)')
    .option('--json', 'print one JSON line per input to stdout as it finishes (NDJSON): input, output, status, exitCode, pages, tables, warnings, seconds')
    .option('--shard <i/n>', 'convert only the i-th of n shares of the sorted input list (spread a batch over n jobs)')
    .option('--verbose', 'print per-page decisions (text layer or OCR, vector or raster rulings), stage timings, and stack traces of internal errors, on stderr')
    .addHelpText('after', HELP_FOOTER)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      // One line, as every error of ours: commander's "(Did you mean --output?)" joins it, and an
      // option typed with a control character in it cannot break the log.
      outputError: (text, write) => write(logLine(`${oneLine(text.replace(/^error: /, '')).replace(/\.$/, '')}; run pdf2xlsx --help for usage`)),
    });
}

const oneLine = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');

function parseArguments(argv: string[], streams: CliStreams): ParsedCommand {
  const program = buildProgram(streams);
  program.parse(argv, { from: 'user' });
  const flags = program.opts<Record<string, string | boolean | undefined>>();
  if (typeof flags.output !== 'string') throw new UsageError("required option '-o, --output <path>' not specified", 'give the file or folder to write, e.g. -o tables.xlsx (run pdf2xlsx --help for usage)');
  return {
    verbose: flags.verbose === true,
    inputs: program.args,
    batch: { recursive: flags.recursive === true, skipExisting: flags.skipExisting === true, json: flags.json === true, shard: flags.shard as string | undefined },
    options: optionInputOf(flags, program.args[0], flags.output as string),
  };
}

function printTimings(result: RunResult, stderr: NodeJS.WritableStream): void {
  const t = result.timings;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
  stderr.write(
    `pdf2xlsx: ${plural(result.pageNumbers.length, 'page')}, ${plural(result.tables.length, 'table')} in ${seconds(t.totalMs)} ` +
      `(open ${seconds(t.openMs)}, render ${seconds(t.renderMs)}, text ${seconds(t.textMs)}, detect ${seconds(t.detectMs)}, structure ${seconds(t.structureMs)}, ` +
      `ocr ${seconds(t.ocrMs)} [probe ${seconds(t.ocrProbeMs)}, page ${seconds(t.ocrPageMs)}, reread ${seconds(t.ocrRereadMs)}, cells ${seconds(t.ocrCellsMs)}; ` +
      `in models: find text ${seconds(t.ocrModels.findTextMs)}, classify ${seconds(t.ocrModels.classifyMs)}, recognise ${seconds(t.ocrModels.recognizeMs)}] summed over threads; ` +
      `assemble ${seconds(t.assembleMs)}, write ${seconds(t.writeMs)}); ` +
      // maxRSS covers the whole process, worker threads included (they share it).
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; cpu ${seconds(result.load.cpuMs)}; ` +
      `main thread busy ${percent(result.load.mainThreadBusyRatio)} (${seconds(result.load.mainThreadBusyMs)}, ${seconds(result.load.mainThreadBusyDuringPoolMs)} of it beside the pool); ` +
      `workers busy ${percent(result.load.poolBusyRatio)}\n`,
  );
}


/** `pdf2xlsx: 3 tables from 2 pages → out.xlsx; 4 cells read with low confidence (marked)`. */
export function summaryLine(result: RunResult, output: string): string {
  const unsure = result.tables.reduce((sum, table) => sum + table.cells.filter((cell) => cell.check !== null).length, 0);
  const where = output === STDOUT_PATH ? 'standard output' : output;
  const note = unsure > 0 ? `; ${plural(unsure, 'cell')} read with low confidence (marked with a comment)` : '';
  const empty = result.emptyPages.length > 0 ? ` (${result.emptyPages.length} empty)` : '';
  return `pdf2xlsx: ${plural(result.tables.length, 'table')} from ${plural(result.pages.length, 'page')}${empty} → ${where}${note}`;
}

/**
 * On SIGINT/SIGTERM: remove any half-written output (an existing output file is only ever replaced
 * by the final rename, so it stays as it was) and end at once by the same signal, which a shell
 * reports as 130/143; the worker threads and their tesseract.js workers end with the process.
 * Not process.exit(): that first tears down every worker thread, and Node 20 can abort in the
 * teardown of one caught mid-way through creating a zlib stream (a tesseract.js worker gunzipping
 * its language data): "Assertion failed: init_done_ && close before init", and a stack trace.
 */
// The progress bar hides the cursor and turns autowrap off (cli-progress); a run ended by a signal
// never reaches the bar's stop(), so the terminal is given both back here, and the message starts
// on a cleared line rather than glued to the bar's.
const RESTORE_TERMINAL = '\r\x1b[K\x1b[?25h\x1b[?7h';

export function exitCleanlyOnSignals(stderr: NodeJS.WritableStream): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      if ((stderr as NodeJS.WriteStream).isTTY) stderr.write(RESTORE_TERMINAL);
      stderr.write(`pdf2xlsx: ${new InterruptedError(signal).message}\n`);
      // With its listener gone, the signal gets Node's default handling: the process ends by it.
      process.kill(process.pid, signal);
    });
  }
}

const secondsSince = (start: number) => Math.round(performance.now() - start) / 1000;

/**
 * A batch: several inputs, a folder input, or (xlsx/json) an output that is a folder. One input
 * file with `-o out.xlsx` (or a CSV folder) is a single run, as it always was.
 */
async function isBatch(inputs: string[], options: Options): Promise<boolean> {
  if (inputs.length > 1) return true;
  if ((await stat(inputs[0]).catch(() => null))?.isDirectory()) return true;
  if (isDelimitedFormat(options.format) || options.output === STDOUT_PATH) return false;
  return options.output.endsWith('/') || options.output.endsWith(path.sep) || !!(await stat(options.output).catch(() => null))?.isDirectory();
}

/** Runs the CLI; returns the exit code (never calls process.exit, so pools and streams close). */
export async function main(argv: string[], streams: CliStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<ExitCode> {
  let verbose = argv.includes('--verbose');
  let spooled: SpooledInputs | null = null;
  try {
    const parsed = parseArguments(argv, streams);
    verbose = parsed.verbose;
    // `-` and pipes are copied to temporary files first (pdf.js reads by byte ranges).
    spooled = await spoolUnseekableInputs(parsed.inputs);
    parsed.inputs = spooled.inputs;
    parsed.options.input = spooled.inputs[0];
    const options = resolveOptions(parsed.options);
    // A reader that has gone (`| head -c 10`) wants no more: the rest is dropped, quietly.
    const readerGone = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
    // Errors also reach the write callbacks below; without a listener a stream error is thrown
    // as an uncaught exception (a stack trace).
    streams.stdout.on('error', () => undefined);
    const stdout = (text: string) => new Promise<void>((resolve, reject) => streams.stdout.write(text, (error) => (error && !readerGone(error) ? reject(error) : resolve())));
    if (await isBatch(parsed.inputs, options)) {
      return await runBatchCommand({ inputs: parsed.inputs, ...parsed.batch }, options, { ...streams, verbose, givenAs: spooled.givenAs });
    }
    const givenInput = spooled.givenAs(options.input);
    const shard = parsed.batch.shard ? parseShard(parsed.batch.shard) : null;
    if (selectShard([options.input], shard).length === 0) {
      if (!options.quiet) streams.stderr.write(`pdf2xlsx: warning: shard ${parsed.batch.shard} has no inputs: the other shards hold the 1 input\n`);
      return EXIT_CODES.success;
    }
    if (parsed.batch.json && options.output === STDOUT_PATH) throw new UsageError('--json and -o - both write to standard output', 'give a file with -o');
    const started = performance.now();
    if (parsed.batch.skipExisting && (await outputIsUpToDate(options.input, options.output, options.format))) {
      if (parsed.batch.json) await stdout(JSON.stringify(skippedResult(givenInput, options.output, secondsSince(started))) + '\n');
      return EXIT_CODES.success;
    }
    const progress = createProgressReporter(streams.stderr, options.quiet);
    const log = verbose ? (message: string) => progress.warn(message, 'info') : undefined;
    let result: RunResult;
    try {
      result = await runPipeline(options, { progress, log, stdout });
    } catch (error) {
      if (parsed.batch.json && error instanceof Pdf2XlsxError) await stdout(JSON.stringify(failedResult(givenInput, options.output, error, secondsSince(started))) + '\n');
      throw error;
    }
    if (verbose) printTimings(result, streams.stderr);
    // On a terminal, a finished run says what it made; piped or with -q it stays silent.
    if (streams.stderr.isTTY && !options.quiet) streams.stderr.write(`${printable(summaryLine(result, options.output))}\n`);
    if (parsed.batch.json) await stdout(JSON.stringify(finishedResult(givenInput, options.output, result, secondsSince(started))) + '\n');
    return exitCodeOf(result);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its message.
      return error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES.usage;
    }
    if (error instanceof Pdf2XlsxError) {
      streams.stderr.write(logLine(errorLine(error, spooled ? spooled.named(error.message) : error.message)));
      return error.exitCode;
    }
    const detail = verbose && error instanceof Error ? `\n${error.stack}` : ' (run with --verbose for details)';
    streams.stderr.write(`pdf2xlsx: internal error: ${printable(error instanceof Error ? error.message : String(error))}${detail}\n`);
    return EXIT_CODES.internal;
  } finally {
    await spooled?.cleanUp();
  }
}
