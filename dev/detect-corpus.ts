// Dev-only: run detectTables on corpus pages, print rows×cols / spans / skew / timing per
// table next to the manifest's expectations, and write PNG overlays (rulings red, cells blue).
//   node --import tsx dev/detect-corpus.ts [--dpi 200] [--out /tmp/pdf2xlsx-overlays] [--crops] [--cli-render] [case-id ...]
// --crops also writes the line-erased OCR crops; --cli-render renders through src/pdf (the CLI's path).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { loadPageGray } from './render-page.js';
import { detectTables, type DetectionTrace } from '../src/detect/detect-tables.js';
import { cropTableForOcr } from '../src/ocr/crop-table.js';
import { writeOverlayPng } from '../src/report/debug-overlay.js';
import type { CellGrid, PageImage } from '../src/types.js';

const CORPUS = '/work/shared/corpus';
const DEFAULT_CASES = [
  'img2table-merged-cells', 'scan200-camelot-twotables_2', 'scan200-icdar-us-012-p1',
  'scan200-icdar-eu-011-p3', 'scan300-icdar-us-003-p1',
  'camelot-column_span_2', 'camelot-twotables_2', 'icdar-eu-004-p7', 'icdar-eu-015-p1',
  'icdar-us-012-p1', 'img2table-tables-pdf', 'tabula-twotables',
];

interface ManifestTable { file: string; rows: number; cols: number; style: string; merges?: string[] }
interface ManifestCase { id: string; kind: string; pages: number[]; tables: ManifestTable[] }

const args = process.argv.slice(2);
let dpi = 200;
let outDir = '/tmp/pdf2xlsx-overlays';
let writeCrops = false;
let cliRender = false;
const ids: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dpi') dpi = Number(args[++i]);
  else if (args[i] === '--out') outDir = args[++i];
  else if (args[i] === '--crops') writeCrops = true;
  else if (args[i] === '--cli-render') cliRender = true;
  else ids.push(args[i]);
}
mkdirSync(outDir, { recursive: true });
const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] };

/** Merged ranges of a grid as A1 refs, like the manifest's `merges`. */
function mergesOf(grid: CellGrid): string[] {
  const col = (c: number): string => {
    let s = '';
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  return grid.cells
    .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
    .map((c) => `${col(c.col)}${c.row + 1}:${col(c.col + c.colSpan - 1)}${c.row + c.rowSpan}`);
}

function grayToCanvas(image: { width: number; height: number; gray: Uint8Array }) {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.gray.length; i++) {
    const v = image.gray[i];
    data.data[4 * i] = v;
    data.data[4 * i + 1] = v;
    data.data[4 * i + 2] = v;
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return canvas;
}

const selected = ids.length ? ids : DEFAULT_CASES;
let totalMs = 0;
let pagesDone = 0;
for (const id of selected) {
  const c = manifest.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  const found: CellGrid[] = [];
  const perPage: string[] = [];
  for (const pageNumber of c.pages) {
    const image: PageImage = await loadPageGray(path.join(CORPUS, 'cases', id, 'input.pdf'), pageNumber, dpi, cliRender);
    detectTables(image); // warm-up (JIT), so the timing below is steady-state
    const t0 = performance.now();
    const trace: DetectionTrace = { binarization: 'otsu', threshold: 0, candidates: [] };
    const det = detectTables(image, trace);
    const ms = performance.now() - t0;
    const cands = trace.candidates.map((c) => `${c.grid.rowEdges.length - 1}x${c.grid.columnEdges.length - 1}:x${c.crossings}${c.accepted ? '' : '(' + c.reason + ')'}`);
    perPage.push(`${trace.binarization}@${trace.threshold} [${cands.join(' ')}]`);
    totalMs += ms;
    pagesDone++;
    perPage.push(`p${pageNumber} ${image.width}x${image.height} skew=${det.skewDegrees.toFixed(2)}° ${ms.toFixed(0)}ms rulings=${det.rulings.length}`);
    found.push(...det.grids);
    await writeOverlayPng(path.join(outDir, `${id}-p${pageNumber}.png`), det.image.width, det.image.height, det.image.gray, { rulings: det.rulings, grids: det.grids, words: [] });
    if (writeCrops) {
      det.grids.forEach((g, i) => {
        const crop = cropTableForOcr(det.image, g);
        writeFileSync(path.join(outDir, `${id}-p${pageNumber}-t${i}-crop.png`), grayToCanvas(crop).toBuffer('image/png'));
      });
    }
  }
  console.log(`${id} [${c.kind}] ${perPage.join(' | ')}`);
  const n = Math.max(found.length, c.tables.length);
  for (let i = 0; i < n; i++) {
    const e = c.tables[i];
    const g = found[i];
    const exp = e ? `${e.rows}x${e.cols} ${e.style} merges=${JSON.stringify(e.merges ?? [])}` : '-';
    const got = g ? `${g.rowEdges.length - 1}x${g.columnEdges.length - 1} merges=${JSON.stringify(mergesOf(g))}` : '-';
    const ok = e && g && e.rows === g.rowEdges.length - 1 && e.cols === g.columnEdges.length - 1 ? 'OK ' : '   ';
    console.log(`  ${ok} table ${i + 1}: got ${got}   expected ${exp}`);
  }
}
console.log(`mean ${(totalMs / pagesDone).toFixed(0)} ms/page over ${pagesDone} pages at ${dpi} dpi`);
