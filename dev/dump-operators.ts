// Dev-only: print a page's pdf.js operator list (op counts; with a limit, the non-text ops and path data).
//   node --import tsx dev/dump-operators.ts file.pdf pageNumber [maxOps]
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
const [file, pageStr] = process.argv.slice(2);
const doc = await openPdf(await readPdfFile(file), null, file);
const page = await doc.getPage(Number(pageStr));
const ops = await page.getOperatorList();
const names: Record<number, string> = {};
for (const [k, v] of Object.entries(pdfjs.OPS)) names[v as number] = k;
const counts: Record<string, number> = {};
const paintCounts: Record<string, number> = {};
for (let i = 0; i < ops.fnArray.length; i++) {
  const n = names[ops.fnArray[i]];
  counts[n] = (counts[n] ?? 0) + 1;
  if (n === 'constructPath') { const a = ops.argsArray[i]; const pn = names[a[0]]; paintCounts[pn] = (paintCounts[pn] ?? 0) + 1; }
}
console.log(page.rotate, page.view, counts, paintCounts);
if (process.argv[4]) {
  for (let i = 0; i < Math.min(ops.fnArray.length, Number(process.argv[4])); i++) {
    const n = names[ops.fnArray[i]];
    if (['showText','setFont','setTextMatrix','beginText','endText','setCharSpacing','setWordSpacing','setTextRise','setHScale','setLeading','moveText','nextLine','setLeadingMoveText'].includes(n)) continue;
    const a = ops.argsArray[i];
    let s = '';
    if (n === 'constructPath') s = names[a[0]] + ' ' + (a[1][0] ? Array.from(a[1][0] as Float32Array).map((x) => +x.toFixed(2)).join(',') : 'null');
    else s = JSON.stringify(a)?.slice(0, 200);
    console.log(i, n, s);
  }
}
