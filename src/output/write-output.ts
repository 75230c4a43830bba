// The run's tables → the output the user asked for: an xlsx workbook, CSV files (one per table,
// in a folder, or all in one file named .csv) or one JSON document; CSV and JSON can go to
// standard output with `-o -`.
import type { Options } from '../options.js';
import type { TypedTable } from '../types.js';
import { loadExcelJs, workbookBytes } from './write-workbook.js';
import { writeFileAtomically } from './atomic-write.js';
import { STDOUT_PATH, isCsvFileName } from './check-output-path.js';
import { UTF8_BOM, tableCsv, writeCsvFiles } from './write-csv.js';
import { tablesDocument } from './write-json.js';

export interface WrittenOutput {
  /** Files written (none for standard output). */
  files: string[];
  warnings: string[];
}

/** Where `-o -` output goes; the CLI passes process.stdout. */
export type TextSink = (text: string) => Promise<void>;

/**
 * Starts loading what writing `format` needs, while the pool works, so the load is not part of
 * the write at the end (the main thread's serial time). Idempotent; a failed load is reported by
 * the write itself.
 */
export function prepareWriter(format: Options['format']): void {
  if (format === 'xlsx') loadExcelJs().catch(() => undefined);
}

export async function writeOutput(tables: readonly TypedTable[], options: Options, stdout: TextSink): Promise<WrittenOutput> {
  const toStdout = options.output === STDOUT_PATH;
  switch (options.format) {
    case 'xlsx': {
      await writeFileAtomically(options.output, await workbookBytes(tables, options));
      return { files: [options.output], warnings: [] };
    }
    case 'csv':
    case 'tsv': {
      const format = options.format;
      if (!toStdout && !isCsvFileName(options.output, format)) return { files: await writeCsvFiles(tables, options.output, options, format), warnings: [] };
      // One stream (standard output, or a file named .csv / .tsv): the tables one after another.
      const text = (options.csvBom ? UTF8_BOM : '') + tables.map((table) => tableCsv(table, options, format)).join('\r\n');
      if (toStdout) await stdout(text);
      else await writeFileAtomically(options.output, text);
      const where = toStdout ? 'standard output' : options.output;
      const warnings = tables.length > 1 ? [`${tables.length} tables were written to ${where} one after another, separated by an empty line; give a folder with -o for one ${format.toUpperCase()} file each`] : [];
      return { files: toStdout ? [] : [options.output], warnings };
    }
    case 'json': {
      const text = JSON.stringify(tablesDocument(tables, options.input), null, 2) + '\n';
      if (toStdout) {
        await stdout(text);
        return { files: [], warnings: [] };
      }
      await writeFileAtomically(options.output, text);
      return { files: [options.output], warnings: [] };
    }
  }
}
