// Inputs that cannot be read by byte ranges: `-` (standard input) and pipes or devices given by
// name (`/dev/stdin`, `<(curl …)`). pdf.js reads a file by ranges and pool threads each open it,
// so such an input is first copied to a temporary file, removed when the run ends.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError, UsageError, errorText } from '../errors.js';
import { trackTemporaryFile, untrackTemporaryFile } from '../output/atomic-write.js';

/** `-` as an input: the PDF comes on standard input. */
export const STDIN_PATH = '-';

export interface SpooledInputs {
  inputs: string[];
  /** Removes the temporary copies. */
  cleanUp: () => Promise<void>;
  /** An input as the user gave it (`-`, /dev/fd/63) for its temporary copy; any other path as it is. */
  givenAs: (input: string) => string;
  /** A message with each temporary copy named as the user gave it ('standard input', /dev/fd/63). */
  named: (message: string) => string;
}

async function isUnseekable(input: string): Promise<boolean> {
  if (input === STDIN_PATH) return true;
  const info = await stat(input).catch(() => null);
  return !!info && (info.isFIFO() || info.isCharacterDevice() || info.isSocket());
}

/**
 * Copies `-` and piped inputs to temporary files; other inputs are returned as they are. Each copy
 * is `stdin.pdf` (or the pipe's own name) in a folder of its own, so a batch names its output
 * after it.
 */
export async function spoolUnseekableInputs(inputs: string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<SpooledInputs> {
  if (inputs.filter((input) => input === STDIN_PATH).length > 1) throw new UsageError('standard input (-) can be given once');
  const folders: string[] = [];
  const givenAsByCopy = new Map<string, string>();
  const cleanUp = async () => {
    for (const folder of folders) {
      await rm(folder, { recursive: true, force: true });
      untrackTemporaryFile(folder);
    }
  };
  const result: string[] = [];
  try {
    for (const input of inputs) {
      if (!(await isUnseekable(input))) {
        result.push(input);
        continue;
      }
      const folder = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-stdin-'));
      folders.push(folder);
      trackTemporaryFile(folder);
      const copy = path.join(folder, `${input === STDIN_PATH ? 'stdin' : path.basename(input).replace(/\.pdf$/i, '')}.pdf`);
      givenAsByCopy.set(copy, input);
      const source = input === STDIN_PATH ? stdin : createReadStream(input);
      try {
        await pipeline(source, createWriteStream(copy, { flags: 'wx' }));
      } catch (error) {
        throw new InputError(`cannot read ${input === STDIN_PATH ? 'standard input' : input}: ${errorText(error)}`);
      }
      result.push(copy);
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const givenAs = (input: string) => givenAsByCopy.get(input) ?? input;
  const named = (message: string) =>
    [...givenAsByCopy].reduce((text, [copy, given]) => text.replaceAll(copy, given === STDIN_PATH ? 'standard input' : given), message);
  return { inputs: result, cleanUp, givenAs, named };
}
