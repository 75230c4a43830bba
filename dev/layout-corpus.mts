// Dev-only: run detectWordTables on the pages gathered by dev/layout-gather.mts (cached under
// /tmp), score the borderless / partial-rules cases with the corpus scorer (only the word tables
// count) and list every word table found on any other page (there should be none).
//   node --import tsx dev/layout-corpus.mts [--psm 3|11] [--show] [--verbose] [--no-exclude] [--all-scores] [case-id ...]
// --show prints each found table's cells; --verbose every candidate block and why it was dropped;
// --no-exclude ignores the ruled grids (every word counts); --no-rules passes no horizontal rules; --all-scores scores every case, ruled
// tables plus word tables against ruled tables only (text from whole-page words, not the CLI's).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildTable } from '../src/assemble/build-table.ts';
import { detectWordTables, type WordTableTrace } from '../src/layout/detect-word-tables.ts';
import type { ExtractedTable, PixelBox, Word } from '../src/types.ts';
import { CACHE_DIR, type GatheredPage } from './layout-gather.mts';
import { gridProblem } from '../test/layout/mono-words.ts';
// @ts-expect-error the scorer is plain JavaScript without types
import { loadCorpus, normText, scoreCaseGroups } from '../../shared/tools/score.mjs';

const CORPUS = '/work/shared/corpus';
const TARGET_STYLES = new Set(['borderless', 'partial-rules']);

const args = process.argv.slice(2);
let psm = 3;
let show = false;
let exclude = true;
let verbose = false;
let allScores = false;
let useRules = true;
const ids: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--psm') psm = Number(args[++i]);
  else if (args[i] === '--show') show = true;
  else if (args[i] === '--no-exclude') exclude = false;
  else if (args[i] === '--verbose') verbose = true;
  else if (args[i] === '--all-scores') allScores = true;
  else if (args[i] === '--no-rules') useRules = false;
  else ids.push(args[i]);
}

interface ScoreCell { text: string; key: string; num: null; grams: null; nums: undefined }
const cellOf = (text: string): ScoreCell => {
  const t = normText(text) as string;
  return { text: t, key: t.replace(/ /g, ''), num: null, grams: null, nums: undefined };
};

/** A table as the scorer's sheet: merged text in the top-left cell, covered cells empty. */
function sheetOf(table: ExtractedTable, name: string) {
  const grid = Array.from({ length: table.rowCount }, () => Array.from({ length: table.columnCount }, () => cellOf('')));
  for (const cell of table.cells) grid[cell.row][cell.col] = cellOf(cell.text);
  return { name, R: table.rowCount, C: table.columnCount, grid };
}

function wordsInside(words: Word[], box: PixelBox, dpi: number): Word[] {
  const tolerance = (2 * dpi) / 100;
  return words.filter((w) => {
    const x = (w.box.left + w.box.right) / 2;
    const y = (w.box.top + w.box.bottom) / 2;
    return x >= box.left - tolerance && x <= box.right + tolerance && y >= box.top - tolerance && y <= box.bottom + tolerance;
  });
}

function printTable(table: ExtractedTable): void {
  const rows: string[][] = Array.from({ length: table.rowCount }, () => Array.from({ length: table.columnCount }, () => ''));
  for (const cell of table.cells) rows[cell.row][cell.col] = (cell.colSpan > 1 ? `<${cell.colSpan}>` : '') + cell.text.replace(/\n/g, '⏎');
  for (const row of rows) console.log('    | ' + row.map((t) => t.slice(0, 28).padEnd(12)).join(' | '));
}

const { cases } = loadCorpus(CORPUS) as { cases: { id: string; kind: string; tables: { style: string; R: number; C: number }[] }[] };
const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { cases: { id: string; pages: number[] }[] };
const files = readdirSync(CACHE_DIR).filter((f) => f.endsWith(`-psm${psm}.json`)).sort();
const byCase = new Map<string, GatheredPage[]>();
for (const f of files) {
  const page = JSON.parse(readFileSync(path.join(CACHE_DIR, f), 'utf8')) as GatheredPage;
  if (ids.length > 0 && !ids.includes(page.id)) continue;
  if (!byCase.has(page.id)) byCase.set(page.id, []);
  byCase.get(page.id)!.push(page);
}

