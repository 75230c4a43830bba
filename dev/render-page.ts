// Dev-only: render one PDF page to an 8-bit gray bitmap with pdfjs-dist + @napi-rs/canvas,
// cached as a PGM under /tmp so detection experiments do not pay for rendering every time.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { PageImage } from '../src/types.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CACHE_DIR = '/tmp/pdf2xlsx-dev-pages-v2';

export async function renderPageGray(pdfPath: string, pageNumber: number, dpi: number): Promise<PageImage> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(pdfPath));
  const doc = await pdfjs.getDocument({
    data,
    standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
    cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    // as src/pdf/open-pdf.ts does: the same glyphs as the CLI renders
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    // pdfjs's types want a DOM canvas; @napi-rs/canvas is API-compatible for rendering.
    await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const gray = new Uint8Array(width * height);
    for (let i = 0, j = 0; i < gray.length; i++, j += 4) {
      // ITU-R BT.601 luma, integer arithmetic
      gray[i] = (rgba[j] * 299 + rgba[j + 1] * 587 + rgba[j + 2] * 114 + 500) / 1000;
    }
    return { pageNumber, dpi, width, height, gray };
  } finally {
    await doc.destroy();
  }
}

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
export async function renderPageWithCli(pdfPath: string, pageNumber: number, dpi: number): Promise<PageImage> {
  const { openPdf, readPdfFile } = await import('../src/pdf/open-pdf.js');
  const { renderPage } = await import('../src/pdf/render-page.js');
  const document = await openPdf(await readPdfFile(pdfPath), null, pdfPath);
  try {
    return (await renderPage(document, pageNumber, { dpi, maxPagePixels: 60e6 })).image;
  } finally {
    await document.destroy();
  }
}

/** Render (or load from the /tmp cache) a page; `cli` renders through src/pdf instead of this script's own setup. */
export async function loadPageGray(pdfPath: string, pageNumber: number, dpi: number, cli = false): Promise<PageImage> {
  const key = `${pdfPath.replace(/[^A-Za-z0-9]+/g, '_')}-p${pageNumber}-${dpi}${cli ? '-cli' : ''}.pgm`;
  const file = path.join(CACHE_DIR, key);
  if (existsSync(file)) return decodePgm(await readFile(file), pageNumber, dpi);
  const image = cli ? await renderPageWithCli(pdfPath, pageNumber, dpi) : await renderPageGray(pdfPath, pageNumber, dpi);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(file, encodePgm(image));
  return image;
}
