// Dev-only: time readVectorGraphics + detectVectorTables on generated worst cases (many fills,
// graph paper, hatching), to check nothing is unexpectedly quadratic.
//   node --import tsx dev/vector-stress.ts
import { performance } from 'node:perf_hooks';
import { PDFDocument, rgb, moveTo, lineTo, stroke, rectangle, fill, setFillingRgbColor } from 'pdf-lib';
import { openPdf } from '../src/pdf/open-pdf.js';
import { readVectorGraphics } from '../src/pdf/read-vector-graphics.js';
import { detectVectorTables } from '../src/detect/detect-vector-tables.js';

async function time(name: string, draw: (ops: unknown[]) => void): Promise<void> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const ops: unknown[] = [];
  draw(ops);
  for (let i = 0; i < ops.length; i += 5000) page.pushOperators(...(ops.slice(i, i + 5000) as never[]));
  const document = await openPdf(await pdf.save(), null, name);
  const p = await document.getPage(1);
  const viewport = p.getViewport({ scale: 300 / 72 });
  for (let round = 0; round < 2; round++) {
    let t = performance.now();
    const g = await readVectorGraphics(p, viewport);
    const readMs = performance.now() - t;
    t = performance.now();
    const grids = detectVectorTables(g, { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi: 300 });
    const detectMs = performance.now() - t;
    console.log(`${name} round ${round}: ${g.rulings.length} rulings, ${g.fills.length} fills, ${g.obliqueSegments.length / 4} oblique -> ${grids.map((x) => `${x.rowEdges.length - 1}x${x.columnEdges.length - 1}`).join(' ') || '-'}; read ${readMs.toFixed(0)} ms, detect ${detectMs.toFixed(0)} ms`);
  }
  await document.destroy();
}

// 2900 coloured tiles with gutters (a heat map): each touches its neighbours
await time('tiles 58x50', (ops) => {
  for (let r = 0; r < 58; r++) for (let c = 0; c < 50; c++) {
    ops.push(setFillingRgbColor((r * 7 + c * 3) % 10 / 20 + 0.3, 0.5, 0.6), rectangle(30 + c * 11, 30 + r * 12, 10, 11), fill());
  }
});
// graph paper: 1-pt spaced lines across the page
await time('graph paper', (ops) => {
  for (let x = 30; x <= 580; x += 2) ops.push(moveTo(x, 30), lineTo(x, 760), stroke());
  for (let y = 30; y <= 760; y += 2) ops.push(moveTo(30, y), lineTo(580, y), stroke());
});
// hatching: 20000 short strokes
await time('hatching', (ops) => {
  for (let i = 0; i < 20000; i++) {
    const x = 30 + (i % 200) * 2.7;
    const y = 30 + Math.floor(i / 200) * 7;
    ops.push(moveTo(x, y), lineTo(x + (i % 2 ? 3 : 0), y + (i % 2 ? 0 : 3)), stroke());
  }
});
void rgb;
