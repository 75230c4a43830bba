// argv → Options → run → exit code. The only place errors become messages and exit codes.
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_CODES, InterruptedError, Pdf2XlsxError, type ExitCode } from '../errors.js';
import { DECIMAL_OPTIONS, DEFAULTS, OCR_MODES, OUTPUT_FORMATS, SHEET_LAYOUTS, resolveOptions, type OptionInput } from '../options.js';
import { createProgressReporter } from '../report/progress.js';
import { runPipeline, type RunResult } from '../run.js';
import { removeTemporaryFiles } from '../output/atomic-write.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

interface ParsedCommand {
  options: OptionInput;
  verbose: boolean;
}

function buildProgram(streams: CliStreams): Command {
  return new Command()
    .name('pdf2xlsx')
    .description('Extract the tables of a PDF (scanned or born-digital) into an Excel workbook.')
    .version(version, '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .argument('<input>', 'the PDF file to read')
    .requiredOption('-o, --output <path>', 'the .xlsx (or .json) file to write, a folder for --format csv, or - for standard output (csv, json); written atomically, never over the input')
    .addOption(new Option('--format <format>', `what to write (default: ${DEFAULTS.format})`).choices(OUTPUT_FORMATS))
    .option('--workers <n>', `worker threads (default: ${DEFAULTS.workers}, this machine's cores)`)
    .option('--pages <spec>', "pages to read, e.g. 1-3,5,7-end (default: all)")
    .option('--dpi <n>', `render resolution for OCR (default: ${DEFAULTS.dpi})`)
    .option('--lang <codes>', `OCR languages joined with '+', e.g. eng+chi_sim (default: ${DEFAULTS.lang})`)
    .option('--tessdata <dir>', 'a folder of <lang>.traineddata files (default: the bundled eng data, TESSDATA_PREFIX, Debian tesseract-ocr-* data)')
    .addOption(new Option('--sheets <layout>', `one sheet per table, one per page, or all tables on one sheet (default: ${DEFAULTS.sheets})`).choices(SHEET_LAYOUTS))
    .option('--no-typing', 'keep every cell as text (default: numbers and dates become typed cells)')
    .addOption(new Option('--decimal <separator>', `decimal separator of numbers in cells; auto decides per column (default: ${DEFAULTS.decimal})`).choices(DECIMAL_OPTIONS))
    .option('--no-join', 'keep a table continued on the next page as two tables (default: joined)')
    .option('--mark-low-confidence', `fill cells OCR read with confidence below ${DEFAULTS.lowConfidence}% in colour (they always get a comment)`)
    .option('--report <file>', 'write a JSON report of the run: per table its page, box, source, size and confidence; warnings; stage times')
    .addOption(new Option('--ocr <mode>', `auto: read born-digital pages from their text layer and OCR the rest; always: OCR every page; never: fail on a page that needs OCR (default: ${DEFAULTS.ocr})`).choices(OCR_MODES))
    .option('--password <pw>', 'password of an encrypted PDF')
    .option('-q, --quiet', 'no progress bar and no warnings on stderr')
    .option('--debug-dir <dir>', 'write per page a PNG of the detected rulings, tables, cells and words, and per OCR\'d table a PNG of the crop as OCR saw it')
    .option('--verbose', 'print per-page decisions (text layer or OCR, vector or raster rulings), stage timings, and stack traces of internal errors, on stderr')
    .showHelpAfterError('(run pdf2xlsx --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
      outputError: (text, write) => write(`pdf2xlsx: ${text.replace(/^error: /, '')}`),
    });
}

function parseArguments(argv: string[], streams: CliStreams): ParsedCommand {
  const program = buildProgram(streams);
  program.parse(argv, { from: 'user' });
  const flags = program.opts<Record<string, string | boolean | undefined>>();
  return {
    verbose: flags.verbose === true,
    options: {
      input: program.args[0],
      output: flags.output as string,
      workers: flags.workers as string | undefined,
      pages: flags.pages as string | undefined,
      dpi: flags.dpi as string | undefined,
      lang: flags.lang as string | undefined,
      tessdata: flags.tessdata as string | undefined,
      sheets: flags.sheets as string | undefined,
      ocr: flags.ocr as string | undefined,
      password: flags.password as string | undefined,
      quiet: flags.quiet === true,
      debugDir: flags.debugDir as string | undefined,
      format: flags.format as string | undefined,
      typing: flags.typing !== false,
      decimal: flags.decimal as string | undefined,
      join: flags.join !== false,
      markLowConfidence: flags.markLowConfidence === true,
      report: flags.report as string | undefined,
    },
  };
}

function printTimings(result: RunResult, stderr: NodeJS.WritableStream): void {
  const t = result.timings;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
  stderr.write(
    `pdf2xlsx: ${result.pageNumbers.length} pages, ${result.tables.length} tables in ${seconds(t.totalMs)} ` +
      `(open ${seconds(t.openMs)}, render ${seconds(t.renderMs)}, text ${seconds(t.textMs)}, detect ${seconds(t.detectMs)}, ` +
      `ocr ${seconds(t.ocrMs)} summed over threads; assemble ${seconds(t.assembleMs)}, write ${seconds(t.writeMs)}); ` +
      // maxRSS covers the whole process, worker threads included (they share it).
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; cpu ${seconds(result.load.cpuMs)}; ` +
      `main thread busy ${percent(result.load.mainThreadBusyRatio)} (${seconds(result.load.mainThreadBusyMs)}, ${seconds(result.load.mainThreadBusyDuringPoolMs)} of it beside the pool); ` +
      `workers busy ${percent(result.load.poolBusyRatio)}\n`,
  );
}

/**
 * On SIGINT/SIGTERM: remove any half-written output (an existing output file is only ever replaced
 * by the final rename, so it stays as it was) and exit at once with 130/143; the worker threads and
 * their tesseract.js workers end with the process.
 */
export function exitCleanlyOnSignals(stderr: NodeJS.WritableStream): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      const error = new InterruptedError(signal);
      stderr.write(`pdf2xlsx: ${error.message}\n`);
      process.exit(error.exitCode);
    });
  }
}

/** Runs the CLI; returns the exit code (never calls process.exit, so pools and streams close). */
export async function main(argv: string[], streams: CliStreams = { stdout: process.stdout, stderr: process.stderr }): Promise<ExitCode> {
  let verbose = argv.includes('--verbose');
  try {
    const parsed = parseArguments(argv, streams);
    verbose = parsed.verbose;
    const options = resolveOptions(parsed.options);
    const progress = createProgressReporter(streams.stderr, options.quiet);
    const log = verbose ? (message: string) => progress.warn(message, 'info') : undefined;
    const stdout = (text: string) => new Promise<void>((resolve, reject) => streams.stdout.write(text, (error) => (error ? reject(error) : resolve())));
    const result = await runPipeline(options, { progress, log, stdout });
    if (verbose) printTimings(result, streams.stderr);
    return EXIT_CODES.success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its message.
      return error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES.usage;
    }
    if (error instanceof Pdf2XlsxError) {
      streams.stderr.write(`pdf2xlsx: ${error.message}${error.hint ? `; ${error.hint}` : ''}\n`);
      return error.exitCode;
    }
    const detail = verbose && error instanceof Error ? `\n${error.stack}` : ' (run with --verbose for details)';
    streams.stderr.write(`pdf2xlsx: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return EXIT_CODES.internal;
  }
}
