// Dev-only: render one PDF page to an 8-bit gray bitmap with the CLI's own src/pdf code,
// cached as a PGM under /tmp so detection experiments do not pay for rendering every time.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PageImage } from '../src/types.js';

const CACHE_DIR = '/tmp/pdf2xlsx-dev-pages-v2';

export function encodePgm(image: PageImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(image.gray.buffer, image.gray.byteOffset, image.gray.byteLength)]);
}

export function decodePgm(buf: Buffer, pageNumber: number, dpi: number): PageImage {
  const text = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(text);
  if (!m) throw new Error('not a binary PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const gray = new Uint8Array(width * height);
  gray.set(buf.subarray(m[0].length, m[0].length + width * height));
  return { pageNumber, dpi, width, height, gray };
}

/** Render with the CLI's own code path (src/pdf), to see exactly what the pipeline sees. */
export async function renderPageGray(pdfPath: string, pageNumber: number, dpi: number): Promise<PageImage> {
  const { openPdf, readPdfFile } = await import('../src/pdf/open-pdf.js');
  const { pageViewportFor, renderPage } = await import('../src/pdf/render-page.js');
  const document = await openPdf(await readPdfFile(pdfPath), null, pdfPath);
  try {
    const page = await document.getPage(pageNumber);
    const { viewport, dpi: renderDpi } = pageViewportFor(page, { dpi, maxPagePixels: 60e6 });
    return await renderPage(page, viewport, renderDpi);
  } finally {
    await document.destroy();
  }
}

/** Render (or load from the /tmp cache) a page through src/pdf. `_cli` is kept for old callers. */
export async function loadPageGray(pdfPath: string, pageNumber: number, dpi: number, _cli = false): Promise<PageImage> {
  const key = `${pdfPath.replace(/[^A-Za-z0-9]+/g, '_')}-p${pageNumber}-${dpi}-cli.pgm`;
  const file = path.join(CACHE_DIR, key);
  if (existsSync(file)) return decodePgm(await readFile(file), pageNumber, dpi);
  const image = await renderPageGray(pdfPath, pageNumber, dpi);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(file, encodePgm(image));
  return image;
}
