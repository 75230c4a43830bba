// npm run bench [-- --case scanned|text|native|memory|all --pages N --workers 1,2 --text-pages N --memory-pages 10,200 --runs R --dpi D]
// scanned: a generated multi-page scanned PDF converted with --workers 1 and 2 through the built
//   CLI: medians of wall time, pages/s, tables/s, per-stage time and peak RSS.
// text: a generated born-digital PDF (one table a page) converted on one worker with --ocr auto
//   (text layer) and --ocr always (OCR): pages/s of each and their ratio.
// native: the same scanned pages through native Tesseract (Debian tesseract-ocr, installed if
//   missing): pdftoppm -r 300 + tesseract --psm 3, one page per process, OMP_THREAD_LIMIT=1, one
//   process at a time, against pdf2xlsx --workers 1 on the same file.
// memory: peak RSS of pdf2xlsx --workers 2 at --memory-pages (default 10,200) scanned pages.
// batch: 20 one-page PDFs (text, then scanned) as one batch run vs 20 separate runs.
// A benchmark, not a test: the machines are shared and noisy, so compare ratios from one run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeBenchmarkDocument, makeScannedPdf, makeTextBenchmarkDocument, makeTextPdf } from '../fixtures/lib/index.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    dpi: { type: 'string', default: '300' },
    workers: { type: 'string', default: '1,2' },
    case: { type: 'string', default: 'all' },
    'text-pages': { type: 'string', default: '40' },
    'memory-pages': { type: 'string', default: '10,200' },
  },
});
const benchCase = values.case;
const pageCount = Number(values.pages);
const runs = Number(values.runs);
const dpi = Number(values.dpi);
const workerCounts = values.workers.split(',').map(Number);

interface RunFigures {
  wallMs: number;
  /** The run's own time (pdf2xlsx --verbose), without Node's start-up. */
  runMs: number;
  tables: number;
  renderS: number;
  detectS: number;
  ocrS: number;
  writeS: number;
  peakRssMb: number;
  cpuS: number;
  mainBusyPercent: number;
  mainBusyS: number;
  mainBusyBesidePoolS: number;
}

// The line `pdf2xlsx --verbose` prints at the end of a run.
const VERBOSE_LINE = /(\d+) pages, (\d+) tables in ([\d.]+)s \(open ([\d.]+)s, render ([\d.]+)s, text [\d.]+s, detect ([\d.]+)s, ocr ([\d.]+)s summed over threads; assemble [\d.]+s, write ([\d.]+)s\); peak RSS (\d+) MB; cpu ([\d.]+)s; main thread busy ([\d.]+)% \(([\d.]+)s, ([\d.]+)s of it beside the pool\)/;

function runCli(input: string, output: string, workers: number, extra: string[] = []): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin/pdf2xlsx.js'), input, '-o', output, '--workers', String(workers), '--dpi', String(dpi), '--verbose', ...extra], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const match = VERBOSE_LINE.exec(stderr);
      if (code !== 0 || !match) return reject(new Error(`pdf2xlsx exited ${code}: ${stderr.trim()}`));
      resolve({
        wallMs,
        runMs: Number(match[3]) * 1000,
        tables: Number(match[2]),
        renderS: Number(match[5]),
        detectS: Number(match[6]),
        ocrS: Number(match[7]),
        writeS: Number(match[8]),
        peakRssMb: Number(match[9]),
        cpuS: Number(match[10]),
        mainBusyPercent: Number(match[11]),
        mainBusyS: Number(match[12]),
        mainBusyBesidePoolS: Number(match[13]),
      });
    });
  });
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const benchDir = path.join(root, '.bench');
await mkdir(benchDir, { recursive: true });

