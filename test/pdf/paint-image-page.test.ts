import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import {
  PDFDocument,
  PDFName,
  type PDFPage,
  clip,
  concatTransformationMatrix,
  degrees,
  drawObject,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  fill,
  PDFOperator,
  StandardFonts,
} from 'pdf-lib';
import { TextWriter } from '../../fixtures/lib/text-writer.ts';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { paintImageOnlyPage } from '../../src/pdf/paint-image-page.ts';
import { pageViewportFor, renderPage, renderPageOnCanvas } from '../../src/pdf/render-page.ts';
import type { PageImage } from '../../src/types.ts';

// The direct painter must give what the canvas gives: every case is painted both ways and compared.

const W = 120;
const H = 80;

/** A test picture with no symmetry: blocks of distinct grays, a dark bar near the top-left, a gradient. */
function picture(width = W, height = H): Uint8Array {
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const block = (Math.floor(x / 10) * 7 + Math.floor(y / 10) * 13) % 5;
      gray[y * width + x] = x < width / 3 && y < height / 8 ? 0 : 60 + block * 40 + Math.floor((x / width) * 15);
    }
  }
  return gray;
}

type ImageFormat = 'gray' | 'rgb' | '1bit';

function imageBytes(format: ImageFormat, gray: Uint8Array, width: number, height: number): Uint8Array {
  if (format === 'gray') return gray;
  if (format === 'rgb') {
    // A tinted copy whose luma is close to the gray (a colour scan).
    const out = new Uint8Array(width * height * 3);
    gray.forEach((value, i) => out.set([Math.min(255, value + 20), value, Math.max(0, value - 30)], i * 3));
    return out;
  }
  const rowBytes = (width + 7) >> 3;
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (gray[y * width + x] >= 128) out[y * rowBytes + (x >> 3)] |= 128 >> (x & 7);
  }
  return out;
}

/** Adds the picture as an image XObject named /Img to the page. */
function addImage(pdf: PDFDocument, page: PDFPage, format: ImageFormat = 'gray', width = W, height = H): void {
  const xobject = pdf.context.flateStream(imageBytes(format, picture(width, height), width, height), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: format === 'rgb' ? 'DeviceRGB' : 'DeviceGray',
    BitsPerComponent: format === '1bit' ? 1 : 8,
  });
  page.node.setXObject(PDFName.of('Img'), pdf.context.register(xobject));
}

/** `cm` with the matrix, then the image. */
const drawImage = (matrix: [number, number, number, number, number, number]) => [
  pushGraphicsState(),
  concatTransformationMatrix(...matrix),
  drawObject('Img'),
  popGraphicsState(),
];

interface Built {
  direct: PageImage | null;
  canvas: PageImage;
}

/** A page built by `draw`, painted directly and rendered on the canvas at `dpi`. */
async function paintBoth(draw: (pdf: PDFDocument, page: PDFPage) => void | Promise<void>, options: { widthPt?: number; heightPt?: number; rotate?: number; dpi?: number } = {}): Promise<Built> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([options.widthPt ?? W, options.heightPt ?? H]);
  await draw(pdf, page);
  if (options.rotate) page.setRotation(degrees(options.rotate));
  const document = await openPdf(await pdf.save(), null, 'test.pdf');
  try {
    const pdfPage = await document.getPage(1);
    const { viewport, dpi } = pageViewportFor(pdfPage, { dpi: options.dpi ?? 72, maxPagePixels: 40e6 });
    const direct = await paintImageOnlyPage(pdfPage, viewport, dpi);
    pdfPage.cleanup();
    const canvas = await renderPageOnCanvas(pdfPage, viewport, dpi);
    return { direct, canvas };
  } finally {
    await document.destroy();
  }
}

/** Mean absolute difference and the share of pixels more than 64 levels apart. */
function difference(a: PageImage, b: PageImage): { mean: number; farShare: number } {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.gray.length; i++) {
    const d = Math.abs(a.gray[i] - b.gray[i]);
    sum += d;
    if (d > 64) far++;
  }
  return { mean: sum / a.gray.length, farShare: far / a.gray.length };
}

function assertSame({ direct, canvas }: Built, tolerance = { mean: 0.5, farShare: 0.002 }): void {
  assert.ok(direct, 'the page should be painted directly');
  const { mean, farShare } = difference(direct, canvas);
  assert.ok(mean <= tolerance.mean && farShare <= tolerance.farShare, `direct vs canvas: mean |diff| ${mean.toFixed(3)}, ${(farShare * 100).toFixed(2)}% far apart`);
  // Not a blank page on both sides.
  assert.ok(direct.gray.some((value) => value < 200));
}

