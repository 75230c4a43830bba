// Checked before any work, so a run that could not write its result fails in a second, not
// after minutes of OCR.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { OutputError } from '../errors.js';

export async function checkOutputPath(outputPath: string, inputPath: string): Promise<void> {
  if (path.resolve(outputPath) === path.resolve(inputPath)) {
    throw new OutputError(`refusing to write the output over the input ${inputPath}`, 'choose another name with -o');
  }
  const dir = path.dirname(path.resolve(outputPath));
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo || !dirInfo.isDirectory()) {
    throw new OutputError(`cannot write ${outputPath}: the folder ${dir} does not exist`, 'create it first or choose another -o');
  }
  const outputInfo = await stat(outputPath).catch(() => null);
  if (outputInfo?.isDirectory()) throw new OutputError(`cannot write ${outputPath}: it is a folder`, 'give a file name such as out.xlsx');
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new OutputError(`cannot write ${outputPath}: the folder ${dir} is not writable`);
  }
}
