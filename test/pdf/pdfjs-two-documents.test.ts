// Two documents on one thread (--workers 1, where the main thread counts a batch file's pages while
// it reads another file's page): pdf.js fetches its WebAssembly image decoders through the last
// document opened, so destroying that one while another page's first CCITT image was decoding left
// the fetch unanswered and the page hung until --timeout (300 s a page in the bench's batch).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { pageViewportFor, renderPage } from '../../src/pdf/render-page.ts';

/** A one-page PDF whose page draws a 64 × 64 CCITT G4 image (all white: one '1' bit, V0, a row). */
function ccittPdf(): Uint8Array {
  const image = Buffer.alloc(8, 0xff);
  const content = 'q 200 0 0 200 100 400 cm /Im0 Do Q';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 64 /Rows 64 >> /Length ${image.length} >>\nstream\n${image.toString('latin1')}\nendstream`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = Buffer.byteLength(pdf, 'latin1');
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

describe('pdf.js with two documents on one thread', () => {
  it('renders a page while another document, opened after it, is destroyed', async () => {
    const first = await openPdf(ccittPdf(), null, 'first.pdf');
    const page = await first.getPage(1);
    const second = await openPdf(ccittPdf(), null, 'second.pdf');
    const { viewport, dpi } = pageViewportFor(page, { dpi: 72, maxPagePixels: 1e8 });
    const rendering = renderPage(page, viewport, dpi).then((image) => `rendered ${image.width}×${image.height}`);
    await second.destroy();
    // A render of this page takes milliseconds; the guard only turns a hang into a failure.
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<string>((resolve) => (guard = setTimeout(() => resolve('hung'), 60_000)));
    assert.equal(await Promise.race([rendering, hung]), 'rendered 612×792');
    clearTimeout(guard);
    await first.destroy();
  });
});
