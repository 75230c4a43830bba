// Every output file is written under a temporary name beside it and renamed at the end, so a
// failed or interrupted run never leaves a half-written file, and an existing one stays as it was
// until the new one is complete.
import { randomBytes } from 'node:crypto';
import { rmSync, rmdirSync } from 'node:fs';
import { open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
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

/** Folders this run made (`mkdir -p`: the folder and the top one it created), kept only if used. */
const createdFolders: { folder: string; top: string }[] = [];

/** A folder the run made: removed, with its new parents up to `top`, when it ends empty or is interrupted. */
export function trackCreatedFolder(folder: string, top: string): void {
  createdFolders.push({ folder: path.resolve(folder), top: path.resolve(top) });
}

/** Removes `folder` and its parents up to `top` while they are empty (what mkdir -p made and nothing used). */
function removeEmptyFoldersSync(folder: string, top: string): void {
  for (let current = folder; ; current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // not empty (or gone): it, and every folder above it, stays
    }
    if (current === top || path.dirname(current) === current) return;
  }
}

/** Removes the tracked folders that are (still) empty: at the end of a batch, or on a signal. */
export function removeUnusedFolders(): void {
  for (const { folder, top } of createdFolders.splice(0)) removeEmptyFoldersSync(folder, top);
}

/** Removes any half-written temporary output, and folders the run made and left empty, synchronously (for a signal handler about to exit). */
export function removeTemporaryFiles(): void {
  for (const file of temporaryFiles) rmSync(file, { force: true, recursive: true });
  temporaryFiles.clear();
  removeUnusedFolders();
}

// The machine in a temporary name: a folder shared by several machines (shards of a batch on
// network storage) holds other machines' files, whose process ids mean nothing here.
const HOST = os.hostname().split('.')[0].replace(/[^A-Za-z0-9-]/g, '') || 'host';

/**
 * A hidden temporary name in the output's own folder, so the final rename stays on one file
 * system: `.report.xlsx.<host>-<pid>.<random>.tmp`.
 */
export function temporaryPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${HOST}-${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMPORARY_NAME = /^\..+\.([A-Za-z0-9-]*)-(\d+)\.[0-9a-f]{8}\.tmp$/;
// Another machine's temporary file this old is left from a run that died: a write takes seconds.
const FOREIGN_TEMPORARY_MAX_AGE_MS = 24 * 3600 * 1000;

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether a file in an output folder is a temporary output that no running process will finish. */
async function isStaleTemporary(dir: string, name: string): Promise<boolean> {
  const match = TEMPORARY_NAME.exec(name);
  if (!match) return false;
  const [, host, pidText] = match;
  const pid = Number(pidText);
  if (host === HOST) return pid !== process.pid && !isRunning(pid);
  const info = await stat(path.join(dir, name)).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > FOREIGN_TEMPORARY_MAX_AGE_MS;
}

const sweptFolders = new Set<string>();

/**
 * Removes the temporary outputs a killed run (kill -9, a power cut) left in `dir`, once per folder
 * per process: those of this machine whose process is gone, and other machines' after a day.
 */
export async function removeStaleTemporaryFiles(dir: string): Promise<void> {
  const folder = path.resolve(dir);
  if (sweptFolders.has(folder)) return;
  sweptFolders.add(folder);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (await isStaleTemporary(folder, name)) await rm(path.join(folder, name), { force: true, recursive: true }).catch(() => undefined);
  }
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
  await removeStaleTemporaryFiles(path.dirname(target));
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
