// Is an output that exists complete? --skip-existing trusts an output only when it reads back:
// an xlsx whose zip directory lists the workbook, a JSON document that parses, a CSV folder with
// the marker a finished run leaves. A file cut short (a copy that failed, a full disk) is redone.
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDelimitedFormat, type OutputFormat } from '../options.js';
import { CENTRAL_HEADER, END_OF_CENTRAL_DIRECTORY, END_RECORD_MAX_DISTANCE } from './fixed-zip-dates.js';

/** Written last into a CSV output folder: its tables are all there. */
export const CSV_COMPLETE_MARKER = '.pdf2xlsx-complete';

// A workbook without these is not one Excel opens.
const WORKBOOK_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];

/** The names in a zip file's central directory, or null when it has none that reads (cut short). */
export async function zipEntryNames(file: string): Promise<string[] | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - END_RECORD_MAX_DISTANCE);
    const tail = Buffer.alloc(size - tailStart);
    await handle.read(tail, 0, tail.length, tailStart);
    let end = -1;
    for (let at = tail.length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) return null;
    const entryCount = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > tailStart + end) return null;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const names: string[] = [];
    for (let at = 0; names.length < entryCount; ) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) return null;
      const nameLength = directory.readUInt16LE(at + 28);
      const skip = nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
      names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + skip;
    }
    return names;
  } finally {
    await handle.close();
  }
}

async function isCompleteJson(file: string): Promise<boolean> {
  try {
    const document = JSON.parse(await readFile(file, 'utf8')) as { pdf2xlsx?: unknown; tables?: unknown };
    return typeof document.pdf2xlsx === 'string' && Array.isArray(document.tables);
  } catch {
    return false;
  }
}

/** Whether `output`, written as `format`, is whole. Any read error counts as not. */
export async function isCompleteOutput(output: string, format: OutputFormat): Promise<boolean> {
  try {
    if (format === 'json') return await isCompleteJson(output);
    if (isDelimitedFormat(format)) {
      const info = await stat(output);
      // One CSV file for `out.csv` has no structure to check; a folder has the run's marker.
      return info.isFile() ? info.size > 0 : (await stat(path.join(output, CSV_COMPLETE_MARKER))).isFile();
    }
    const names = await zipEntryNames(output);
    return names !== null && WORKBOOK_PARTS.every((part) => names.includes(part));
  } catch {
    return false;
  }
}
