// Every output file is written under a temporary name beside it and renamed at the end, so a
// failed or interrupted run never leaves a half-written file, and an existing one stays as it was
// until the new one is complete.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, errorText } from '../errors.js';

/** Temporary outputs being written now: removed by removeTemporaryFiles() if the process is interrupted. */
const temporaryFiles = new Set<string>();

/** Another temporary file or folder to remove if the process is interrupted (an input copied from a pipe). */
export function trackTemporaryFile(file: string): void {
  temporaryFiles.add(file);
}

export function untrackTemporaryFile(file: string): void {
  temporaryFiles.delete(file);
}

/** Removes any half-written temporary output, synchronously (for a signal handler about to exit). */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) rmSync(file, { force: true, recursive: true });
  temporaryFiles.clear();
}

/** A hidden temporary name in the output's own folder, so the final rename stays on one file system. */
export function temporaryPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Where writing `outputPath` really goes: the file a symlink points to (the link stays a link and
 * its target gets the new content), and the mode an existing file has (a rewrite keeps 640 as
 * 640). A new file gets the usual mode under the umask.
 */
async function writeTarget(outputPath: string): Promise<{ target: string; mode: number | null }> {
  const target = await realpath(outputPath).catch(() => outputPath);
  const info = await stat(target).catch(() => null);
  return { target, mode: info ? info.mode & 0o7777 : null };
}

/**
 * Writes `data` to `outputPath` atomically: to a temporary file beside it, flushed to disk, then
 * renamed over it (so a crash leaves the old file or the new one, never a part). An OutputError
 * names the file on failure.
 */
export async function writeFileAtomically(outputPath: string, data: string | Uint8Array): Promise<void> {
  const { target, mode } = await writeTarget(outputPath);
  const temporaryPath = temporaryPathFor(target);
  temporaryFiles.add(temporaryPath);
  try {
    const file = await open(temporaryPath, 'wx', mode ?? 0o666);
    try {
      await file.writeFile(data);
      // The umask applied at creation: the existing file's mode is set as it was.
      if (mode !== null) await file.chmod(mode);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporaryPath, target);
    await syncFolder(path.dirname(target));
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw new OutputError(`cannot write ${outputPath}: ${errorText(error)}`);
  } finally {
    temporaryFiles.delete(temporaryPath);
  }
}

/** Flushes a folder's entries (the rename) to disk; some file systems do not allow it, which is fine. */
async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r').catch(() => null);
  if (!folder) return;
  await folder.sync().catch(() => undefined);
  await folder.close();
}
