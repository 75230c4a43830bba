// Dev-only: run detectWordTables on every page of any PDF (text layer at 300 DPI, else OCR as in
// dev/layout-gather.mts) and print the word tables found, to look for false tables in documents
// that have none (manuals, papers, letters).
//   node --import tsx dev/layout-pdf.mts file.pdf [--pages 1-20] [--show]
import { buildTable } from '../src/assemble/build-table.ts';
import { detectWordTables, type WordTableTrace } from '../src/layout/detect-word-tables.ts';
import { openPdf, readPdfFile } from '../src/pdf/open-pdf.ts';
import type { PixelBox, Word } from '../src/types.ts';
import { gatherPage } from './layout-gather.mts';

const args = process.argv.slice(2);
const file = args[0];
const show = args.includes('--show');
const pagesArg = args.includes('--pages') ? args[args.indexOf('--pages') + 1] : null;
const document = await openPdf(await readPdfFile(file), null, file);
const pageCount = document.numPages;
await document.destroy();
let [from, to] = [1, pageCount];
if (pagesArg) [from, to] = pagesArg.split('-').map(Number);
to = Math.min(to ?? from, pageCount);

function wordsInside(words: Word[], box: PixelBox): Word[] {
  return words.filter((w) => {
    const x = (w.box.left + w.box.right) / 2;
    const y = (w.box.top + w.box.bottom) / 2;
    return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
  });
}

let found = 0;
let totalMs = 0;
for (let pageNumber = from; pageNumber <= to; pageNumber++) {
  const page = await gatherPage('pdf', file, pageNumber, 3, false);
  const trace: WordTableTrace = { candidates: [] };
  const started = performance.now();
  const grids = detectWordTables(page.words, page.page, { horizontalRules: page.horizontalRules, excludeBoxes: page.ruledGrids.map((g) => g.box) }, trace);
  totalMs += performance.now() - started;
  found += grids.length;
  const rejected = trace.candidates.filter((c) => c.reason).map((c) => `${c.lines}:${c.reason}`);
  console.log(`p${pageNumber}: ${page.words.length} words, ${page.ruledGrids.length} ruled, ${grids.length} word tables${show && rejected.length ? `  (rejected ${rejected.join('; ')})` : ''}`);
  grids.forEach((grid, i) => {
    const table = buildTable(grid, wordsInside(page.words, grid.box), { pageNumber, tableIndex: i, dpi: page.page.dpi, source: page.source });
    const rows = Array.from({ length: table.rowCount }, () => Array.from({ length: table.columnCount }, () => ''));
    for (const cell of table.cells) rows[cell.row][cell.col] = cell.text.replace(/\n/g, '⏎');
    console.log(`  ${table.rowCount}x${table.columnCount} at ${JSON.stringify(grid.box)}`);
    for (const row of rows) console.log('    | ' + row.map((t) => t.slice(0, 30).padEnd(10)).join(' | '));
  });
}
console.log(`${to - from + 1} pages, ${found} word tables, ${(totalMs / (to - from + 1)).toFixed(2)} ms/page`);
