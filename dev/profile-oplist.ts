// Dev-only: time getOperatorList per page after getTextContent (pdf.js's own cost, without our walk).
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx dev/profile-oplist.ts file.pdf
import { performance } from 'node:perf_hooks';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
const [file] = process.argv.slice(2);
const document = await openPdf(await readPdfFile(file), null, file);
for (let round = 0; round < 3; round++) {
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    let t = performance.now();
    await page.getTextContent();
    const textMs = performance.now() - t;
    t = performance.now();
    const ops = await page.getOperatorList();
    console.log(`round ${round} p${n}: getTextContent ${textMs.toFixed(1)} ms, getOperatorList ${(performance.now() - t).toFixed(1)} ms (${ops.fnArray.length} ops)`);
    page.cleanup();
  }
}
await document.destroy();
