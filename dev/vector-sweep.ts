// Dev-only: run readVectorGraphics + detectVectorTables on every page of the given PDFs; print
// per page the counts, grids and ms, and any exception (a robustness and false-positive sweep).
//   node --import tsx dev/vector-sweep.ts [--dpi 300] [--overlays dir] file.pdf ...
// With --overlays, pages with grids are rendered and drawn over (see vector-overlay.ts).
import { performance } from 'node:perf_hooks';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.js';
import { detectVectorTables } from '../src/detect/detect-vector-tables.js';
import { renderPage } from '../src/pdf/render-page.js';
import { writeOverlay } from './vector-overlay.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
const args = process.argv.slice(2);
let dpi = 300;
let overlays: string | null = null;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dpi') dpi = Number(args[++i]);
  else if (args[i] === '--overlays') overlays = args[++i];
  else files.push(args[i]);
}
let pages = 0;
let totalMs = 0;
for (const file of files) {
  let document;
  try {
    document = await openPdf(await readPdfFile(file), null, file);
  } catch (error) {
    console.log(`${file}: cannot open (${(error as Error).message})`);
    continue;
  }
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    try {
      const t = performance.now();
      const g = await readVectorGraphics(page, viewport);
      const grids = detectVectorTables(g, { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi });
      const ms = performance.now() - t;
      totalMs += ms;
      pages++;
      const shapes = grids.map((x) => `${x.rowEdges.length - 1}x${x.columnEdges.length - 1}`).join(' ');
      if (overlays && grids.length) {
        mkdirSync(overlays, { recursive: true });
        const name = `${path.basename(path.dirname(file))}-${path.basename(file, '.pdf')}-p${n}.png`;
        writeOverlay(path.join(overlays, name), await renderPage(page, viewport, dpi), g, grids);
      }
      if (grids.length || process.env.ALL) console.log(`${file} p${n}: ${g.rulings.length}r ${g.fills.length}f ${g.imageBoxes.length}i -> ${shapes || '-'} (${ms.toFixed(0)} ms)`);
    } catch (error) {
      console.log(`${file} p${n}: ERROR ${(error as Error).stack}`);
    }
    page.cleanup();
  }
  await document.destroy();
}
console.log(`${pages} pages, mean ${(totalMs / Math.max(1, pages)).toFixed(1)} ms/page (getOperatorList + walk + detect)`);
