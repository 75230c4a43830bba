// Inputs that cannot be read by byte ranges: `-` (standard input) and pipes or devices given by
// name (`/dev/stdin`, `<(curl …)`). pdf.js reads a file by ranges and pool threads each open it,
// so such an input is first copied to a temporary file, removed when the run ends.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
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
  /** A message with each temporary copy named as the user gave it ('standard input', /dev/fd/63). */
  named: (message: string) => string;
}

async function isUnseekable(input: string): Promise<boolean> {
  if (input === STDIN_PATH) return true;
  const info = await stat(input).catch(() => null);
  return !!info && (info.isFIFO() || info.isCharacterDevice() || info.isSocket());
}

/** Copies `-` and piped inputs to temporary files; other inputs are returned as they are. */
export async function spoolUnseekableInputs(inputs: string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<SpooledInputs> {
  if (inputs.filter((input) => input === STDIN_PATH).length > 1) throw new UsageError('standard input (-) can be given once');
  const copies: string[] = [];
  const labels = new Map<string, string>();
  const cleanUp = async () => {
    for (const copy of copies) {
      await rm(copy, { force: true });
      untrackTemporaryFile(copy);
    }
  };
  const result: string[] = [];
  try {
    for (const input of inputs) {
      if (!(await isUnseekable(input))) {
        result.push(input);
        continue;
      }
      const copy = path.join(os.tmpdir(), `pdf2xlsx-${input === STDIN_PATH ? 'stdin' : path.basename(input)}-${process.pid}-${randomBytes(4).toString('hex')}.pdf`);
      copies.push(copy);
      labels.set(copy, input === STDIN_PATH ? 'standard input' : input);
      trackTemporaryFile(copy);
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
  const named = (message: string) => [...labels].reduce((text, [copy, label]) => text.replaceAll(copy, label), message);
  return { inputs: result, cleanUp, named };
}
