// Progress on stderr: a cli-progress bar when stderr is a terminal, nothing otherwise (a CI log
// would fill with redraws). stdout is never touched.
import cliProgress from 'cli-progress';

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

export function createProgressReporter(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  const printWarning = (message: string, level: 'warning' | 'info' = 'warning') =>
    stream.write(level === 'info' ? `pdf2xlsx: ${message}\n` : `pdf2xlsx: warning: ${message}\n`);
  if (quiet || !stream.isTTY) {
    const noop = () => undefined;
    return { start: noop, pageDone: noop, tableDone: noop, warn: quiet ? noop : printWarning, stop: noop };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'pdf2xlsx [{bar}] pages {pagesDone}/{pages} | tables {tablesDone}/{tables} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let pages = 0;
  let pagesDone = 0;
  let tables = 0;
  let tablesDone = 0;
  // The bar counts pages and tables together; the table total grows as pages are detected.
  const update = () => {
    bar.setTotal(Math.max(1, pages + tables));
    bar.update(pagesDone + tablesDone, { pages, pagesDone, tables, tablesDone });
  };
  return {
    start(totalPages) {
      pages = totalPages;
      bar.start(Math.max(1, totalPages), 0, { pages, pagesDone, tables, tablesDone });
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
