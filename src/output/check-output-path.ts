// Checked before any work, so a run that could not write its result fails in a second, not
// after minutes of OCR.
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { isDelimitedFormat, type DelimitedFormat, type OutputFormat } from '../options.js';

/** `-o -`: the result goes to standard output. */
export const STDOUT_PATH = '-';

/** CSV output named `*.csv` (TSV: `*.tsv`) is one file (the tables one after another); any other name is a folder of files. */
export const isCsvFileName = (outputPath: string, format: DelimitedFormat = 'csv') => outputPath.toLowerCase().endsWith(`.${format}`);

async function checkWritableFolder(dir: string, outputPath: string): Promise<void> {
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new OutputError(`cannot write ${outputPath}: the folder ${dir} is not writable`);
  }
}

/** An output file (the workbook, the JSON document, the run report): its folder must exist and be writable. */
export async function checkOutputFile(outputPath: string, inputPath: string, what = 'the output'): Promise<void> {
  // Through symlinks too: an output that links to the input is the input.
  const real = (file: string) => realpath(file).catch(() => path.resolve(file));
  if (path.resolve(outputPath) === path.resolve(inputPath) || (await real(outputPath)) === (await real(inputPath))) {
    throw new OutputError(`refusing to write ${what} over the input ${inputPath}`, 'choose another name');
  }
  const dir = path.dirname(path.resolve(outputPath));
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo || !dirInfo.isDirectory()) {
    throw new OutputError(`cannot write ${outputPath}: the folder ${dir} does not exist`, 'create it first or choose another path');
  }
  const outputInfo = await stat(outputPath).catch(() => null);
  if (outputInfo?.isDirectory()) throw new OutputError(`cannot write ${outputPath}: it is a folder`, 'give a file name');
  await checkWritableFolder(dir, outputPath);
}

/** An output folder (CSV files): made if missing, so its nearest existing ancestor must be writable. */
async function checkOutputFolder(outputPath: string, inputPath: string): Promise<void> {
  const resolved = path.resolve(outputPath);
  if (resolved === path.resolve(inputPath)) throw new OutputError(`refusing to write the output over the input ${inputPath}`, 'choose another name');
  const info = await stat(resolved).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new OutputError(`cannot write CSV files into ${outputPath}: it is a file`, 'give a folder with -o (it is made if missing), or -o - for standard output');
  }
  let existing = resolved;
  while (!(await stat(existing).catch(() => null))) existing = path.dirname(existing);
  await checkWritableFolder(existing, outputPath);
}

/** Checks where `format` output goes before the run starts. */
export async function checkOutputPath(outputPath: string, inputPath: string, format: OutputFormat): Promise<void> {
  if (outputPath === STDOUT_PATH) {
    if (format === 'xlsx') throw new UsageError('-o - (standard output) takes --format csv or json', 'give a file name such as out.xlsx');
    return;
  }
  if (isDelimitedFormat(format) && !isCsvFileName(outputPath, format)) await checkOutputFolder(outputPath, inputPath);
  else await checkOutputFile(outputPath, inputPath);
}
