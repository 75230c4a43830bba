// End to end: pages with nothing on them are recognised and reported, not OCR'd; an image too
// large to decode is named in a warning.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { CONTACTS_TABLE, makeScannedPdf, makeTextPdf } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { readGrid, readWorkbook, runCli, tableSheets } from './cli-helpers.ts';

/** `count` Letter pages that draw nothing at all. */
async function blankPdf(count: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let index = 0; index < count; index++) pdf.addPage([612, 792]);
  return pdf.save();
}

/** One page showing an image that declares 40000 × 40000 pixels (its data is a few bytes). */
async function oversizedImagePdf(): Promise<{ bytes: Uint8Array; objectNumber: number }> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const data = zlib.deflateSync(Buffer.alloc(1000, 128));
  const dict = pdf.context.obj({ Type: 'XObject', Subtype: 'Image', Width: 40000, Height: 40000, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode', Length: data.length });
  const image = pdf.context.register(PDFRawStream.of(dict, data));
  page.node.setXObject(PDFName.of('Im0'), image);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream('q 500 0 0 500 50 150 cm /Im0 Do Q')));
  return { bytes: await pdf.save({ useObjectStreams: false }), objectNumber: image.objectNumber };
}

/** Two pages with a table each, the first wrapped in `depth` nested q's (and as many Q's). */
async function nestedTablePdf(depth: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await makeTextPdf([{ tables: [{ table: CONTACTS_TABLE }] }, { tables: [{ table: CONTACTS_TABLE }] }]));
  const page = pdf.getPage(0);
  const contents = page.node.get(PDFName.of('Contents'))!;
  const parts = contents instanceof PDFArray ? contents.asArray() : [contents];
  const open = pdf.context.register(pdf.context.flateStream('q\n'.repeat(depth)));
  const close = pdf.context.register(pdf.context.flateStream('Q\n'.repeat(depth)));
  page.node.set(PDFName.of('Contents'), pdf.context.obj([open, ...parts, close]));
  return pdf.save();
}

/** A table on page 2; page 1 draws a form that draws a form… `levels` deep, each `fanout` times. */
async function formBombPdf(levels: number, fanout: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await makeTextPdf([{ tables: [] }, { tables: [{ table: CONTACTS_TABLE }] }]));
  let form = pdf.context.register(pdf.context.flateStream('0 0 10 10 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
  for (let level = 1; level < levels; level++) {
    form = pdf.context.register(pdf.context.flateStream('/F Do '.repeat(fanout), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], Resources: { XObject: { F: form } } }));
  }
  const page = pdf.getPage(0);
  page.node.setXObject(PDFName.of('F'), form);
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream('/F Do')));
  return pdf.save();
}

describe('page limits (built CLI)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-limits-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports pages with nothing on them as empty, in the report, the JSON line and the warning', async () => {
    const input = path.join(dir, 'blank.pdf');
    await writeFile(input, await blankPdf(40));
    const report = path.join(dir, 'blank-report.json');
    const run = await runCli([input, '-o', path.join(dir, 'blank.xlsx'), '--workers', '2', '--json', '--report', report]);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, /no table was found in the selected pages \(40 of the 40 are empty\)/);
    const written = JSON.parse(await readFile(report, 'utf8'));
    assert.deepEqual(written.pages.empty, Array.from({ length: 40 }, (_, index) => index + 1));
    assert.equal(written.timings.ocr, 0, 'no OCR at all');
    assert.equal(JSON.parse(run.stdout).emptyPages, 40);
  });

  it('skips a scanned blank page between two scanned tables, and reads the tables', async () => {
    const text = await makeTextPdf([{ tables: [{ table: CONTACTS_TABLE }] }, { tables: [] }, { tables: [{ table: CONTACTS_TABLE }] }]);
    const input = path.join(dir, 'separated.pdf');
    await writeFile(input, await makeScannedPdf(text, { dpi: 200, noise: 6, seed: 3 }));
    const report = path.join(dir, 'separated-report.json');
    const output = path.join(dir, 'separated.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '2', '--lang', 'eng', '--report', report, '--verbose']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, /page 2: empty \(no mark bigger than a speck\)/);
    assert.deepEqual(JSON.parse(await readFile(report, 'utf8')).pages.empty, [2]);
    const workbook = await readWorkbook(output);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1', 'p3-t1']);
    assert.equal(readGrid(tableSheets(workbook)[1], 1, 1, CONTACTS_TABLE.rows[0].length)[0][0], CONTACTS_TABLE.rows[0][0]);
  });

  it('names an image too large to decode in a warning, instead of a bare "no table"', async () => {
    const { bytes, objectNumber } = await oversizedImagePdf();
    const input = path.join(dir, 'huge-image.pdf');
    await writeFile(input, bytes);
    const run = await runCli([input, '-o', path.join(dir, 'huge-image.xlsx'), '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, new RegExp(`warning: page 1: an image larger than 80 MP was left out, not decoded \\(the file's images over the limit: object ${objectNumber}, 40000×40000 = 1600 MP\\)`));
  });

  it('skips a page that nests the graphics state 100000 deep, in seconds, and reads the other pages', async () => {
    const input = path.join(dir, 'nested.pdf');
    await writeFile(input, await nestedTablePdf(100_000));
    const output = path.join(dir, 'nested.xlsx');
    // In-process (--workers 1): no thread to end, so the page must never reach pdf.js. Unchecked,
    // this page keeps pdf.js busy for many minutes, past this test's time limit.
    const run = await runCli([input, '-o', output, '--workers', '1'], { timeoutMs: 60_000 });
    assert.equal(run.code, EXIT_CODES.partial, run.stderr);
    // 100000 and the one q of the table's own drawing.
    assert.match(run.stderr, /warning: page 1 was skipped: its content nests the graphics state 100001 deep \(q without Q; PDF's own limit is 28\), over the 5000 this tool reads/);
    const workbook = await readWorkbook(output);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p2-t1']);
  });

  it('reads a page nested 2000 deep as usual', async () => {
    const input = path.join(dir, 'nested-2000.pdf');
    await writeFile(input, await nestedTablePdf(2000));
    const output = path.join(dir, 'nested-2000.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '2']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    const workbook = await readWorkbook(output);
    assert.deepEqual(tableSheets(workbook).map((sheet) => sheet.name), ['p1-t1', 'p2-t1']);
    assert.deepEqual(readGrid(tableSheets(workbook)[0], 1, 1, 2)[0], CONTACTS_TABLE.rows[0].slice(0, 2));
  });

  it('skips a page whose forms draw forms ten million times (a 2 KB file), in seconds', async () => {
    const input = path.join(dir, 'form-bomb.pdf');
    await writeFile(input, await formBombPdf(8, 10));
    const output = path.join(dir, 'form-bomb.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '1'], { timeoutMs: 60_000 });
    assert.equal(run.code, EXIT_CODES.partial, run.stderr);
    // The square's 2 operators, then each level's 10 Do and 10 times the level below: 31111110,
    // and the page's Do.
    assert.match(run.stderr, /warning: page 1 was skipped: drawing it takes 31111111 operators \(a form counted each time it is drawn\), over the 1000000 this tool reads/);
    assert.deepEqual(tableSheets(await readWorkbook(output)).map((sheet) => sheet.name), ['p2-t1']);
  });
});
