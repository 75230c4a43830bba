import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import {
  PDFDocument,
  PDFOperator,
  appendBezierCurve,
  clip,
  closePath,
  concatTransformationMatrix,
  endPath,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  setLineWidth,
  stroke,
} from 'pdf-lib';
import type { PixelBox, Ruling } from '../../src/types.ts';
import { drawAndRead } from './vector-pdf.ts';

// Pages are 400 x 300 pt; at 72 DPI a point is a pixel and pixel y = 300 - PDF y.

/** Rulings as sorted strings with 2 decimals, for exact comparison. */
function lines(rulings: Ruling[]): string[] {
  return rulings
    .map((r) => `${r.orientation[0]} @${r.position.toFixed(2)} ${r.start.toFixed(2)}-${r.end.toFixed(2)} t${r.thickness.toFixed(2)}`)
    .sort();
}

function boxes(list: PixelBox[]): string[] {
  return list.map((b) => `${b.left.toFixed(2)},${b.top.toFixed(2)} ${b.right.toFixed(2)},${b.bottom.toFixed(2)}`).sort();
}

/** The same ruling scaled from 72 DPI to `dpi` (positions are rounded to 1/100 px). */
function scaled(r: string, dpi: number): string {
  const k = dpi / 72;
  return r.replace(/-?\d+\.\d\d/g, (v) => (Math.round(Number(v) * k * 100) / 100).toFixed(2));
}

