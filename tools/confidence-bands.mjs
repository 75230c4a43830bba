#!/usr/bin/env node
// How well OCR confidence predicts a wrong cell: converts every scanned case of a corpus to JSON
// with the built CLI and, for each expected table that an output table matches in shape (same rows
// and columns, most cells alike), counts the OCR'd cells per confidence band and how many of them
// differ from the expected text (the scorer's normalisation, spaces ignored).
//   node tools/confidence-bands.mjs --corpus corpus-real --out OUT [--jobs 2] [--bin path] [-- pdf2xlsx options]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normText, parseCsv } from '../../shared/tools/score.mjs';
import { root, toolArgs } from './lib/tool-args.mjs';

const { extra, flag } = toolArgs();
const corpus = path.resolve(root, flag('--corpus', 'corpus-real'));
const outDir = path.resolve(root, flag('--out', 'out/confidence'));
const jobs = Number(flag('--jobs', '2'));
const bin = path.resolve(flag('--bin', path.join(root, 'bin/pdf2xlsx.js')));
const BANDS = [0, 40, 60, 80, 90, 95, 101];
mkdirSync(outDir, { recursive: true });

const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const cases = manifest.cases.filter((c) => c.kind.startsWith('scanned'));

function convert(c) {
  return new Promise((resolve) => {
    const output = path.join(outDir, `${c.id}.json`);
    const child = spawn(process.execPath, [bin, path.join(corpus, c.input ?? `cases/${c.id}/input.pdf`), '-o', output, '--pages', c.pages.join(','), '--workers', '1', '-q', ...extra], { stdio: 'ignore' });
    child.on('close', () => resolve(output));
  });
}

const key = (text) => normText(text ?? '').replace(/ /g, '');

/** The output table's top-left texts and confidences as a rows × columns grid. */
function gridOf(table) {
  const grid = Array.from({ length: table.rows }, () => Array.from({ length: table.columns }, () => null));
  for (const cell of table.cells) grid[cell.row][cell.col] = cell;
  return grid;
}

const counts = BANDS.slice(0, -1).map(() => ({ cells: 0, wrong: 0 }));
let tablesUsed = 0;
let tablesExpected = 0;
const queue = [...cases];
await Promise.all(Array.from({ length: jobs }, async () => {
  for (let c = queue.shift(); c; c = queue.shift()) {
    const output = await convert(c);
    let tables = [];
    try {
      tables = JSON.parse(readFileSync(output, 'utf8')).tables;
    } catch {
      continue;
    }
    const used = new Set();
    for (const expectedTable of c.tables ?? []) {
      tablesExpected++;
      const expected = parseCsv(readFileSync(path.join(corpus, 'cases', c.id, expectedTable.file), 'utf8'));
      const candidates = tables.filter((table) => !used.has(table) && table.rows === expected.length && table.columns === expected[0]?.length);
      const agreement = (table) => {
        const grid = gridOf(table);
        let same = 0;
        expected.forEach((row, r) => row.forEach((text, k) => (same += grid[r][k] && key(grid[r][k].text) === key(text) ? 1 : 0)));
        return same / (expected.length * expected[0].length);
      };
      const best = candidates.map((table) => ({ table, score: agreement(table) })).sort((a, b) => b.score - a.score)[0];
      if (!best || best.score < 0.3) continue;
      used.add(best.table);
      tablesUsed++;
      const grid = gridOf(best.table);
      expected.forEach((row, r) => row.forEach((text, k) => {
        const cell = grid[r][k];
        if (!cell || cell.confidence === null || (key(text) === '' && key(cell.text) === '')) return;
        const band = BANDS.findIndex((limit, index) => cell.confidence >= limit && cell.confidence < BANDS[index + 1]);
        counts[band].cells++;
        if (key(cell.text) !== key(text)) counts[band].wrong++;
      }));
    }
  }
}));

console.log(`${path.basename(corpus)}: ${tablesUsed} of ${tablesExpected} expected tables matched in shape; OCR'd cells by confidence band${extra.length ? ` (${extra.join(' ')})` : ''}`);
console.log('band       cells   wrong   share wrong');
counts.forEach((band, index) => {
  const label = `${BANDS[index]}–${Math.min(100, BANDS[index + 1] - 1)}`.padEnd(8);
  console.log(`${label} ${String(band.cells).padStart(7)} ${String(band.wrong).padStart(7)}   ${band.cells ? (band.wrong / band.cells).toFixed(3) : '-'}`);
});
