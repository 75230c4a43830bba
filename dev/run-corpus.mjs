#!/usr/bin/env node
// Converts every case of the dev corpus with the built CLI and scores the outputs.
//   node dev/run-corpus.mjs [--kind scanned,scanned-derived] [--out out] [-- extra pdf2xlsx options]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const corpus = path.resolve(root, '../shared/corpus');
const args = process.argv.slice(2);
const dashDash = args.indexOf('--');
const extra = dashDash >= 0 ? args.slice(dashDash + 1) : [];
const own = dashDash >= 0 ? args.slice(0, dashDash) : args;
const flag = (name, fallback) => (own.includes(name) ? own[own.indexOf(name) + 1] : fallback);
const kinds = flag('--kind', null)?.split(',');
const outDir = path.resolve(root, flag('--out', 'out'));
mkdirSync(outDir, { recursive: true });

const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
for (const c of manifest.cases) {
  if (kinds && !kinds.includes(c.kind)) continue;
  const start = Date.now();
  const result = spawnSync(process.execPath, [
    path.join(root, 'bin/pdf2xlsx.js'), path.join(corpus, 'cases', c.id, 'input.pdf'),
    '-o', path.join(outDir, `${c.id}.xlsx`), '--pages', c.pages.join(','), '-q', ...extra,
  ], { encoding: 'utf8' });
  console.error(`${c.id}: exit ${result.status} in ${((Date.now() - start) / 1000).toFixed(1)}s ${result.stderr.trim()}`);
}
const score = spawnSync(process.execPath, [path.join(corpus, '../tools/score.mjs'), corpus, outDir], { cwd: root, stdio: 'inherit' });
process.exitCode = score.status ?? 1;
