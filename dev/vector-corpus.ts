// Dev-only: find tables from vector graphics on the corpus's text pages and compare with the
// manifest and with the raster detector on the same page rendered at the same DPI.
//   node --import tsx dev/vector-corpus.ts [--dpi 300] [--overlays /tmp/pdf2xlsx-vector] [--kind text] [case-id ...]
// Per page: vector ms = getOperatorList + walk (first, cold) / walk again (op list cached) /
// detectVectorTables; raster ms = render / detectTables. With --overlays, writes PNGs of the
// rendered page with the vector rulings (red), fills (yellow), image boxes (green) and grid cells (blue).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.js';
import { renderPage } from '../src/pdf/render-page.js';
import { detectVectorTables } from '../src/detect/detect-vector-tables.js';
import { detectTables } from '../src/detect/detect-tables.js';
import type { CellGrid } from '../src/types.js';
import { writeOverlay } from './vector-overlay.js';

const CORPUS = '/work/shared/corpus';

interface ManifestTable { rows: number; cols: number; style: string; merges?: string[] }
interface ManifestCase { id: string; kind: string; pages: number[]; tables: ManifestTable[] }

const args = process.argv.slice(2);
let dpi = 300;
let overlays: string | null = null;
let kind = 'text';
const ids: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dpi') dpi = Number(args[++i]);
  else if (args[i] === '--overlays') overlays = args[++i];
  else if (args[i] === '--kind') kind = args[++i];
  else ids.push(args[i]);
}
if (overlays) mkdirSync(overlays, { recursive: true });
const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] };

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function describe(grid: CellGrid): string {
  const merges = grid.cells
    .filter((c) => c.rowSpan > 1 || c.colSpan > 1)
    .map((c) => `${colName(c.col)}${c.row + 1}:${colName(c.col + c.colSpan - 1)}${c.row + c.rowSpan}`);
  return `${grid.rowEdges.length - 1}x${grid.columnEdges.length - 1}${merges.length ? ' ' + merges.join(',') : ''}`;
}

const selected = ids.length ? manifest.cases.filter((c) => ids.includes(c.id)) : manifest.cases.filter((c) => c.kind === kind);
const totals = { cold: 0, walk: 0, detect: 0, pages: 0 };
console.log(`dpi ${dpi}; ms: vector = getOperatorList+walk (cold) / walk (cached) / detect; raster = render / detect`);
for (const c of selected) {
  const file = path.join(CORPUS, 'cases', c.id, 'input.pdf');
  const document = await openPdf(await readPdfFile(file), null, file);
  const expected = c.tables.map((t) => `${t.rows}x${t.cols}${t.merges?.length ? ' ' + t.merges.join(',') : ''}`);
  console.log(`${c.id} (${c.tables.map((t) => t.style).join(', ')}) expected: ${expected.join(' + ')}`);
  for (const pageNumber of c.pages) {
    const page = await document.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const size = { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi };
    let t = performance.now();
    const graphics = await readVectorGraphics(page, viewport);
    const coldMs = performance.now() - t;
    t = performance.now();
    await readVectorGraphics(page, viewport);
    const walkMs = performance.now() - t;
    detectVectorTables(graphics, size); // JIT warm-up
    t = performance.now();
    const grids = detectVectorTables(graphics, size);
    const detectMs = performance.now() - t;
    t = performance.now();
    const image = await renderPage(page, viewport, dpi);
    const renderMs = performance.now() - t;
    t = performance.now();
    const raster = detectTables(image);
    const rasterMs = performance.now() - t;
    totals.cold += coldMs;
    totals.walk += walkMs;
    totals.detect += detectMs;
    totals.pages++;
    const g = graphics;
    console.log(
      `  p${pageNumber} rot${page.rotate} [${g.rulings.length} rulings, ${g.fills.length} fills, ${g.imageBoxes.length} images]` +
        `  vector: ${grids.map(describe).join(' + ') || '-'} (${coldMs.toFixed(0)}/${walkMs.toFixed(1)}/${detectMs.toFixed(1)} ms)` +
        `  raster: ${raster.grids.map(describe).join(' + ') || '-'} (${renderMs.toFixed(0)}/${rasterMs.toFixed(0)} ms)`,
    );
    if (overlays) writeOverlay(path.join(overlays, `${c.id}-p${pageNumber}.png`), image, graphics, grids);
    page.cleanup();
  }
  await document.destroy();
}
const n = Math.max(1, totals.pages);
console.log(`mean per page: vector cold ${(totals.cold / n).toFixed(1)} ms, walk ${(totals.walk / n).toFixed(2)} ms, detect ${(totals.detect / n).toFixed(2)} ms over ${totals.pages} pages`);
