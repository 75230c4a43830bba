// Dev-only: gather what detectWordTables sees for every page of the dev corpus (and the fixture
// samples) and cache it as JSON under /tmp, so layout detection can be iterated on without
// re-reading, re-rendering or re-OCRing. Mirrors src/pool/read-page.ts: a usable text layer gives
// exact words (300 DPI), ruled grids from vector rulings (else from the rendered page); scanned
// pages are rendered, their ruled tables detected (deskewed), and the whole page OCR'd.
//   node --import tsx dev/layout-gather.mts [--psm 3|11] [--all-pages] [--force] [--force-ocr] [case-id ...]
// --force-ocr OCRs text pages too (cached as ocr-<case-id>), to see scanned versions of them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectTables } from '../src/detect/detect-tables.ts';
import { detectVectorTables } from '../src/detect/detect-vector-tables.ts';
import { resolveLanguageData } from '../src/ocr/language-data.ts';
import { TesseractEngine } from '../src/ocr/tesseract-engine.ts';
import { assessTextLayer, largestImageRatio } from '../src/pdf/assess-text-layer.ts';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.ts';
import { readTextLayer } from '../src/pdf/read-text-layer.ts';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.ts';
import { pageViewportFor, renderPage } from '../src/pdf/render-page.ts';
import type { CellGrid, PixelBox, Ruling, Word } from '../src/types.ts';

export const CACHE_DIR = '/tmp/pdf2xlsx-layout-words';
const CORPUS = '/work/shared/corpus';
const DPI = 300;
/** Horizontal rules shorter than this are underlines and dashes, not table rules. */
const MIN_RULE_INCHES = 0.5;

export interface GatheredPage {
  id: string;
  file: string;
  pageNumber: number;
  source: 'text-layer' | 'ocr';
  psm: number | null;
  page: { width: number; height: number; dpi: number };
  words: Word[];
  horizontalRules: Ruling[];
  ruledGrids: CellGrid[];
}

function inside(r: Ruling, box: PixelBox, slack: number): boolean {
  return r.position >= box.top - slack && r.position <= box.bottom + slack && r.start >= box.left - slack && r.end <= box.right + slack;
}

function longHorizontal(rulings: Ruling[], grids: CellGrid[], dpi: number): Ruling[] {
  return rulings.filter(
    (r) => r.orientation === 'horizontal' && r.end - r.start >= MIN_RULE_INCHES * dpi && !grids.some((g) => inside(r, g.box, 0.03 * dpi)),
  );
}

let engine: TesseractEngine | null = null;

export async function gatherPage(id: string, file: string, pageNumber: number, psm: number, forceOcr: boolean): Promise<GatheredPage> {
  const document = await openPdf(await readPdfFile(file), null, file);
  try {
    const page = await document.getPage(pageNumber);
    const { viewport, dpi } = pageViewportFor(page, { dpi: DPI, maxPagePixels: 60e6 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const layer = await readTextLayer(page, viewport);
    const graphics = await readVectorGraphics(page, viewport);
    const verdict = assessTextLayer(layer, largestImageRatio(graphics.imageBoxes, width, height));
    if (!forceOcr && verdict.kind === 'usable') {
      let grids = detectVectorTables(graphics, { width, height, dpi });
      let rules = longHorizontal(graphics.rulings, grids, dpi);
      if (grids.length === 0) {
        const detection = detectTables(await renderPage(page, viewport, dpi));
        grids = detection.grids;
        // (skew of a born-digital page is ~0; words are not deskewed here)
        rules = rules.concat(longHorizontal(detection.rulings, grids, dpi));
      }
      return { id, file, pageNumber, source: 'text-layer', psm: null, page: { width, height, dpi }, words: layer.words, horizontalRules: rules, ruledGrids: grids };
    }
    const image = await renderPage(page, viewport, dpi);
    const detection = detectTables(image);
    engine ??= await TesseractEngine.create(resolveLanguageData(['eng'], null), 60000);
    await engine.configure({ pageSegmentationMode: psm }, dpi);
    const started = performance.now();
    const words = await engine.recognize(detection.image.width, detection.image.height, detection.image.gray);
    console.error(`  OCR psm ${psm}: ${words.length} words in ${((performance.now() - started) / 1000).toFixed(1)} s, skew ${detection.skewDegrees.toFixed(2)}`);
    return {
      id, file, pageNumber, source: 'ocr', psm, page: { width: detection.image.width, height: detection.image.height, dpi },
      words, horizontalRules: longHorizontal(detection.rulings, detection.grids, dpi), ruledGrids: detection.grids,
    };
  } finally {
    await document.destroy();
  }
}

export function cacheFile(id: string, pageNumber: number, psm: number): string {
  return path.join(CACHE_DIR, `${id}-p${pageNumber}-psm${psm}.json`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let psm = 3;
  let allPages = false;
  let force = false;
  let forceOcr = false;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--psm') psm = Number(args[++i]);
    else if (args[i] === '--all-pages') allPages = true;
    else if (args[i] === '--force') force = true;
    else if (args[i] === '--force-ocr') forceOcr = true;
    else ids.push(args[i]);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { cases: { id: string; kind: string; pages: number[] }[] };
  const jobs: { id: string; file: string; pages: number[]; forceOcr: boolean }[] = [];
  for (const c of manifest.cases) {
    if (ids.length > 0 && !ids.includes(c.id)) continue;
    const file = path.join(CORPUS, 'cases', c.id, 'input.pdf');
    let pages = c.pages;
    if (allPages && c.kind === 'text') {
      const document = await openPdf(await readPdfFile(file), null, file);
      pages = Array.from({ length: document.numPages }, (_, i) => i + 1);
      await document.destroy();
    }
    jobs.push({ id: forceOcr ? `ocr-${c.id}` : c.id, file, pages, forceOcr });
  }
  if (!forceOcr && (ids.length === 0 || ids.includes('fixtures'))) {
    for (const name of ['sample-text', 'sample-scanned']) jobs.push({ id: `fixture-${name}`, file: path.resolve('fixtures', `${name}.pdf`), pages: [1, 2], forceOcr: false });
  }
  for (const job of jobs) {
    for (const pageNumber of job.pages) {
      const out = cacheFile(job.id, pageNumber, psm);
      if (!force && existsSync(out)) continue;
      console.error(`${job.id} p${pageNumber}`);
      const gathered = await gatherPage(job.id, job.file, pageNumber, psm, job.forceOcr);
      // text-layer pages do not depend on the PSM: write them under every PSM's name
      const names = gathered.source === 'text-layer' ? [3, 11].map((p) => cacheFile(job.id, pageNumber, p)) : [out];
      for (const name of names) writeFileSync(name, JSON.stringify(gathered));
    }
  }
  await engine?.terminate();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
