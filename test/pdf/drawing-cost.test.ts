// The drawing cost found from a PDF's bytes before pdf.js reads a page: the count over content
// (nesting, operators, forms drawn; strings, comments and inline images skipped), the object reader
// behind it (object streams, classic files with a wrong xref or /Length) and what a page draws
// (forms, multiplied by how often they are drawn; annotations).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { countContent } from '../../src/pdf/content-count.ts';
import { FileDrawingCosts, type DrawingCost } from '../../src/pdf/drawing-cost.ts';
import { MAX_DECODED_BYTES, RawPdfObjects } from '../../src/pdf/raw-objects.ts';
import { PdfName } from '../../src/pdf/raw-syntax.ts';

const deepest = (content: string) => countContent(Buffer.from(content, 'latin1')).deepest;
/** The drawing cost of page object `page` of `file`, read with a FileDrawingCosts of its own (closed after). */
async function pageDrawingCost(file: string, page: number): Promise<DrawingCost> {
  const costs = new FileDrawingCosts(file);
  try {
    return await costs.ofPage(page);
  } finally {
    await costs.close();
  }
}
const nestingOf = async (file: string, page: number) => (await pageDrawingCost(file, page)).nesting;
/** The process's open file descriptors, where Linux lists them. */
const openFiles = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

describe('countContent', () => {
  it('counts how deep q nests, and goes back up with Q', () => {
    assert.equal(deepest('q q 1 0 0 1 5 5 cm Q q q q Q Q Q'), 4);
    assert.equal(deepest('q\nq\rq\tq\fq\0q'), 6);
    assert.equal(deepest(''), 0);
    // More Q than q is a damaged file; it does not go below zero.
    assert.equal(deepest('Q Q Q q q'), 2);
  });

  it('does not count q inside strings, names, comments, longer words or inline image data', () => {
    assert.equal(deepest('q BT (q q \\) q (q q) q) Tj <71 71> Tj ET Q'), 1);
    assert.equal(deepest('/q gs /Q gs qq QQ q1 % q q q q\nq Q'), 1);
    assert.equal(deepest('/Span << /ActualText (a>b q) >> BDC q BI /W 4 /H 1 /BPC 8 /CS /G ID q q\nq qEI EI Q EMC'), 1);
  });

  it('carries the depth from one content stream of a page to the next', () => {
    const count = countContent(Buffer.from('q q q'));
    countContent(Buffer.from('q Q Q'), count);
    assert.deepEqual(count, { depth: 2, deepest: 4, operators: 6, drawsByName: new Map() });
  });

  it('counts operators, not operands, and which forms Do draws how often', () => {
    const count = countContent(Buffer.from("q 1 0 0 1 5 5 cm /Fm1 Do BT /F1 12 Tf (a) Tj (b) ' 1 2 (c) \" ET /Fm1 Do /Im#20A Do -.5 .25 m 1e3 0 l S Q"));
    assert.equal(count.operators, 15);
    assert.deepEqual(count.drawsByName, new Map([['Fm1', 2], ['Im#20A', 1]]));
    assert.equal(countContent(Buffer.from('BI /W 2 /H 1 /BPC 8 /CS /G ID m l S f\nEI re f')).operators, 4);
  });
});

/** One page whose content nests `depth` q's, drawn with pdf-lib. */
async function nestedPage(depth: number): Promise<{ pdf: PDFDocument; pageRef: PDFRef }> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([200, 200]);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(`${'q '.repeat(depth)}0 0 10 10 re f${' Q'.repeat(depth)}`)));
  return { pdf, pageRef: page.ref };
}

/** A classic PDF written by hand: uncompressed content, an xref whose offsets are all wrong, a wrong /Length. */
function handWrittenPdf(depth: number): string {
  const content = `${'q\n'.repeat(depth)}BT /F1 12 Tf (endstream q q) Tj ET\n${'Q\n'.repeat(depth)}`;
  return [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 /Resources << >> >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> endobj',
    `4 0 obj << /Length ${content.length + 7} >> stream\n${content}endstream endobj`,
    'xref\n0 5\n0000000000 65535 f \n0000000001 00000 n \n0000000002 00000 n \n0000000003 00000 n \n0000000004 00000 n ',
    'trailer << /Size 5 /Root 1 0 R >>\nstartxref\n9\n%%EOF',
  ].join('\n');
}

