// The input list of a batch: files as given, folders as their *.pdf files (subfolders with
// --recursive), each with the relative path its output keeps under the output folder. Sorted, so
// the list (and a --shard of it) is the same on every machine.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, errorText } from '../errors.js';

export interface BatchInput {
  /** The PDF's path as the user can find it. */
  input: string;
  /** Its path under the output folder, without extension: `report` or `2024/03/report`. */
  outputStem: string;
}

const isPdfName = (name: string) => /\.pdf$/i.test(name);

async function pdfsInFolder(folder: string, recursive: boolean, prefix: string): Promise<BatchInput[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read the folder ${folder}: ${errorText(error)}`);
  }
  const found: BatchInput[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const stem = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (recursive) found.push(...(await pdfsInFolder(full, true, stem)));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isPdfName(entry.name)) {
      found.push({ input: full, outputStem: stem.replace(/\.pdf$/i, '') });
    }
  }
  return found;
}

/**
 * Expands the inputs. A missing input is not an error here: it is reported as that input's
 * failure, so one bad path does not stop a batch.
 */
export async function collectInputs(inputs: readonly string[], recursive: boolean): Promise<BatchInput[]> {
  const collected: BatchInput[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) collected.push(...(await pdfsInFolder(input, recursive, '')));
    else collected.push({ input, outputStem: path.basename(input).replace(/\.pdf$/i, '') });
  }
  const byInput = new Map(collected.map((item) => [path.resolve(item.input), item]));
  return [...byInput.values()].sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}

/**
 * Two inputs that would write the same output (`a/x.pdf` and `b/x.pdf` given as files): the later
 * ones get the first free `-2`, `-3`, ... A name is free when no input's own name is it and no
 * earlier renaming took it: with `a/x.pdf b/x.pdf x-2.pdf`, b's output is `x-3`, never x-2's.
 * Names compare without case (macOS and Windows folders do).
 */
export function uniqueOutputStems(items: BatchInput[]): BatchInput[] {
  const key = (stem: string) => stem.toLowerCase();
  const taken = new Set(items.map((item) => key(item.outputStem)));
  const kept = new Set<string>();
  return items.map((item) => {
    const stem = key(item.outputStem);
    if (!kept.has(stem)) {
      kept.add(stem);
      return item;
    }
    let count = 2;
    while (taken.has(key(`${item.outputStem}-${count}`))) count++;
    const renamed = `${item.outputStem}-${count}`;
    taken.add(key(renamed));
    return { ...item, outputStem: renamed };
  });
}
