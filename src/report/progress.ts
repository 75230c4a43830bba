// Progress on stderr (stdout stays for data: `-o -`, `--json`). On a terminal: a cli-progress bar.
// Elsewhere (a CI log, a pipe), where redraws would fill the log: a short line every
// PAGES_PER_LINE pages of a long file and one per finished file in a batch. No colours, ever (so
// NO_COLOR holds). -q: nothing but errors.
import cliProgress from 'cli-progress';
import { logLine } from './log-line.js';

export interface ProgressReporter {
  /** The number of pages to render is known. */
  start(totalPages: number): void;
  /** A page was rendered and its tables found. */
  pageDone(tablesFound: number): void;
  /** A table was read. */
  tableDone(): void;
  /** Prints a warning (or, with 'info', a --verbose note) without breaking the bar. */
  warn(message: string, level?: 'warning' | 'info'): void;
  stop(): void;
}

// A long file gets a progress line every this many pages when stderr is not a terminal.
const PAGES_PER_LINE = 10;

const noop = () => undefined;

function warningPrinter(stream: NodeJS.WritableStream, prefix = '') {
  return (message: string, level: 'warning' | 'info' = 'warning') =>
    void stream.write(logLine(level === 'info' ? `${prefix}${message}` : `warning: ${prefix}${message}`));
}

/** Lines for a log: `pdf2xlsx: <label>: page 10/120` every PAGES_PER_LINE pages of a long file. */
function lineProgress(stream: NodeJS.WritableStream, label: string): ProgressReporter {
  let total = 0;
  let done = 0;
  return {
    start(totalPages) {
      total = totalPages;
    },
    pageDone() {
      done++;
      if (total > PAGES_PER_LINE && done % PAGES_PER_LINE === 0 && done < total) stream.write(logLine(`${label}page ${done}/${total}`));
    },
    tableDone: noop,
    warn: warningPrinter(stream, label),
    stop: noop,
  };
}

/**
 * Time left at the pace so far, `--` until something is done (cli-progress's own ETA reads 0 s
 * then, and a total that grows as tables are found throws it off).
 */
export function etaText(elapsedMs: number, done: number, total: number): string {
  if (done === 0 || total <= done) return done === 0 ? '--' : '0s';
  const seconds = Math.round(((total - done) * elapsedMs) / done / 1000);
  return seconds < 60 ? `${seconds}s` : seconds < 3600 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

function createBar(stream: NodeJS.WriteStream, format: string) {
  return new cliProgress.SingleBar({ stream, format, hideCursor: true, clearOnComplete: true, etaBuffer: 20 }, cliProgress.Presets.shades_classic);
}

export function createProgressReporter(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  if (quiet) return { start: noop, pageDone: noop, tableDone: noop, warn: noop, stop: noop };
  if (!stream.isTTY) return lineProgress(stream, '');
  const printWarning = warningPrinter(stream);
  const bar = createBar(stream, 'pdf2xlsx [{bar}] pages {pagesDone}/{pages} | tables {tablesDone}/{tables} | {duration_formatted} | ETA {timeLeft}');
  let pages = 0;
  let pagesDone = 0;
  let tables = 0;
  let tablesDone = 0;
  const started = Date.now();
  // The bar counts pages and tables together; the table total grows as pages are detected.
  const update = () => {
    bar.setTotal(Math.max(1, pages + tables));
    bar.update(pagesDone + tablesDone, { pages, pagesDone, tables, tablesDone, timeLeft: etaText(Date.now() - started, pagesDone + tablesDone, pages + tables) });
  };
  return {
    start(totalPages) {
      pages = totalPages;
      bar.start(Math.max(1, totalPages), 0, { pages, pagesDone, tables, tablesDone, timeLeft: etaText(0, 0, totalPages) });
    },
    pageDone(tablesFound) {
      pagesDone++;
      tables += tablesFound;
      update();
    },
    tableDone() {
      tablesDone++;
      update();
    },
    warn(message, level) {
      // Clear the bar's line, print, and let the next update redraw it.
      stream.write('\r\x1b[K');
      printWarning(message, level);
      bar.render();
    },
    stop() {
      bar.stop();
    },
  };
}

/** Progress of a batch: per file a reporter; a bar over the files, or a line per finished file. */
export interface BatchProgress {
  forFile(input: string): ProgressReporter;
  /** A file is done: `summary` says how it went (printed as a line when stderr is not a terminal). */
  fileDone(summary: string): void;
  stop(): void;
}

export function createBatchProgress(stream: NodeJS.WriteStream, quiet: boolean, totalFiles: number): BatchProgress {
  if (quiet) return { forFile: () => createProgressReporter(stream, true), fileDone: noop, stop: noop };
  let filesDone = 0;
  if (!stream.isTTY) {
    return {
      forFile: (input) => lineProgress(stream, `${input}: `),
      fileDone(summary) {
        filesDone++;
        stream.write(logLine(`[${filesDone}/${totalFiles}] ${summary}`));
      },
      stop: noop,
    };
  }
  const bar = createBar(stream, 'pdf2xlsx [{bar}] files {value}/{total} | pages {pages} | tables {tables} | {duration_formatted} | ETA {timeLeft}');
  let pages = 0;
  let tables = 0;
  const started = Date.now();
  const eta = () => etaText(Date.now() - started, filesDone, totalFiles);
  bar.start(totalFiles, 0, { pages, tables, timeLeft: eta() });
  return {
    forFile: (input) => {
      const printWarning = warningPrinter(stream, `${input}: `);
      return {
        start: noop,
        pageDone() {
          pages++;
          bar.update(filesDone, { pages, tables, timeLeft: eta() });
        },
        tableDone() {
          tables++;
          bar.update(filesDone, { pages, tables, timeLeft: eta() });
        },
        warn(message, level) {
          stream.write('\r\x1b[K');
          printWarning(message, level);
          bar.render();
        },
        stop: noop,
      };
    },
    fileDone() {
      filesDone++;
      bar.update(filesDone, { pages, tables, timeLeft: eta() });
    },
    stop() {
      bar.stop();
    },
  };
}
