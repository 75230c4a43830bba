#!/usr/bin/env node
// Wraps one or more page images (PNG or JPEG) as an image-only PDF, one page per image, each
// page sized so that the image has the given resolution (the PDF carries no text layer).
//   node corpus-real/tools/image-to-pdf.mjs out.pdf --dpi 96 page1.png [page2.jpg ...]
// JPEGs are embedded as they are (DCT, no re-encoding); PNGs as Flate, as pdf-lib reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';

const args = process.argv.slice(2);
const dpiAt = args.indexOf('--dpi');
if (dpiAt < 0 || args.length < 4) {
  console.error('usage: image-to-pdf.mjs out.pdf --dpi N image [image ...]');
  process.exit(2);
}
const dpi = Number(args[dpiAt + 1]);
const [out, ...images] = args.filter((_, i) => i !== dpiAt && i !== dpiAt + 1);
const doc = await PDFDocument.create();
doc.setCreationDate(new Date(Date.UTC(2000, 0, 1)));
doc.setModificationDate(new Date(Date.UTC(2000, 0, 1)));
doc.setProducer('pdf2xlsx corpus-real image-to-pdf');
for (const file of images) {
  const bytes = readFileSync(file);
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const image = isJpeg ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
  const widthPt = (image.width * 72) / dpi;
  const heightPt = (image.height * 72) / dpi;
  const page = doc.addPage([widthPt, heightPt]);
  page.drawImage(image, { x: 0, y: 0, width: widthPt, height: heightPt });
}
writeFileSync(out, await doc.save({ useObjectStreams: false }));
