import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, degrees, rgb } from 'pdf-lib';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { chooseRenderDpi, pageViewportFor, renderPage, rgbaToGray } from '../../src/pdf/render-page.ts';
import type { PdfDocument } from '../../src/pdf/open-pdf.ts';

async function renderFirstPage(document: PdfDocument, settings: { dpi: number; maxPagePixels: number }) {
  const page = await document.getPage(1);
  const { viewport, dpi, warning } = pageViewportFor(page, settings);
  return { image: await renderPage(page, viewport, dpi), warning };
}

/** A 200 x 100 pt page with a black 50 x 20 pt box at (10, 10) from the top-left, optionally /Rotate'd. */
async function boxPdf(rotate = 0, widthPt = 200, heightPt = 100): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([widthPt, heightPt]);
  page.drawRectangle({ x: 10, y: heightPt - 30, width: 50, height: 20, color: rgb(0, 0, 0) });
  page.setRotation(degrees(rotate));
  return pdf.save();
}

function darkBox(image: { width: number; height: number; gray: Uint8Array }) {
  let left = image.width, top = image.height, right = -1, bottom = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.gray[y * image.width + x] < 128) {
        left = Math.min(left, x); right = Math.max(right, x + 1);
        top = Math.min(top, y); bottom = Math.max(bottom, y + 1);
      }
    }
  }
  return { left, top, right, bottom };
}

describe('renderPage', () => {
  it('renders gray pixels at the DPI, white background, ink where drawn', async () => {
    const document = await openPdf(await boxPdf(), null, 'box.pdf');
    const { image, warning } = await renderFirstPage(document, { dpi: 144, maxPagePixels: 40e6 });
    assert.equal(warning, null);
    assert.deepEqual([image.width, image.height, image.dpi, image.pageNumber], [400, 200, 144, 1]);
    assert.equal(image.gray[image.width * image.height - 1], 255);
    const box = darkBox(image);
    // 10..60 pt x 10..30 pt at 2 px/pt, give or take anti-aliasing.
    for (const [actual, expected] of [[box.left, 20], [box.right, 120], [box.top, 20], [box.bottom, 60]]) assert.ok(Math.abs(actual - expected) <= 1, `${actual} vs ${expected}`);
    await document.destroy();
  });

  it('honours /Rotate 90: the page turns clockwise', async () => {
    const document = await openPdf(await boxPdf(90), null, 'rotated.pdf');
    const { image } = await renderFirstPage(document, { dpi: 72, maxPagePixels: 40e6 });
    assert.deepEqual([image.width, image.height], [100, 200]);
    const box = darkBox(image);
    // The box near the top-left corner of the unrotated page is near the top-right after turning.
    for (const [actual, expected] of [[box.left, 70], [box.right, 90], [box.top, 10], [box.bottom, 60]]) assert.ok(Math.abs(actual - expected) <= 1, `${actual} vs ${expected}`);
    await document.destroy();
  });

  it('lowers the DPI of a page beyond the pixel budget, with a warning, never a blank page', async () => {
    const document = await openPdf(await boxPdf(0, 2000, 1000), null, 'huge.pdf');
    const { image, warning } = await renderFirstPage(document, { dpi: 300, maxPagePixels: 2_000_000 });
    assert.ok(image.width * image.height <= 2_000_000);
    assert.ok(image.dpi < 300 && image.dpi > 40, `dpi ${image.dpi}`);
    assert.match(warning ?? '', /page 1 is too large to render at 300 DPI; rendered at \d+ DPI instead/);
    assert.ok(image.gray.some((value) => value < 128), 'the box is drawn');
    await document.destroy();
  });
});

describe('chooseRenderDpi and rgbaToGray', () => {
  it('keeps the DPI when within the budget and finds the largest DPI that fits otherwise', () => {
    assert.equal(chooseRenderDpi(612, 792, { dpi: 300, maxPagePixels: 40e6 }), 300);
    const dpi = chooseRenderDpi(612, 792, { dpi: 300, maxPagePixels: 1e6 });
    const pixels = (d: number) => Math.ceil((612 * d) / 72) * Math.ceil((792 * d) / 72);
    assert.ok(pixels(dpi) <= 1e6 && pixels(dpi + 1) > 1e6);
  });

  it('converts RGBA to luma', () => {
    const gray = rgbaToGray(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255]), 4);
    assert.deepEqual([...gray], [255, 0, 76, 149]);
  });
});