let totalMs = 0;
let pageCount = 0;
let falseTables = 0;
const summary: string[] = [];
for (const [id, pages] of byCase) {
  pages.sort((a, b) => a.pageNumber - b.pageNumber);
  // ocr-<case> pages are text cases read by OCR (layout-gather.mts --force-ocr): the same tables.
  const caseId = id.replace(/^ocr-/, '');
  const entry = manifest.cases.find((c) => c.id === caseId);
  const scored = cases.find((c) => c.id === caseId);
  const isTarget = scored?.tables.some((t) => TARGET_STYLES.has(t.style)) ?? false;
  const sheets: ReturnType<typeof sheetOf>[] = [];
  const ruledSheets: ReturnType<typeof sheetOf>[] = [];
  for (const page of pages) {
    const trace: WordTableTrace = { candidates: [] };
    const started = performance.now();
    const grids = detectWordTables(page.words, page.page, {
      horizontalRules: useRules ? page.horizontalRules : [],
      excludeBoxes: exclude ? page.ruledGrids.map((g) => g.box) : [],
    }, trace);
    const ms = performance.now() - started;
    totalMs += ms;
    pageCount++;
    const listed = entry?.pages.includes(page.pageNumber) ?? false;
    // As src/pool/read-page.ts does: a table gets the words whose centre lies in its box.
    const origin = (i: number) => ({ pageNumber: page.pageNumber, tableIndex: i, dpi: page.page.dpi, source: page.source });
    const tables = grids.map((grid, i) => buildTable(grid, wordsInside(page.words, grid.box, page.page.dpi), origin(i)));
    if (listed) tables.forEach((t, i) => sheets.push(sheetOf(t, `p${page.pageNumber}-t${i + 1}`)));
    // The ruled tables count for the score too (a table found both ways would be doubled).
    if (listed && exclude) {
      page.ruledGrids.forEach((grid, i) => {
        const sheet = sheetOf(buildTable(grid, wordsInside(page.words, grid.box, page.page.dpi), origin(100 + i)), `ruled${i}`);
        sheets.push(sheet);
        ruledSheets.push(sheet);
      });
    }
    for (const grid of grids) {
      const problem = gridProblem(grid);
      if (problem) console.log(`  GRID CONTRACT BROKEN: ${problem}`);
    }
    const unexpected = !isTarget || !listed;
    if (tables.length > 0 || verbose) {
      console.log(`${id} p${page.pageNumber} (${page.source}, ${page.words.length} words, ${ms.toFixed(1)} ms): ${tables.length} word table(s)${unexpected && tables.length ? '  <-- not expected' : ''}`);
      if (unexpected) falseTables += tables.length;
      tables.forEach((t) => {
        console.log(`  ${t.rowCount}x${t.columnCount} at ${JSON.stringify(t.box)}`);
        if (show || unexpected) printTable(t);
      });
      if (verbose) for (const c of trace.candidates) console.log(`    candidate ${c.lines} lines ${c.box ? JSON.stringify(c.box) : ''}: ${c.reason || 'kept'}`);
    }
  }
  if (scored && (isTarget || allScores)) {
    type Result = { r: { found: boolean; cell_exact: number; out_rows: number; out_cols: number } };
    const results = scoreCaseGroups(scored, sheets) as Result[];
    const ruledOnly = allScores ? (scoreCaseGroups(scored, ruledSheets) as Result[]) : [];
    results.forEach(({ r }, i) => {
      const t = scored.tables[i];
      const before = ruledOnly[i] ? `  (ruled only: ${ruledOnly[i].r.found ? 'found' : 'missed'}, ${ruledOnly[i].r.cell_exact.toFixed(3)})` : '';
      summary.push(`${id.padEnd(28)} ${t.style.padEnd(14)} exp ${t.R}x${t.C}  got ${r.found ? `${r.out_rows}x${r.out_cols}` : '-'}  cell_exact ${r.cell_exact.toFixed(3)}${before}`);
    });
  }
}
console.log('\n' + summary.join('\n'));
console.log(`\n${pageCount} pages, ${(totalMs / Math.max(1, pageCount)).toFixed(2)} ms/page, word tables on pages/cases that expect none: ${falseTables}`);
