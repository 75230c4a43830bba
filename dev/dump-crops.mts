// Writes the line-erased OCR crops of a page as PNGs: node --import tsx dev/dump-crops.mts file.pdf [page] [dpi] [outdir]
import { createCanvas } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { detectTables } from '../src/detect/detect-tables.ts';
import { cropTableForOcr } from '../src/ocr/crop-table.ts';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.ts';
import { pageViewportFor, renderPage } from '../src/pdf/render-page.ts';

const [file, page = '1', dpi = '300', outDir = '/tmp'] = process.argv.slice(2);
const document = await openPdf(await readPdfFile(file), null, file);
const pdfPage = await document.getPage(Number(page));
const { viewport, dpi: renderDpi } = pageViewportFor(pdfPage, { dpi: Number(dpi), maxPagePixels: 40e6 });
const image = await renderPage(pdfPage, viewport, renderDpi);
const detection = detectTables(image);
detection.grids.forEach((grid, index) => {
  const crop = cropTableForOcr(detection.image, grid);
  const canvas = createCanvas(crop.width, crop.height);
  const context = canvas.getContext('2d');
  const data = context.createImageData(crop.width, crop.height);
  for (let i = 0; i < crop.width * crop.height; i++) data.data.set([crop.gray[i], crop.gray[i], crop.gray[i], 255], i * 4);
  context.putImageData(data, 0, 0);
  const out = `${outDir}/crop-p${page}-t${index + 1}.png`;
  writeFileSync(out, canvas.encodeSync('png'));
  console.log(out, crop.width, crop.height, 'skew', detection.skewDegrees);
});