describe('page drawing cost from the file', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-nesting-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const save = async (name: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  };

  it('reads a page packed in an object stream, and one written out in full', async () => {
    const { pdf, pageRef } = await nestedPage(7000);
    const packed = await save('packed.pdf', await pdf.save({ useObjectStreams: true }));
    const plain = await save('plain.pdf', await pdf.save({ useObjectStreams: false }));
    assert.equal(await nestingOf(packed, pageRef.objectNumber), 7000);
    assert.equal(await nestingOf(plain, pageRef.objectNumber), 7000);
    // One handle serves a file's pages until its owner closes it; a closed one reads nothing.
    const before = openFiles();
    const costs = new FileDrawingCosts(packed);
    assert.equal((await costs.ofPage(pageRef.objectNumber)).nesting, 7000);
    assert.equal((await costs.ofPage(pageRef.objectNumber)).nesting, 7000);
    await costs.close();
    assert.equal(openFiles(), before);
    assert.equal((await costs.ofPage(pageRef.objectNumber)).nesting, 0);
    assert.equal(openFiles(), before);
    // The page object of a packed file is found only by unpacking its object stream.
    const objects = await RawPdfObjects.open(packed);
    try {
      const page = (await objects.object(pageRef.objectNumber))!.value as Map<string, unknown>;
      assert.deepEqual(page.get('Type'), new PdfName('Page'));
    } finally {
      await objects.close();
    }
  });

  it('finds the objects of a file whose xref and /Length are wrong, and reads its content to endstream', async () => {
    const file = await save('hand.pdf', handWrittenPdf(6000));
    assert.equal(await nestingOf(file, 3), 6000);
  });

  it('adds the nesting of a form the page draws, and of an annotation appearance', async () => {
    const { pdf, pageRef } = await nestedPage(10);
    const page = pdf.getPage(0);
    const form = (document: PDFDocument, content: string) =>
      document.context.register(document.context.flateStream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
    const inner = form(pdf, `${'q '.repeat(3000)}${'Q '.repeat(3000)}`);
    const outer = pdf.context.register(pdf.context.flateStream('q /Inner Do Q', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], Resources: { XObject: { Inner: inner } } }));
    page.node.setXObject(PDFName.of('Outer'), outer);
    page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(`${'q '.repeat(10)}/Outer Do${' Q'.repeat(10)}`)));
    const formFile = await save('form.pdf', await pdf.save());
    // 10 in the page, 1 in the outer form, 3000 in the inner one.
    assert.equal(await nestingOf(formFile, pageRef.objectNumber), 3011);

    const annotated = await nestedPage(2);
    const appearance = form(annotated.pdf, `${'q '.repeat(4000)}${'Q '.repeat(4000)}`);
    const annotation = annotated.pdf.context.register(annotated.pdf.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [0, 0, 10, 10], AP: { N: appearance } }));
    annotated.pdf.getPage(0).node.set(PDFName.of('Annots'), annotated.pdf.context.obj([annotation]));
    const annotatedFile = await save('annotated.pdf', await annotated.pdf.save());
    assert.equal(await nestingOf(annotatedFile, annotated.pageRef.objectNumber), 4002);
  });

  it('gives 0 for what it cannot read: a missing file, a missing page object, an undecodable stream', async () => {
    assert.equal(await nestingOf(path.join(dir, 'absent.pdf'), 3), 0);
    const file = await save('hand-2.pdf', handWrittenPdf(10));
    assert.equal(await nestingOf(file, 99), 0);
    const lzw = await save('lzw.pdf', handWrittenPdf(10).replace('/Length', '/Filter /LZWDecode /Length'));
    assert.equal(await nestingOf(lzw, 3), 0);
  });

  it('multiplies a form by how often it is drawn, through forms that draw forms', async () => {
    const { pdf, pageRef } = await nestedPage(0);
    const form = (content: string, child?: PDFRef) =>
      pdf.context.register(pdf.context.flateStream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], ...(child ? { Resources: { XObject: { F: child } } } : {}) }));
    // Each level draws the next ten times; the last fills a square (2 operators).
    let child = form('0 0 10 10 re f');
    for (let level = 0; level < 5; level++) child = form('/F Do '.repeat(10), child);
    pdf.getPage(0).node.setXObject(PDFName.of('F'), child);
    pdf.getPage(0).node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream('/F Do /F Do')));
    const file = await save('bomb.pdf', await pdf.save());
    // 2 × (10 + 10 × (10 + … (10 + 10 × 2))): 222222 draws and 200000 fills.
    assert.deepEqual(await pageDrawingCost(file, pageRef.objectNumber), { nesting: 0, operators: 2 + 2 * (10 + 10 * (10 + 10 * (10 + 10 * (10 + 10 * (10 + 10 * 2))))) });
  });

  it('gives Infinity operators for content over the decoding limit (a Flate bomb)', async () => {
    const { pdf, pageRef } = await nestedPage(0);
    const data = zlib.deflateSync(Buffer.alloc(MAX_DECODED_BYTES + 2 ** 20, 0x20), { level: 9 });
    const stream = pdf.context.register(PDFRawStream.of(pdf.context.obj({ Filter: 'FlateDecode', Length: data.length }), data));
    pdf.getPage(0).node.set(PDFName.of('Contents'), stream);
    const file = await save('flate-bomb.pdf', await pdf.save());
    assert.deepEqual(await pageDrawingCost(file, pageRef.objectNumber), { nesting: 0, operators: Infinity });
  });
});
