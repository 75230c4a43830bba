// Prints the text-layer words of a page: node --import tsx dev/text-words.mts file.pdf [page] [dpi]
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.ts';
import { readTextLayer } from '../src/pdf/read-text-layer.ts';

const [file, pageArg = '1', dpiArg = '72'] = process.argv.slice(2);
const document = await openPdf(await readPdfFile(file), null, file);
const page = await document.getPage(Number(pageArg));
const started = performance.now();
const layer = await readTextLayer(page, page.getViewport({ scale: Number(dpiArg) / 72 }));
console.log(`${layer.words.length} words in ${(performance.now() - started).toFixed(1)} ms`);
for (const word of layer.words.slice(0, 40)) {
  const { left, top, right, bottom } = word.box;
  console.log(JSON.stringify(word.text), [left, top, right, bottom].map((v) => v.toFixed(1)).join(' '));
}