async function benchScanned(): Promise<void> {
  const input = path.join(benchDir, `scanned-${pageCount}p-${dpi}dpi.pdf`);
  process.stderr.write(`bench: generating a ${pageCount}-page scanned PDF at ${dpi} DPI...\n`);
  const textPdf = await makeTextPdf(makeBenchmarkDocument(pageCount));
  await writeFile(input, await makeScannedPdf(textPdf, { dpi: dpi as 200 | 300, noise: 4, skewDegrees: 0.3, seed: 7 }));

  console.log(`pdf2xlsx bench: ${pageCount} scanned pages at ${dpi} DPI, ${runs} runs each, median figures; ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log('workers | wall s | pages/s | tables/s | speed-up | cpu util | main busy | render s | detect s | ocr s | write s | peak RSS MB');
  let baselineWall = 0;
  let baselineRunMs = 0;
  let mainSerialMs = 0;
  let mainBesidePoolMs = 0;
  // Rounds go through every worker count in turn, so a drift in the machine's speed (it is shared
  // and noisy) weighs on each count alike instead of on whichever ran last.
  const figuresByWorkers = new Map<number, RunFigures[]>(workerCounts.map((workers) => [workers, []]));
  for (let run = 0; run < runs; run++) {
    for (const workers of workerCounts) figuresByWorkers.get(workers)!.push(await runCli(input, path.join(benchDir, `out-w${workers}.xlsx`), workers));
  }
  for (const workers of workerCounts) {
    const figures = figuresByWorkers.get(workers)!;
    const wallS = median(figures.map((f) => f.wallMs)) / 1000;
    if (baselineWall === 0) {
      baselineWall = wallS;
      baselineRunMs = median(figures.map((f) => f.runMs));
    }
    // The main thread's own work (scheduling, gathering, assembling, writing), measured where the
    // pool does all the rest (more than one worker; in-process the main thread is the worker).
    if (workers > 1) {
      mainSerialMs = 1000 * median(figures.map((f) => f.mainBusyS - f.mainBusyBesidePoolS));
      mainBesidePoolMs = 1000 * median(figures.map((f) => f.mainBusyBesidePoolS));
    }
    const tables = figures[0].tables;
    console.log(
      [
        String(workers).padStart(7),
        wallS.toFixed(2).padStart(6),
        (pageCount / wallS).toFixed(2).padStart(7),
        (tables / wallS).toFixed(2).padStart(8),
        `${(baselineWall / wallS).toFixed(2)}x`.padStart(8),
        // (user + sys) / wall / workers: 100 % = every worker busy all the time.
        `${Math.round((100 * median(figures.map((f) => f.cpuS))) / wallS / workers)}%`.padStart(8),
        `${median(figures.map((f) => f.mainBusyPercent))}%`.padStart(9),
        median(figures.map((f) => f.renderS)).toFixed(2).padStart(8),
        median(figures.map((f) => f.detectS)).toFixed(2).padStart(8),
        median(figures.map((f) => f.ocrS)).toFixed(2).padStart(5),
        median(figures.map((f) => f.writeS)).toFixed(2).padStart(7),
        String(median(figures.map((f) => f.peakRssMb))).padStart(11),
      ].join(' | '),
    );
  }
  console.log('(render/detect/ocr are thread time summed over pages and tables; wall includes process start-up)');
  const baselineRuns = figuresByWorkers.get(workerCounts[0])!;
  for (const workers of workerCounts.slice(1)) {
    // Each round's own ratio: the two runs were next to each other in time.
    const ratios = figuresByWorkers.get(workers)!.map((figures, run) => baselineRuns[run].wallMs / figures.wallMs);
    console.log(`speed-up ${workerCounts[0]} → ${workers} workers per round: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)}x)`);
  }
  if (mainSerialMs + mainBesidePoolMs > 0 && baselineRunMs > 0) {
    // The main thread's work before and after the pool (open, join, write) is serial: Amdahl's
    // bound for 16 workers is 1 / (s + (1 - s) / 16), s = its share of the one-worker run. Its work
    // while the pool runs (scheduling, gathering, assembling) overlaps the workers: as a pipeline
    // stage it caps the speed-up at (one-worker run time) / (that work).
    const serialShare = mainSerialMs / baselineRunMs;
    const amdahl = 1 / (serialShare + (1 - serialShare) / 16);
    const stageCap = mainBesidePoolMs > 0 ? baselineRunMs / mainBesidePoolMs : Number.POSITIVE_INFINITY;
    const bound = Math.min(amdahl, stageCap);
    console.log(
      `main thread (median of the multi-worker runs): ${(mainSerialMs / 1000).toFixed(2)} s serial = ${(100 * serialShare).toFixed(2)}% of the 1-worker run, ` +
        `${(mainBesidePoolMs / 1000).toFixed(2)} s beside the pool (caps the speed-up at ${stageCap.toFixed(0)}x); bound for 16 workers: ${bound.toFixed(1)}x`,
    );
  }
}

async function benchTextLayer(): Promise<void> {
  const textPages = Number(values['text-pages']);
  const input = path.join(benchDir, `text-${textPages}p.pdf`);
  await writeFile(input, await makeTextPdf(makeTextBenchmarkDocument(textPages)));
  console.log(`\npdf2xlsx bench: ${textPages} born-digital pages, one table each, --workers 1, ${runs} runs each, median figures`);
  console.log('--ocr  | wall s | run s | pages/s (run) | pages/s (wall) | tables');
  const results = new Map<string, number>();
  for (const mode of ['auto', 'always']) {
    const figures: RunFigures[] = [];
    for (let run = 0; run < runs; run++) figures.push(await runCli(input, path.join(benchDir, `text-${mode}.xlsx`), 1, ['--ocr', mode]));
    const wallS = median(figures.map((f) => f.wallMs)) / 1000;
    const runS = median(figures.map((f) => f.runMs)) / 1000;
    results.set(mode, runS);
    console.log([mode.padEnd(6), wallS.toFixed(2).padStart(6), runS.toFixed(2).padStart(5), (textPages / runS).toFixed(1).padStart(13), (textPages / wallS).toFixed(1).padStart(14), String(figures[0].tables).padStart(6)].join(' | '));
  }
  console.log(`text layer vs OCR: ${(results.get('always')! / results.get('auto')!).toFixed(1)}x faster (run time)`);
}

/** A scanned benchmark PDF of `pages` pages (cached in .bench/). */
async function scannedInput(pages: number): Promise<string> {
  const file = path.join(benchDir, `scanned-${pages}p-${dpi}dpi.pdf`);
  const textPdf = await makeTextPdf(makeBenchmarkDocument(pages));
  await writeFile(file, await makeScannedPdf(textPdf, { dpi: dpi as 200 | 300, noise: 4, skewDegrees: 0.3, seed: 7 }));
  return file;
}

function ensureNativeTesseract(): void {
  const have = (command: string) => spawnSync(command, ['-v'], { stdio: 'ignore' }).status === 0;
  if (have('tesseract') && have('pdftoppm')) return;
  console.error('bench: installing tesseract-ocr and poppler-utils (apt-get)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'tesseract-ocr', 'poppler-utils'], { stdio: 'inherit' });
}

async function benchNative(): Promise<void> {
  ensureNativeTesseract();
  const input = await scannedInput(pageCount);
  const pagesDir = path.join(benchDir, 'native');
  await mkdir(pagesDir, { recursive: true });
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const start = performance.now();
  for (let page = 1; page <= pageCount; page++) {
    const image = path.join(pagesDir, `page-${page}`);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', '-png', input, image], { env });
    execFileSync('tesseract', [`${image}.png`, image, '--psm', '3'], { env, stdio: 'ignore' });
  }
  const nativeS = (performance.now() - start) / 1000;
  const ours = await runCli(input, path.join(benchDir, 'native-compare.xlsx'), 1);
  console.log(`\nnative Tesseract baseline: ${pageCount} scanned pages at ${dpi} DPI, one page per process, OMP_THREAD_LIMIT=1`);
  console.log(`native (pdftoppm + tesseract --psm 3): ${nativeS.toFixed(2)} s, ${(pageCount / nativeS).toFixed(2)} pages/s`);
  console.log(`pdf2xlsx --workers 1:                  ${(ours.wallMs / 1000).toFixed(2)} s, ${(pageCount / (ours.wallMs / 1000)).toFixed(2)} pages/s (cpu ${ours.cpuS.toFixed(1)} s)`);
  console.log(`ratio pdf2xlsx / native: ${(ours.wallMs / 1000 / nativeS).toFixed(2)} (wall time)`);
}

/** Runs the CLI with `args`; resolves with the wall time in ms (rejects on a non-zero exit). */
function timeCli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin/pdf2xlsx.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`pdf2xlsx exited ${code}: ${stderr.trim()}`))));
  });
}

/** A folder of 20 one-page PDFs in one batch run vs 20 separate runs (what the shared pool saves). */
async function benchBatch(): Promise<void> {
  const fileCount = 20;
  const workers = Math.max(...workerCounts);
  console.log(`\nbatch: ${fileCount} one-page PDFs, --workers ${workers}: one run over the folder vs one run per file (sequential), ${runs} runs each, medians`);
  console.log('kind    | one run s | pages/s | separate runs s | pages/s | ratio');
  for (const kind of ['text', 'scanned'] as const) {
    const folder = path.join(benchDir, `batch-${kind}`);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const pages = makeBenchmarkDocument(fileCount, 3);
    for (let i = 0; i < fileCount; i++) {
      const textPdf = await makeTextPdf([pages[i]]);
      const bytes = kind === 'text' ? textPdf : await makeScannedPdf(textPdf, { dpi: 200, noise: 3, skewDegrees: 0.2, seed: i + 1 });
      await writeFile(path.join(folder, `doc-${String(i).padStart(2, '0')}.pdf`), bytes);
    }
    const out = path.join(benchDir, `batch-${kind}-out`);
    const oneRun: number[] = [];
    const separate: number[] = [];
    for (let run = 0; run < runs; run++) {
      await rm(out, { recursive: true, force: true });
      oneRun.push(await timeCli([folder, '-o', out, '--workers', String(workers), '-q']));
      await rm(out, { recursive: true, force: true });
      await mkdir(out, { recursive: true });
      let total = 0;
      for (let i = 0; i < fileCount; i++) {
        const name = `doc-${String(i).padStart(2, '0')}`;
        total += await timeCli([path.join(folder, `${name}.pdf`), '-o', path.join(out, `${name}.xlsx`), '--workers', String(workers), '-q']);
      }
      separate.push(total);
    }
    const oneS = median(oneRun) / 1000;
    const separateS = median(separate) / 1000;
    console.log([kind.padEnd(7), oneS.toFixed(2).padStart(9), (fileCount / oneS).toFixed(2).padStart(7), separateS.toFixed(2).padStart(15), (fileCount / separateS).toFixed(2).padStart(7), `${(separateS / oneS).toFixed(2)}x`.padStart(5)].join(' | '));
  }
}

async function benchMemory(): Promise<void> {
  const sizes = values['memory-pages'].split(',').map(Number);
  console.log(`\nmemory: peak RSS with --workers 2 by page count (${dpi} DPI scans)`);
  const peaks: number[] = [];
  for (const pages of sizes) {
    const input = await scannedInput(pages);
    const figures = await runCli(input, path.join(benchDir, `memory-${pages}.xlsx`), 2);
    peaks.push(figures.peakRssMb);
    console.log(`${String(pages).padStart(5)} pages: peak RSS ${figures.peakRssMb} MB, ${(pages / (figures.wallMs / 1000)).toFixed(2)} pages/s`);
  }
  console.log(`growth from ${sizes[0]} to ${sizes[sizes.length - 1]} pages: ${Math.round((100 * (peaks[peaks.length - 1] - peaks[0])) / peaks[0])}%`);
}

if (benchCase === 'scanned' || benchCase === 'all') await benchScanned();
if (benchCase === 'text' || benchCase === 'all') await benchTextLayer();
if (benchCase === 'native' || benchCase === 'all') await benchNative();
if (benchCase === 'memory' || benchCase === 'all') await benchMemory();
if (benchCase === 'batch' || benchCase === 'all') await benchBatch();
