// Test helper: draw a one-page PDF with pdf-lib and read its vector graphics back through pdf.js.
import { PDFDocument, degrees, type PDFPage } from 'pdf-lib';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { readVectorGraphics, type VectorGraphics } from '../../src/pdf/read-vector-graphics.ts';

export interface DrawnPage {
  graphics: VectorGraphics;
  /** Page size in pixels at `dpi` (after /Rotate), as the pipeline passes it to detectVectorTables. */
  page: { width: number; height: number; dpi: number };
}

/** Builds a `widthPt` x `heightPt` page with `draw`, optionally /Rotate'd, and reads its graphics at each DPI. */
export async function drawAndRead(
  draw: (page: PDFPage, pdf: PDFDocument) => void | Promise<void>,
  options: { widthPt?: number; heightPt?: number; rotate?: number; dpis?: number[] } = {},
): Promise<Map<number, DrawnPage>> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([options.widthPt ?? 400, options.heightPt ?? 300]);
  await draw(page, pdf);
  if (options.rotate) page.setRotation(degrees(options.rotate));
  const document = await openPdf(await pdf.save(), null, 'test.pdf');
  try {
    const pdfPage = await document.getPage(1);
    const out = new Map<number, DrawnPage>();
    for (const dpi of options.dpis ?? [72]) {
      const viewport = pdfPage.getViewport({ scale: dpi / 72 });
      const graphics = await readVectorGraphics(pdfPage, viewport);
      out.set(dpi, { graphics, page: { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi } });
    }
    return out;
  } finally {
    await document.destroy();
  }
}
