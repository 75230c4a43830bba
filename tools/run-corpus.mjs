#!/usr/bin/env node
// Converts every case of a table corpus with the built CLI and scores the outputs.
//   node tools/run-corpus.mjs [--corpus ../shared/corpus] [--kind scanned,scanned-derived] [--out out]
//                           [--jobs 2] [--zh-lang chi_sim+eng] [--only id1,id2] [--bin path] [-- extra pdf2xlsx options]
// Each case also writes its run report (OUT/reports/<id>.json); the checks they count (totals
// checked, totals not adding up, values in doubt) are summed after the score.
// Cases whose manifest `lang` is `zh` (or whose tables list the cjk-text feature) get
// `--lang <zh-lang>` unless the extra options set --lang themselves. Each case runs with
// --workers 1; --jobs cases run side by side (one per core is the fastest on this machine).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root, toolArgs } from './lib/tool-args.mjs';

const { extra, flag } = toolArgs();
const corpus = path.resolve(root, flag('--corpus', '../shared/corpus'));
const kinds = flag('--kind', null)?.split(',');
const only = flag('--only', null)?.split(',');
const outDir = path.resolve(root, flag('--out', 'out'));
const jobs = Number(flag('--jobs', '2'));
const zhLang = flag('--zh-lang', 'chi_sim+eng');
// --bin: another build's bin/pdf2xlsx.js (a snapshot made with tools/snapshot-build.sh), for A/B runs while src changes.
const bin = path.resolve(flag('--bin', path.join(root, 'bin/pdf2xlsx.js')));
mkdirSync(path.join(outDir, 'reports'), { recursive: true });

const isChinese = (c) => c.lang === 'zh' || (c.tables ?? []).some((t) => (t.features ?? []).includes('cjk-text'));
const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
const cases = manifest.cases.filter((c) => (!kinds || kinds.includes(c.kind)) && (!only || only.includes(c.id)));

function convert(c) {
  const langArgs = !extra.includes('--lang') && isChinese(c) && zhLang ? ['--lang', zhLang] : [];
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      bin, path.join(corpus, c.input ?? `cases/${c.id}/input.pdf`),
      '-o', path.join(outDir, `${c.id}.xlsx`), '--pages', c.pages.join(','), '--workers', '1', '-q',
      '--report', path.join(outDir, 'reports', `${c.id}.json`),
      ...langArgs, ...extra,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => {
      console.error(`${c.id}: exit ${code} in ${((Date.now() - start) / 1000).toFixed(1)}s ${stderr.trim()}`);
      resolve();
    });
  });
}

const queue = [...cases];
await Promise.all(Array.from({ length: Math.max(1, jobs) }, async () => {
  for (let c = queue.shift(); c; c = queue.shift()) await convert(c);
}));
const score = spawnSync(process.execPath, [path.join(root, '../shared/tools/score.mjs'), corpus, outDir,
  '--json', path.join(outDir, 'score.json')], { cwd: root, stdio: 'inherit' });
const checks = { totalsChecked: 0, totalsNotAddingUp: 0, doubtfulValues: 0 };
for (const c of cases) {
  const report = path.join(outDir, 'reports', `${c.id}.json`);
  // Reports of builds older than the checks have none: they count as zero.
  const found = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).checks : undefined;
  for (const key of Object.keys(checks)) checks[key] += found?.[key] ?? 0;
}
console.log(`checks: ${checks.totalsChecked} totals checked, ${checks.totalsNotAddingUp} not adding up; ${checks.doubtfulValues} values in doubt (text, filled)`);
process.exitCode = score.status ?? 1;