describe('readVectorGraphics', () => {
  it('turns stroked axis-aligned lines into rulings at 72 and 150 DPI; diagonal lines are ignored', async () => {
    const pages = await drawAndRead(
      (page) => {
        page.drawLine({ start: { x: 50, y: 250 }, end: { x: 350, y: 250 }, thickness: 1 });
        page.drawLine({ start: { x: 100, y: 100 }, end: { x: 100, y: 250 }, thickness: 2 });
        // 0.3° off the axis: still a ruling, at its mean position
        page.drawLine({ start: { x: 50, y: 80 }, end: { x: 350, y: 80 - 300 * Math.tan((0.3 * Math.PI) / 180) }, thickness: 0.5 });
        // 1° off and a diagonal: not rulings
        page.drawLine({ start: { x: 50, y: 60 }, end: { x: 350, y: 60 - 300 * Math.tan(Math.PI / 180) } });
        page.drawLine({ start: { x: 50, y: 50 }, end: { x: 150, y: 100 } });
      },
      { dpis: [72, 150] },
    );
    const at72 = ['h @50.00 50.00-350.00 t1.00', 'v @100.00 50.00-200.00 t2.00', 'h @220.79 50.00-350.00 t1.00'];
    assert.deepEqual(lines(pages.get(72)!.graphics.rulings), [...at72].sort());
    // at 150 DPI a 0.5-pt line is 1.04 px thick (the 1-px minimum applies only below 1 px)
    const at150 = lines(pages.get(150)!.graphics.rulings);
    assert.deepEqual(at150, [scaled(at72[0], 150), scaled(at72[1], 150), 'h @459.97 104.17-729.17 t1.04'].sort());
    assert.deepEqual(pages.get(72)!.graphics.fills, []);
    assert.deepEqual(pages.get(72)!.graphics.imageBoxes, []);
    // the 1°-off line and the diagonal are oblique segments (x0, y0, x1, y1)
    assert.deepEqual(pages.get(72)!.graphics.obliqueSegments, [50, 240, 350, 245.24, 50, 250, 150, 200]);
  });

  it('gives the four sides of a stroked rectangle, drawn under a translation', async () => {
    const pages = await drawAndRead((page) => {
      page.drawRectangle({ x: 50, y: 50, width: 200, height: 100, borderWidth: 1.5, borderColor: rgb(0, 0, 0) });
    });
    assert.deepEqual(lines(pages.get(72)!.graphics.rulings), [
      'h @150.00 50.00-250.00 t1.50',
      'h @250.00 50.00-250.00 t1.50',
      'v @250.00 150.00-250.00 t1.50',
      'v @50.00 150.00-250.00 t1.50',
    ]);
    assert.deepEqual(pages.get(72)!.graphics.fills, []);
  });

  it('turns thin filled rectangles into rulings, larger coloured ones into fills; white and page backgrounds are dropped', async () => {
    const pages = await drawAndRead(
      (page) => {
        page.drawRectangle({ x: 0, y: 0, width: 400, height: 300, color: rgb(0.95, 0.95, 0.9) }); // page background
        page.drawRectangle({ x: 50, y: 249.25, width: 300, height: 1.5, color: rgb(0, 0, 0) }); // 1.5-pt rule
        page.drawRectangle({ x: 99.5, y: 100, width: 1, height: 150, color: rgb(0, 0, 0.5) }); // 1-pt vertical rule
        page.drawRectangle({ x: 50, y: 30, width: 300, height: 4, color: rgb(0, 0, 0) }); // 4-pt, 75x longer: a heavy rule
        page.drawRectangle({ x: 200, y: 150, width: 100, height: 40, color: rgb(0.8, 0.8, 0.8) }); // shaded box
        page.drawRectangle({ x: 200, y: 60, width: 30, height: 3.5, color: rgb(0.2, 0.2, 0.2) }); // short and > 2.5 pt: a box
        page.drawRectangle({ x: 200, y: 200, width: 100, height: 40, color: rgb(1, 1, 1) }); // white: invisible
        page.drawRectangle({ x: 20, y: 20, width: 0, height: 40, color: rgb(0, 0, 0) }); // zero width: invisible
      },
      { dpis: [72, 150] },
    );
    const { rulings, fills } = pages.get(72)!.graphics;
    assert.deepEqual(lines(rulings), ['h @268.00 50.00-350.00 t4.00', 'h @50.00 50.00-350.00 t1.50', 'v @100.00 50.00-200.00 t1.00']);
    assert.deepEqual(boxes(fills), ['200.00,110.00 300.00,150.00', '200.00,236.50 230.00,240.00']);
    const at150 = pages.get(150)!.graphics;
    assert.deepEqual(boxes(at150.fills), ['416.67,229.17 625.00,312.50', '416.67,492.71 479.17,500.00']);
    assert.deepEqual(lines(at150.rulings), ['h @104.17 104.17-729.17 t3.13', 'h @558.33 104.17-729.17 t8.33', 'v @208.33 104.17-416.67 t2.08']);
  });

  it('joins same-colour fills that touch (no edge shows between them) and drops one inside another of its colour', async () => {
    const pages = await drawAndRead((page) => {
      const blue = rgb(0.2, 0.3, 0.6);
      // paragraph shading drawn line by line: one box
      for (let y = 100; y < 160; y += 12) page.drawRectangle({ x: 50, y, width: 200, height: 12, color: blue });
      page.drawRectangle({ x: 60, y: 110, width: 100, height: 20, color: blue }); // inside, same colour
      // cells with a 1-pt gutter, or of another colour, keep their edges
      page.drawRectangle({ x: 50, y: 200, width: 99.5, height: 30, color: blue });
      page.drawRectangle({ x: 150.5, y: 200, width: 99.5, height: 30, color: blue });
      page.drawRectangle({ x: 250, y: 200, width: 100, height: 30, color: rgb(0.7, 0.8, 0.9) });
    });
    assert.deepEqual(boxes(pages.get(72)!.graphics.fills), [
      '150.50,70.00 250.00,100.00',
      '250.00,70.00 350.00,100.00',
      '50.00,140.00 250.00,200.00',
      '50.00,70.00 149.50,100.00',
    ]);
  });

  it('maps a /Rotate 90 page into the rotated pixel space', async () => {
    const pages = await drawAndRead(
      (page) => {
        page.drawLine({ start: { x: 50, y: 250 }, end: { x: 350, y: 250 }, thickness: 1 });
        page.drawLine({ start: { x: 100, y: 100 }, end: { x: 100, y: 250 }, thickness: 2 });
        page.drawRectangle({ x: 200, y: 150, width: 100, height: 40, color: rgb(0.8, 0.8, 0.8) });
      },
      { rotate: 90, dpis: [72, 150] },
    );
    // 90° clockwise: PDF (x, y) lands at pixel (y, x); the page is 300 px wide, 400 high
    const p = pages.get(72)!;
    assert.deepEqual(p.page, { width: 300, height: 400, dpi: 72 });
    assert.deepEqual(lines(p.graphics.rulings), ['h @100.00 100.00-250.00 t2.00', 'v @250.00 50.00-350.00 t1.00']);
    assert.deepEqual(boxes(p.graphics.fills), ['150.00,200.00 190.00,300.00']);
    assert.deepEqual(lines(pages.get(150)!.graphics.rulings), ['h @208.33 208.33-520.83 t4.17', 'v @520.83 104.17-729.17 t2.08']);
  });

  it('maps the contents of a form XObject through its matrix and placement', async () => {
    const pages = await drawAndRead(async (page, pdf) => {
      const source = await PDFDocument.create();
      const sourcePage = source.addPage([200, 100]);
      sourcePage.drawLine({ start: { x: 0, y: 50 }, end: { x: 200, y: 50 }, thickness: 2 });
      sourcePage.drawRectangle({ x: 100, y: 0, width: 1, height: 100, color: rgb(0, 0, 0) });
      const embedded = await pdf.embedPage(sourcePage);
      // drawn half size with its lower left corner at (100, 100): the line at y = 125, x 100..200
      page.drawPage(embedded, { x: 100, y: 100, xScale: 0.5, yScale: 0.5 });
    });
    assert.deepEqual(lines(pages.get(72)!.graphics.rulings), ['h @175.00 100.00-200.00 t1.00', 'v @150.25 150.00-200.00 t1.00']);
  });

  it('measures from the corner of a MediaBox that does not start at 0,0', async () => {
    const pages = await drawAndRead((page) => {
      page.setMediaBox(100, 50, 400, 300);
      page.drawLine({ start: { x: 150, y: 250 }, end: { x: 450, y: 250 }, thickness: 1 });
    });
    // the page's top-left corner is PDF (100, 350)
    assert.deepEqual(lines(pages.get(72)!.graphics.rulings), ['h @100.00 50.00-350.00 t1.00']);
  });

  it('cuts what it finds to a rectangular clip until the clip is restored; other clip shapes are not followed', async () => {
    const pages = await drawAndRead((page) => {
      page.pushOperators(
        pushGraphicsState(),
        rectangle(100, 100, 100, 100),
        clip(),
        endPath(),
        moveTo(50, 150),
        lineTo(350, 150),
        stroke(), // cut to x 100..200
        moveTo(250, 50),
        lineTo(250, 250),
        stroke(), // outside: gone
        setFillingRgbColor(0.5, 0.5, 0.5),
        rectangle(150, 150, 100, 100),
        fill(), // cut to 150..200
        popGraphicsState(),
        pushGraphicsState(),
        moveTo(0, 0),
        lineTo(400, 0),
        lineTo(200, 300),
        closePath(),
        clip(),
        endPath(),
        moveTo(50, 280),
        lineTo(350, 280),
        stroke(), // a triangle clip is not followed: kept whole
        popGraphicsState(),
        moveTo(50, 20),
        lineTo(350, 20),
        stroke(), // after the restore: whole
      );
    });
    const { rulings, fills } = pages.get(72)!.graphics;
    assert.deepEqual(lines(rulings), ['h @150.00 100.00-200.00 t1.00', 'h @20.00 50.00-350.00 t1.00', 'h @280.00 50.00-350.00 t1.00']);
    assert.deepEqual(boxes(fills), ['150.00,100.00 200.00,150.00']);
  });

  it('gives the box of an image', async () => {
    const canvas = createCanvas(4, 2);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, 4, 2);
    const pages = await drawAndRead(
      async (page, pdf) => {
        const image = await pdf.embedPng(canvas.toBuffer('image/png'));
        page.drawImage(image, { x: 20, y: 30, width: 80, height: 40 });
      },
      { dpis: [72, 150] },
    );
    assert.deepEqual(boxes(pages.get(72)!.graphics.imageBoxes), ['20.00,230.00 100.00,270.00']);
    assert.deepEqual(boxes(pages.get(150)!.graphics.imageBoxes), ['41.67,479.17 208.33,562.50']);
    assert.deepEqual(pages.get(72)!.graphics.rulings, []);
  });

  it('follows the CTM through save/restore, scales line widths, and skips curves, clipping paths and hidden shapes', async () => {
    const pages = await drawAndRead((page) => {
      page.pushOperators(
        // a clip path is not drawn
        rectangle(0, 0, 400, 300),
        clip(),
        endPath(),
        // scaled 2x: a 0.5-pt line becomes 1 px, (10,10)-(100,10) becomes (30,30)-(210,30)
        pushGraphicsState(),
        concatTransformationMatrix(2, 0, 0, 2, 10, 10),
        setLineWidth(0.5),
        moveTo(10, 10),
        lineTo(100, 10),
        stroke(),
        popGraphicsState(),
        // after the restore: unscaled, line width back to 1
        moveTo(300, 50),
        lineTo(300, 150),
        stroke(),
        // lines around a curve are kept, the curve is not
        moveTo(50, 200),
        lineTo(150, 200),
        appendBezierCurve(180, 200, 200, 180, 200, 150),
        lineTo(200, 60),
        stroke(),
        // a frame drawn as a rectangle inside another, filled even-odd: its four 2-pt sides
        rectangle(60, 220, 200, 60),
        rectangle(62, 222, 196, 56),
        PDFOperator.of('f*' as never),
        // a zero-length line is nothing
        moveTo(10, 10),
        lineTo(10, 10),
        stroke(),
        // a filled triangle is no rectangle
        moveTo(330, 200),
        lineTo(380, 200),
        lineTo(380, 260),
        closePath(),
        fill(),
      );
    });
    assert.deepEqual(lines(pages.get(72)!.graphics.rulings), [
      'h @100.00 50.00-150.00 t1.00', // before the curve
      'h @21.00 60.00-260.00 t2.00', // frame top
      'h @270.00 30.00-210.00 t1.00', // scaled line
      'h @79.00 60.00-260.00 t2.00', // frame bottom
      'v @200.00 150.00-240.00 t1.00', // after the curve
      'v @259.00 22.00-78.00 t2.00', // frame right
      'v @300.00 150.00-250.00 t1.00', // after the restore
      'v @61.00 22.00-78.00 t2.00', // frame left
    ]);
    assert.deepEqual(pages.get(72)!.graphics.fills, []);
    // the curve's chord, and the triangle's slanted side
    assert.deepEqual(pages.get(72)!.graphics.obliqueSegments, [150, 100, 200, 150, 380, 40, 330, 100]);
  });
});
