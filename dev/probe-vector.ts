// Dev-only scratch: print what readVectorGraphics finds on one page.
//   node --import tsx dev/probe-vector.ts file.pdf pageNumber [dpi]
import { performance } from 'node:perf_hooks';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.js';
const [file, pageStr, dpiStr] = process.argv.slice(2);
const dpi = Number(dpiStr ?? 72);
const doc = await openPdf(await readPdfFile(file), null, file);
const page = await doc.getPage(Number(pageStr));
const viewport = page.getViewport({ scale: dpi / 72 });
let t = performance.now();
const g = await readVectorGraphics(page, viewport);
const first = performance.now() - t;
t = performance.now();
await readVectorGraphics(page, viewport);
console.log(`first ${first.toFixed(1)} ms, again ${(performance.now() - t).toFixed(1)} ms; ${g.rulings.length} rulings, ${g.fills.length} fills, ${g.imageBoxes.length} images`);
const fmt = (r: { orientation: string; position: number; start: number; end: number; thickness: number }) => `${r.orientation[0]} @${r.position} [${r.start},${r.end}] t${r.thickness}`;
if (process.argv[5]) {
  for (const r of g.rulings) console.log(fmt(r));
  for (const f of g.fills) console.log('fill', JSON.stringify(f));
  for (const f of g.imageBoxes) console.log('image', JSON.stringify(f));
}
