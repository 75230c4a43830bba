// Dev-only: what readVectorGraphics costs in the pipeline's order (text layer first), per page of
// a document, and whether a later render reuses the cached operator list.
//   node --import tsx dev/time-vector-read.ts file.pdf [dpi]
import { performance } from 'node:perf_hooks';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.js';
import { readTextLayer } from '../src/pdf/read-text-layer.js';
import { renderPage } from '../src/pdf/render-page.js';
import { detectVectorTables } from '../src/detect/detect-vector-tables.js';
const [file, dpiStr] = process.argv.slice(2);
const dpi = Number(dpiStr ?? 300);
for (const withRender of [false, true]) {
  const document = await openPdf(await readPdfFile(file), null, file);
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    let t = performance.now();
    await readTextLayer(page, viewport);
    const textMs = performance.now() - t;
    t = performance.now();
    const graphics = await readVectorGraphics(page, viewport);
    const vectorMs = performance.now() - t;
    t = performance.now();
    const grids = detectVectorTables(graphics, { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi });
    const detectMs = performance.now() - t;
    let renderMs = 0;
    if (withRender) {
      t = performance.now();
      await renderPage(page, viewport, dpi);
      renderMs = performance.now() - t;
    }
    console.log(`p${n}: text ${textMs.toFixed(1)} ms, vector ${vectorMs.toFixed(1)} ms, detect ${detectMs.toFixed(1)} ms, ${grids.length} grids${withRender ? `, render after ${renderMs.toFixed(0)} ms` : ''}`);
    page.cleanup();
  }
  await document.destroy();
}
