// npm run bench [-- --case realistic|grid|text|memory|blank|batch|all --runs R --workers 1,2 --pages N --dpi D ...]
// realistic (the default scanned case): ten scanned pages of the dev sets (six synthetic scans of
//   ruled, booktabs and borderless tables with prose around them, four real page images), each
//   converted by pdf2xlsx --workers 1 and by native Tesseract, paired, one page per process:
//   pdftoppm -r 300 -gray to PGM (its fastest output) then tesseract --psm 3 with the page's
//   language, OMP_THREAD_LIMIT=1. Render and OCR times of both are printed apart, ours by stage
//   (render, detect, the OCR models: find text, classify, recognise, the OCR work around them,
//   structure, write), with our OCR by pass and peak RSS. Then the ten pages as one batch at
//   --workers 1 and 2: the speed-up and CPU seconds per page (overhead apart from lost parallelism).
// grid: a generated multi-page scan of dense ruled grids (native Tesseract's worst case) through
//   the CLI at --workers 1 and 2, with the same native baseline: medians of wall time, pages/s,
//   per-stage time and peak RSS.
// text: a generated born-digital PDF (one table a page) converted on one worker with --ocr auto
//   (text layer) and --ocr always (OCR): pages/s of each and their ratio.
// memory: peak RSS of pdf2xlsx --workers --memory-workers (default 1) at --memory-pages (default
//   10,100) pages: the realistic pages over and over in one PDF, and its growth.
// blank: wall time and peak RSS of pdf2xlsx --workers 2 on PDFs of --blank-pages (default
// 10,200,1000) pages that draw nothing (a stack of separator pages), all reported empty.
// batch: 20 one-page PDFs (text, then scanned) as one batch run vs 20 separate runs.
// Native Tesseract and poppler-utils are Debian packages (installed if missing).
// A benchmark, not a test: the machines are shared and noisy, so compare ratios from one run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeBenchmarkDocument, makeScannedPdf, makeTextBenchmarkDocument, makeTextPdf } from '../fixtures/lib/index.ts';
import { VERBOSE_LINE } from './verbose-line.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    dpi: { type: 'string', default: '300' },
    workers: { type: 'string', default: '1,2' },
    case: { type: 'string', default: 'all' },
    'text-pages': { type: 'string', default: '40' },
    'memory-pages': { type: 'string', default: '10,100' },
    'memory-workers': { type: 'string', default: '1' },
    'blank-pages': { type: 'string', default: '10,200,1000' },
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
  /** Tables found in the layout of words, and words assembled into cells. */
  structureS: number;
  ocrS: number;
  /** The parts of ocrS: the `--lang auto` probe, whole-page passes, re-reads, table cells. */
  ocrProbeS: number;
  ocrPageS: number;
  ocrRereadS: number;
  ocrCellsS: number;
  /** The part of ocrS in the models: text detector, direction classifier, recognizer. */
  findTextS: number;
  classifyS: number;
  recognizeS: number;
  writeS: number;
  peakRssMb: number;
  cpuS: number;
  mainBusyPercent: number;
  mainBusyS: number;
  mainBusyBesidePoolS: number;
}

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
      const figures = VERBOSE_LINE.exec(stderr)?.groups;
      if (code !== 0 || !figures) return reject(new Error(`pdf2xlsx exited ${code}: ${stderr.trim()}`));
      const n = (name: string) => Number(figures[name]);
      resolve({
        wallMs,
        runMs: n('run') * 1000,
        tables: n('tables'),
        renderS: n('render'),
        detectS: n('detect'),
        structureS: n('structure') + n('assemble'),
        ocrS: n('ocr'),
        ocrProbeS: n('probe'),
        ocrPageS: n('page'),
        ocrRereadS: n('reread'),
        ocrCellsS: n('cells'),
        findTextS: n('findText'),
        classifyS: n('classify'),
        recognizeS: n('recognize'),
        writeS: n('write'),
        peakRssMb: n('rss'),
        cpuS: n('cpu'),
        mainBusyPercent: n('mainBusy'),
        mainBusyS: n('mainBusyS'),
        mainBusyBesidePoolS: n('mainBesidePool'),
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

/**
 * The realistic scanned pages: dev-set scans with prose around their tables, and real page images.
 * `languages` is what both tools are told (pdf2xlsx --lang, tesseract -l).
 */
const REALISTIC_PAGES: { file: string; languages: string; what: string }[] = [
  { file: '../shared/corpus-synth/cases/synth-s01/input.pdf', languages: 'eng', what: 'ruled, 300 dpi, skew' },
  { file: '../shared/corpus-synth/cases/synth-s04/input.pdf', languages: 'eng', what: 'ruled, merged, 150 dpi, blur' },
  { file: '../shared/corpus-synth/cases/synth-s05/input.pdf', languages: 'eng', what: 'booktabs, noise, skew' },
  { file: '../shared/corpus-synth/cases/synth-s08/input.pdf', languages: 'eng', what: 'borderless, bilevel' },
  { file: '../shared/corpus-synth/cases/synth-s09/input.pdf', languages: 'eng', what: 'ruled, 300 dpi' },
  { file: '../shared/corpus-synth/cases/synth-s11/input.pdf', languages: 'chi_sim+eng', what: 'ruled, Chinese' },
  { file: 'corpus-real/cases/enimg-04/input.pdf', languages: 'eng', what: 'real: screenshot' },
  { file: 'corpus-real/cases/enpdf-09/input.pdf', languages: 'eng', what: 'real: phone photo' },
  { file: 'corpus-real/cases/zhpdf-02/input.pdf', languages: 'chi_sim+eng', what: 'real: report page, Chinese' },
  { file: 'corpus-real/cases/zhimg-07/input.pdf', languages: 'chi_sim+eng', what: 'real: scan, Chinese' },
];

async function benchRealistic(): Promise<void> {
  ensureNativeTesseract();
  const pages = REALISTIC_PAGES.map((page) => ({ ...page, pdf: path.join(root, page.file) }));
  console.log(`realistic: ${pages.length} scanned pages, pdf2xlsx --workers 1 against native Tesseract (pdftoppm -r ${dpi} -gray to PGM, tesseract --psm 3), one page per process, paired, ${runs} runs, medians; ${os.availableParallelism()} cores, Node ${process.version}`);
  console.log('page            | ours s | start | render | detect | ocr: find text classify recognise other | structure | write | RSS MB | native s | render |   ocr | RSS MB | ours/native');
  const sums = { ours: 0, native: 0, oursOcr: 0, nativeOcr: 0 };
  const passes = { probe: 0, page: 0, reread: 0, cells: 0 };
  let oursPeak = 0;
  let nativePeak = 0;
  for (const page of pages) {
    const ours: RunFigures[] = [];
    const native: ReturnType<typeof nativePage>[] = [];
    for (let run = 0; run < runs; run++) {
      ours.push(await runCli(page.pdf, path.join(benchDir, 'realistic.xlsx'), 1, ['--lang', page.languages]));
      native.push(nativePage(page.pdf, 1, page.languages));
    }
    const m = (values: number[]) => median(values);
    const oursS = m(ours.map((f) => f.wallMs)) / 1000;
    const nativeS = m(native.map((f) => f.renderS + f.ocrS));
    const rss = m(ours.map((f) => f.peakRssMb));
    const nativeRss = m(native.map((f) => f.peakRssMb));
    sums.ours += oursS;
    sums.native += nativeS;
    sums.oursOcr += m(ours.map((f) => f.ocrS));
    sums.nativeOcr += m(native.map((f) => f.ocrS));
    passes.probe += m(ours.map((f) => f.ocrProbeS));
    passes.page += m(ours.map((f) => f.ocrPageS));
    passes.reread += m(ours.map((f) => f.ocrRereadS));
    passes.cells += m(ours.map((f) => f.ocrCellsS));
    oursPeak = Math.max(oursPeak, rss);
    nativePeak = Math.max(nativePeak, nativeRss);
    const name = path.basename(path.dirname(page.file)).padEnd(15);
    console.log(
      [
        name,
        oursS.toFixed(2).padStart(6),
        (m(ours.map((f) => f.wallMs - f.runMs)) / 1000).toFixed(2).padStart(5),
        m(ours.map((f) => f.renderS)).toFixed(2).padStart(6),
        m(ours.map((f) => f.detectS)).toFixed(2).padStart(6),
        [
          m(ours.map((f) => f.findTextS)).toFixed(2).padStart(14),
          m(ours.map((f) => f.classifyS)).toFixed(2).padStart(8),
          m(ours.map((f) => f.recognizeS)).toFixed(2).padStart(9),
          // Cropping, scaling, batching and decoding around the models.
          m(ours.map((f) => f.ocrS - f.findTextS - f.classifyS - f.recognizeS)).toFixed(2).padStart(5),
        ].join(' '),
        m(ours.map((f) => f.structureS)).toFixed(2).padStart(9),
        m(ours.map((f) => f.writeS)).toFixed(2).padStart(5),
        String(rss).padStart(6),
        nativeS.toFixed(2).padStart(8),
        m(native.map((f) => f.renderS)).toFixed(2).padStart(6),
        m(native.map((f) => f.ocrS)).toFixed(2).padStart(5),
        String(nativeRss).padStart(6),
        `${(oursS / nativeS).toFixed(2)}x`.padStart(11),
      ].join(' | ') + `  (${page.what})`,
    );
  }
  console.log(`sum of medians: pdf2xlsx ${sums.ours.toFixed(2)} s (OCR ${sums.oursOcr.toFixed(2)} s), native ${sums.native.toFixed(2)} s (OCR ${sums.nativeOcr.toFixed(2)} s): ${(sums.ours / sums.native).toFixed(2)}x; peak RSS ${oursPeak} MB vs ${nativePeak} MB`);
  console.log(`OCR by pass, sum of medians: language probe ${passes.probe.toFixed(2)} s, whole-page passes ${passes.page.toFixed(2)} s, re-reads ${passes.reread.toFixed(2)} s, table cells ${passes.cells.toFixed(2)} s`);
  console.log('(ours: whole process; start: Node start-up and loading before the run and exit after it; render/detect/ocr/structure are thread time; detect is finding tables in the image, the orientation check included; ocr other is cropping, scaling and decoding around the models; structure is tables from the layout of words and words into cells)');

  // The same pages as one batch, one pool: speed-up from 1 to N workers and CPU seconds per page.
  const inputs = pages.map((page) => page.pdf);
  const outDir = path.join(benchDir, 'realistic-batch');
  const byWorkers = new Map<number, TimedRun[]>(workerCounts.map((workers) => [workers, []]));
  for (let run = 0; run < runs; run++) {
    for (const workers of workerCounts) {
      await rm(outDir, { recursive: true, force: true });
      byWorkers.get(workers)!.push(timed(process.execPath, [path.join(root, 'bin/pdf2xlsx.js'), ...inputs, '-o', outDir, '--workers', String(workers), '-q'], process.env));
    }
  }
  console.log(`\nrealistic pages as one batch (--lang auto), ${runs} runs, medians`);
  console.log('workers | wall s | speed-up | cpu s | cpu s/page | cpu util | peak RSS MB');
  const baseWall = median(byWorkers.get(workerCounts[0])!.map((r) => r.wallS));
  for (const workers of workerCounts) {
    const list = byWorkers.get(workers)!;
    const wall = median(list.map((r) => r.wallS));
    const cpu = median(list.map((r) => r.cpuS));
    console.log([String(workers).padStart(7), wall.toFixed(2).padStart(6), `${(baseWall / wall).toFixed(2)}x`.padStart(8), cpu.toFixed(1).padStart(5), (cpu / pages.length).toFixed(2).padStart(10), `${Math.round((100 * cpu) / wall / workers)}%`.padStart(8), String(median(list.map((r) => r.peakRssMb))).padStart(11)].join(' | '));
  }
}

async function benchGrid(): Promise<void> {
  process.stderr.write(`bench: generating a ${pageCount}-page scanned PDF at ${dpi} DPI...\n`);
  const input = await scannedInput(pageCount);

  console.log(`\ngrid: ${pageCount} scanned pages of dense ruled grids at ${dpi} DPI, ${runs} runs each, median figures; ${os.availableParallelism()} cores, Node ${process.version}`);
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
  ensureNativeTesseract();
  const native = nativeDocument(input, pageCount);
  const oursS = median(figuresByWorkers.get(workerCounts[0])!.map((f) => f.wallMs)) / 1000;
  console.log(
    `native Tesseract, one page per process: render ${native.renderS.toFixed(2)} s + OCR ${native.ocrS.toFixed(2)} s = ${(native.renderS + native.ocrS).toFixed(2)} s; ` +
      `pdf2xlsx --workers ${workerCounts[0]} / native: ${(oursS / (native.renderS + native.ocrS)).toFixed(2)}x (wall)`,
  );
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

/** A scanned benchmark PDF of `pages` dense ruled grids, in .bench/. */
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

interface TimedRun {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
}

/** Runs a command under GNU time: its wall and CPU seconds and peak RSS (throws on a non-zero exit). */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): TimedRun {
  const report = path.join(benchDir, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${String(result.stderr).trim()}`);
  const [wall, user, system, rssKb] = readFileSync(report, 'utf8').trim().split(/\s+/).map(Number);
  return { wallS: wall, cpuS: user + system, peakRssMb: Math.round(rssKb / 1024) };
}

const NATIVE_ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

/** One page through native Tesseract, the fastest way its tools allow: pdftoppm to PGM, then tesseract --psm 3. */
function nativePage(pdf: string, page: number, languages: string): { renderS: number; ocrS: number; peakRssMb: number } {
  const image = path.join(benchDir, 'native-page');
  const render = timed('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, image], NATIVE_ENV);
  const ocr = timed('tesseract', [`${image}.pgm`, image, '--psm', '3', '-l', languages], NATIVE_ENV);
  return { renderS: render.wallS, ocrS: ocr.wallS, peakRssMb: Math.max(render.peakRssMb, ocr.peakRssMb) };
}

/** The native baseline for the grid case: every page of `input`, one page per process. */
function nativeDocument(input: string, pages: number): { renderS: number; ocrS: number } {
  let renderS = 0;
  let ocrS = 0;
  for (let page = 1; page <= pages; page++) {
    const figures = nativePage(input, page, 'eng');
    renderS += figures.renderS;
    ocrS += figures.ocrS;
  }
  return { renderS, ocrS };
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
  const workers = Number(values['memory-workers']);
  console.log(`\nmemory: peak RSS with --workers ${workers} by page count (the ten realistic pages over and over, --lang auto)`);
  const peaks: number[] = [];
  for (const pages of sizes) {
    const input = await realisticDocument(pages);
    const figures = await runCli(input, path.join(benchDir, `memory-${pages}.xlsx`), workers);
    peaks.push(figures.peakRssMb);
    console.log(`${String(pages).padStart(5)} pages: peak RSS ${figures.peakRssMb} MB, ${(figures.wallMs / 1000 / pages).toFixed(2)} s a page, ${figures.tables} tables`);
  }
  console.log(`growth from ${sizes[0]} to ${sizes[sizes.length - 1]} pages: ${Math.round((100 * (peaks[peaks.length - 1] - peaks[0])) / peaks[0])}%`);
}

/** One PDF of `pages` pages: the realistic pages in turn, over and over. */
async function realisticDocument(pages: number): Promise<string> {
  const { PDFDocument } = await import('pdf-lib');
  const document = await PDFDocument.create();
  const sources = await Promise.all(REALISTIC_PAGES.map(async (page) => PDFDocument.load(readFileSync(path.join(root, page.file)))));
  for (let index = 0; index < pages; index++) {
    const [page] = await document.copyPages(sources[index % sources.length], [0]);
    document.addPage(page);
  }
  const file = path.join(benchDir, `realistic-${pages}p.pdf`);
  await writeFile(file, await document.save());
  return file;
}

async function benchBlank(): Promise<void> {
  const { PDFDocument } = await import('pdf-lib');
  console.log('\nblank: pages that draw nothing, --workers 2 (each is checked for ink and skipped)');
  for (const pages of values['blank-pages'].split(',').map(Number)) {
    const pdf = await PDFDocument.create();
    for (let index = 0; index < pages; index++) pdf.addPage([612, 792]);
    const input = path.join(benchDir, `blank-${pages}.pdf`);
    await writeFile(input, await pdf.save());
    const report = path.join(benchDir, `blank-${pages}.json`);
    const figures = await runCli(input, path.join(benchDir, `blank-${pages}.xlsx`), 2, ['--report', report]);
    const empty = (JSON.parse(readFileSync(report, 'utf8')) as { pages: { empty: number[] } }).pages.empty.length;
    console.log(`${String(pages).padStart(5)} pages: ${(figures.wallMs / 1000).toFixed(1)} s wall, ${(figures.wallMs / pages).toFixed(1)} ms a page, peak RSS ${figures.peakRssMb} MB, ${empty} reported empty`);
  }
}

const CASES: Record<string, () => Promise<void>> = { realistic: benchRealistic, grid: benchGrid, text: benchTextLayer, memory: benchMemory, blank: benchBlank, batch: benchBatch };
if (benchCase !== 'all' && !CASES[benchCase]) {
  console.error(`bench: unknown --case ${benchCase} (one of ${Object.keys(CASES).join(', ')}, all)`);
  process.exit(2);
}
for (const [name, run] of Object.entries(CASES)) if (benchCase === 'all' || benchCase === name) await run();