describe('paintImageOnlyPage', () => {
  for (const format of ['gray', 'rgb', '1bit'] as const) {
    it(`paints a ${format} image placed over the whole page as the canvas does`, async () => {
      assertSame(await paintBoth((pdf, page) => { addImage(pdf, page, format); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0])); }));
    });
  }

  it('follows flips and quarter turns of the image placement', async () => {
    // Upside down (flipped vertically), mirrored, and turned a quarter inside a square page.
    assertSame(await paintBoth((pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W, 0, 0, -H, 0, H])); }));
    assertSame(await paintBoth((pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([-W, 0, 0, H, W, 0])); }));
    assertSame(await paintBoth((pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([0, W, -H, 0, H, 0])); }, { widthPt: H, heightPt: W }));
  });

  it('follows the page /Rotate and the DPI', async () => {
    assertSame(await paintBoth((pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0])); }, { rotate: 90 }));
    assertSame(await paintBoth((pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0])); }, { rotate: 270 }));
  });

  it('enlarges by interpolating between samples (no blocks), turned or not, and reduces by averaging', async () => {
    // 72 DPI over a 240 x 160 pt page: each sample covers 2 x 2 pixels. The canvas repeats the
    // sample; the painter interpolates, so edges get in-between grays and the rest agrees.
    for (const options of [{ widthPt: 2 * W, heightPt: 2 * H }, { widthPt: 2 * W, heightPt: 2 * H, rotate: 90 }]) {
      const enlarged = await paintBoth((pdf, page) => { addImage(pdf, page, '1bit'); page.pushOperators(...drawImage([2 * W, 0, 0, 2 * H, 0, 0])); }, options);
      assertSame(enlarged, { mean: 40, farShare: 0.3 });
      const levels = (image: PageImage) => new Set(image.gray).size;
      assert.ok(levels(enlarged.direct!) > levels(enlarged.canvas) + 2, 'interpolated edges have in-between grays');
    }
    // A 240 x 160 image on a 120 x 80 pt page: the canvas filters, this averages; edges may differ by a level or two.
    const reduced = await paintBoth((pdf, page) => { addImage(pdf, page, 'gray', 2 * W, 2 * H); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0])); });
    assertSame(reduced, { mean: 6, farShare: 0.02 });
  });

  it('paints several images, one over another, in order, on a white page', async () => {
    const built = await paintBoth((pdf, page) => {
      addImage(pdf, page);
      page.pushOperators(...drawImage([W / 2, 0, 0, H / 2, 0, 0]), ...drawImage([W / 2, 0, 0, H / 2, W / 4, H / 4]));
    });
    assertSame(built);
    assert.equal(built.direct!.gray[0], 255, 'uncovered parts stay white');
  });

  it('clips to a rectangle, and to a form XObject bounding box', async () => {
    assertSame(await paintBoth((pdf, page) => {
      addImage(pdf, page);
      page.pushOperators(pushGraphicsState(), rectangle(20, 10, 50, 40), clip(), endPath(), ...drawImage([W, 0, 0, H, 0, 0]), popGraphicsState());
    }));
    assertSame(await paintBoth(async (pdf, page) => {
      // A scan page embedded, shrunk and cropped, as a form XObject: its bbox clips it.
      const source = await PDFDocument.create();
      const scan = source.addPage([W, H]);
      addImage(source, scan);
      scan.pushOperators(...drawImage([W, 0, 0, H, 0, 0]));
      const [form] = await pdf.embedPages([(await pdf.copyPages(source, [0]))[0]], [{ left: 10, bottom: 10, right: 90, top: 70 }]);
      page.drawPage(form, { x: 20, y: 5, xScale: 1, yScale: 1 });
    }));
  });

  it('composites an image with a soft mask over what is under it', async () => {
    const canvas = createCanvas(60, 40);
    const context = canvas.getContext('2d');
    context.fillStyle = 'rgba(0, 0, 0, 0.5)';
    context.fillRect(0, 0, 60, 40);
    context.fillStyle = 'rgba(0, 0, 0, 1)';
    context.fillRect(10, 10, 20, 10);
    const png = canvas.toBuffer('image/png');
    assertSame(await paintBoth(async (pdf, page) => {
      addImage(pdf, page);
      page.pushOperators(...drawImage([W, 0, 0, H, 0, 0]));
      page.drawImage(await pdf.embedPng(png), { x: 30, y: 20, width: 60, height: 40 });
    }), { mean: 1, farShare: 0.005 });
  });

  it('paints a scan under an invisible text layer (an OCR\'d PDF)', async () => {
    const built = await paintBoth(async (pdf, page) => {
      addImage(pdf, page);
      page.pushOperators(...drawImage([W, 0, 0, H, 0, 0]));
      new TextWriter(pdf).show(page, 'Invisible', 5, 5, { sizePt: 12, invisible: true });
    });
    assertSame(built);
  });

  it('leaves to the canvas a page with visible text, vector drawing, an image at an angle or transparency', async () => {
    const cases: ((pdf: PDFDocument, page: PDFPage) => void | Promise<void>)[] = [
      async (pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0])); page.drawText('Seen', { x: 5, y: 5, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) }); },
      (pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W, 0, 0, H, 0, 0]), setFillingRgbColor(0, 0, 0), rectangle(5, 5, 10, 10), fill()); },
      (pdf, page) => { addImage(pdf, page); page.pushOperators(...drawImage([W * 0.9, W * 0.1, -H * 0.1, H * 0.9, 10, 0])); },
      (pdf, page) => { addImage(pdf, page); page.pushOperators(pushGraphicsState(), PDFOperator.of('gs' as never, [PDFName.of('Half')]), ...drawImage([W, 0, 0, H, 0, 0]), popGraphicsState());
        page.node.setExtGState(PDFName.of('Half'), pdf.context.obj({ Type: 'ExtGState', ca: 0.5 })); },
    ];
    for (const draw of cases) {
      const { direct } = await paintBoth(draw);
      assert.equal(direct, null);
    }
  });

  it('paints a page with no content white; renderPage uses the canvas for anything else', async () => {
    const blank = await paintBoth(() => undefined);
    assert.ok(blank.direct && blank.direct.gray.every((value) => value === 255));
    const pdf = await PDFDocument.create();
    pdf.addPage([W, H]).drawRectangle({ x: 10, y: 10, width: 30, height: 20, color: rgb(0, 0, 0) });
    const document = await openPdf(await pdf.save(), null, 'vector.pdf');
    const page = await document.getPage(1);
    const { viewport, dpi } = pageViewportFor(page, { dpi: 72, maxPagePixels: 40e6 });
    const image = await renderPage(page, viewport, dpi);
    assert.ok(image.gray.some((value) => value < 30), 'the rectangle is drawn by the canvas');
    await document.destroy();
  });
});
