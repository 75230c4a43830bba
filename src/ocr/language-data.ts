// Finding Tesseract language data on disk. Nothing is ever downloaded: a language that is
// nowhere on disk fails the run before any work starts.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { OcrError, UsageError } from '../errors.js';

/**
 * Environment variables, as process.env holds them. Spelled out rather than NodeJS.ProcessEnv so
 * that the published declarations need no @types/node in a consumer's project.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where one language's `.traineddata` (optionally gzipped) file is. */
export interface LanguageSource {
  code: string;
  file: string;
}

// Debian's tesseract-ocr-<lang> packages install here (5 on bookworm, 4.00 on older releases).
const DEBIAN_TESSDATA_DIRS = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];

const requireFromHere = createRequire(import.meta.url);

/** The LSTM-only `best_int` model from the @tesseract.js-data/<code> npm package, if installed. */
function npmPackageDataDir(code: string): string | null {
  try {
    const packageJson = requireFromHere.resolve(`@tesseract.js-data/${code}/package.json`);
    return path.join(path.dirname(packageJson), '4.0.0_best_int');
  } catch {
    return null;
  }
}

function findFileIn(dir: string, code: string): string | null {
  for (const name of [`${code}.traineddata`, `${code}.traineddata.gz`]) {
    const file = path.join(dir, name);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/** The folders searched for `code` when no --tessdata is given, in order. */
export function defaultSearchDirs(code: string, env: Environment = process.env): string[] {
  const dirs: string[] = [];
  const npmDir = npmPackageDataDir(code);
  if (npmDir) dirs.push(npmDir);
  if (env.TESSDATA_PREFIX) dirs.push(env.TESSDATA_PREFIX, path.join(env.TESSDATA_PREFIX, 'tessdata'));
  dirs.push(...DEBIAN_TESSDATA_DIRS);
  return dirs;
}

/** Throws a UsageError when `--tessdata` names no folder. */
export function checkTessdataDir(tessdataDir: string | null): void {
  if (tessdataDir !== null && !(existsSync(tessdataDir) && statSync(tessdataDir).isDirectory())) {
    throw new UsageError(`option --tessdata: '${tessdataDir}' is not a folder`, 'give a folder that holds <lang>.traineddata files');
  }
}

/**
 * Locates every language's data file: in `tessdataDir` when given, then in the npm data package,
 * TESSDATA_PREFIX and Debian's folder (a --tessdata folder of Chinese data alone still reads
 * English with the bundled model). Throws naming the missing file and how to get it.
 */
export function resolveLanguageData(languages: string[], tessdataDir: string | null, env: Environment = process.env): LanguageSource[] {
  checkTessdataDir(tessdataDir);
  return languages.map((code) => {
    const dirs = [...(tessdataDir !== null ? [tessdataDir] : []), ...defaultSearchDirs(code, env)];
    for (const dir of dirs) {
      const file = findFileIn(dir, code);
      if (file) return { code, file };
    }
    const debianName = `tesseract-ocr-${code.replace(/_/g, '-').toLowerCase()}`;
    throw new OcrError(
      `no language data for '${code}': ${code}.traineddata is not in ${dirs.join(', ')}`,
      `install it (e.g. 'apt-get install ${debianName}' or 'npm install @tesseract.js-data/${code}') or give its folder with --tessdata`,
    );
  });
}

/** The languages' data where all of them are installed, else null (for optional languages: `--lang auto`'s chi_sim). */
export function findLanguageData(languages: readonly string[], tessdataDir: string | null, env: Environment = process.env): LanguageSource[] | null {
  try {
    return resolveLanguageData([...languages], tessdataDir, env);
  } catch {
    return null;
  }
}
