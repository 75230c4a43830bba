import { detectTables } from '/work/main/src/detect/detect-tables.ts';
import { cropTableForOcr } from '/work/main/src/ocr/crop-table.ts';
import { openPdf, readPdfFile } from '/work/main/src/pdf/open-pdf.ts';
import { renderPage } from '/work/main/src/pdf/render-page.ts';
import { TesseractEngine } from '/work/main/src/ocr/tesseract-engine.ts';
import { resolveLanguageData } from '/work/main/src/ocr/language-data.ts';
import { otsuThreshold } from '/work/main/src/image/otsu-threshold.ts';
const [file, page = '1', dpi = '200'] = process.argv.slice(2);
const document = await openPdf(await readPdfFile(file), null, file);
const { image } = await renderPage(document, Number(page), { dpi: Number(dpi), maxPagePixels: 40e6 });
const det = detectTables(image);
const crop = cropTableForOcr(det.image, det.grids[0]);
const eng = await TesseractEngine.create(resolveLanguageData(['eng'], null), 30000);
function up2(c) { const w = c.width * 2, h = c.height * 2; const g = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const sx = Math.min(c.width - 1, (x - 0.5) / 2 + 0), sy = Math.min(c.height - 1, (y - 0.5) / 2);
    const x0 = Math.max(0, Math.floor(sx)), y0 = Math.max(0, Math.floor(sy)); const x1 = Math.min(c.width - 1, x0 + 1), y1 = Math.min(c.height - 1, y0 + 1);
    const fx = Math.max(0, sx - x0), fy = Math.max(0, sy - y0);
    const a = c.gray[y0 * c.width + x0], b = c.gray[y0 * c.width + x1], cc = c.gray[y1 * c.width + x0], d = c.gray[y1 * c.width + x1];
    g[y * w + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (cc * (1 - fx) + d * fx) * fy; }
  return { ...c, width: w, height: h, gray: g, dpi: c.dpi * 2 }; }
function bin(c) { const t = otsuThreshold(c.gray); return { ...c, gray: c.gray.map(v => v <= t ? 0 : 255) }; }
for (const [name, c] of [['plain', crop], ['bin', bin(crop)], ['up2', up2(crop)], ['up2bin', bin(up2(crop))]]) {
  for (const psm of [6, 11, 4]) {
    const t = performance.now();
    const words = await eng.recognize(c, { pageSegmentationMode: psm });
    console.log(name, psm, Math.round(performance.now() - t), 'ms:', words.map(w => w.text).join(' ').slice(0, 260));
  }
}
await eng.terminate();
