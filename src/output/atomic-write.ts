// Every output file is written under a temporary name beside it and renamed at the end, so a
// failed or interrupted run never leaves a half-written file, and an existing one stays as it was
// until the new one is complete.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, errorText } from '../errors.js';

/** Temporary outputs being written now: removed by removeTemporaryFiles() if the process is interrupted. */
const temporaryFiles = new Set<string>();

/** Removes any half-written temporary output, synchronously (for a signal handler about to exit). */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) rmSync(file, { force: true });
  temporaryFiles.clear();
}

/** A hidden temporary name in the output's own folder, so the final rename stays on one file system. */
export function temporaryPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `outputPath` atomically; an OutputError names the file on failure. */
export async function writeFileAtomically(outputPath: string, data: string | Uint8Array): Promise<void> {
  const temporaryPath = temporaryPathFor(outputPath);
  temporaryFiles.add(temporaryPath);
  try {
    await writeFile(temporaryPath, data);
    await rename(temporaryPath, outputPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw new OutputError(`cannot write ${outputPath}: ${errorText(error)}`);
  } finally {
    temporaryFiles.delete(temporaryPath);
  }
}
