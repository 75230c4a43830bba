import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { readTextLayer } from '../../src/pdf/read-text-layer.ts';

/** A 300 x 200 pt page; each text is drawn as one text-showing operation at (x, top y) in points. */
async function textPdf(texts: { text: string; x: number; y: number }[], rotate = 0): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([300, 200]);
  for (const { text, x, y } of texts) page.drawText(text, { x, y: 200 - y, size: 10, font });
  page.setRotation(degrees(rotate));
  return pdf.save();
}

async function wordsOf(bytes: Uint8Array, dpi = 72) {
  const document = await openPdf(bytes, null, 'test.pdf');
  const page = await document.getPage(1);
  const layer = await readTextLayer(page, page.getViewport({ scale: dpi / 72 }));
  await document.destroy();
  return layer.words;
}

describe('readTextLayer', () => {
  it('splits one run at its spaces, with word boxes where the glyphs are', async () => {
    // Helvetica 10 pt: 'Widget' is 31.7 pt wide, a space 2.78 pt.
    const words = await wordsOf(await textPdf([{ text: 'Widget          12.50', x: 20, y: 50 }]), 144);
    assert.deepEqual(words.map((word) => word.text), ['Widget', '12.50']);
    const [widget, price] = words;
    assert.ok(Math.abs(widget.box.left - 40) < 2, `left ${widget.box.left}`);
    assert.ok(Math.abs(widget.box.right - 2 * (20 + 31.7)) < 6, `right ${widget.box.right}`);
    // 10 spaces (27.8 pt) later: 20 + 31.7 + 27.8 = 79.5 pt.
    assert.ok(Math.abs(price.box.left - 2 * 79.5) < 8, `price left ${price.box.left}`);
    // Baseline at y = 50 pt from the top: the box spans it.
    assert.ok(widget.box.top < 100 && widget.box.bottom > 100);
    assert.equal(widget.confidence, 100);
  });

  it('joins runs that touch into one word, keeps runs a space apart separate', async () => {
    // '12' is 11.12 pt wide at 10 pt.
    const words = await wordsOf(await textPdf([
      { text: '12', x: 20, y: 50 },
      { text: '.50', x: 31.12, y: 50 },
      { text: 'units', x: 50, y: 50 },
    ]));
    assert.deepEqual(words.map((word) => word.text), ['12.50', 'units']);
  });

  it('orders lines top to bottom and maps /Rotate 90 into the rotated pixel space', async () => {
    const words = await wordsOf(await textPdf([{ text: 'Top', x: 20, y: 30 }, { text: 'Bottom', x: 20, y: 150 }], 90));
    const top = words.find((word) => word.text === 'Top')!;
    const bottom = words.find((word) => word.text === 'Bottom')!;
    // Turned clockwise: the page's top edge is now its right edge, so 'Top' is right of 'Bottom'.
    assert.ok(top.box.left > bottom.box.right, JSON.stringify(words));
    // and reading down the page is reading from right to left; x = 200 - y.
    assert.ok(Math.abs(top.box.right - (200 - 30) - 8) < 12, `top right ${top.box.right}`);
    assert.ok(Math.abs(top.box.top - 20) < 2, `top ${top.box.top}`);
  });
});
