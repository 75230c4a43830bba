// npm run fuzz [-- --count N --seed S --time-bound SECONDS --corpus DIR ...]: mutated fixture PDFs
// (and, with --corpus, the PDFs of a corpus folder up to --max-kb each) through the built CLI (see
// fuzz-run.ts for what each run must do). Exits 1 when a run misbehaved; the inputs of such runs
// stay in .fuzz/ with their stderr.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeEncryptedPdf, makeTextPdf, MULTI_PAGE_DOCUMENT } from '../fixtures/lib/index.ts';
import { runFuzz, summarise } from './fuzz-run.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    'time-bound': { type: 'string', default: '60' },
    corpus: { type: 'string', multiple: true, default: [] },
    // Small files only: a mutated 3 MB scan takes a minute of OCR and teaches little more.
    'max-kb': { type: 'string', default: '400' },
  },
});

/** The PDFs under `dir` of at most `maxBytes`, sorted (the same list, so a seed repeats a run). */
async function corpusPdfs(dir: string, maxBytes: number): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).filter((name) => name.toLowerCase().endsWith('.pdf')).sort();
  const files = names.map((name) => path.resolve(dir, name));
  const sizes = await Promise.all(files.map((file) => stat(file).then((info) => info.size)));
  return files.filter((_, index) => sizes[index] <= maxBytes);
}
const corpusSources = (await Promise.all(values.corpus.map((dir) => corpusPdfs(dir, 1024 * Number(values['max-kb']))))).flat();
const workDir = path.join(root, '.fuzz');
await rm(workDir, { recursive: true, force: true });
const multiPage = path.join(workDir, 'seed-multi-page.pdf');
const encrypted = path.join(workDir, 'seed-encrypted.pdf');
await mkdir(workDir, { recursive: true });
await writeFile(multiPage, await makeTextPdf(MULTI_PAGE_DOCUMENT));
await writeFile(encrypted, await makeEncryptedPdf());
const results = await runFuzz({
  count: Number(values.count),
  seed: Number(values.seed),
  sources: [path.join(root, 'fixtures/sample-text.pdf'), path.join(root, 'fixtures/sample-scanned.pdf'), multiPage, encrypted, ...corpusSources],
  timeBoundMs: 1000 * Number(values['time-bound']),
  workDir,
  onCase: (result) => process.stderr.write(`case ${result.index}: ${result.source} ${result.kind} (${result.detail}) → exit ${result.exitCode} in ${result.seconds.toFixed(1)} s${result.problems.length ? `  PROBLEM: ${result.problems.join('; ')}` : ''}\n`),
});
console.log(`sources: 4 fixtures${corpusSources.length > 0 ? ` and ${corpusSources.length} corpus PDFs (≤ ${values['max-kb']} KB)` : ''}`);
console.log(summarise(results));
process.exitCode = results.some((result) => result.problems.length > 0) ? 1 : 0;
