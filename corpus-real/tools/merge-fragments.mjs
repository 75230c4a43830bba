#!/usr/bin/env node
// Builds corpus-real/manifest.json from the per-source fragments in corpus-real/fragments/*.json
// (each a JSON array of cases), sorted by id, with the set's name and layout notes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cases = readdirSync(path.join(root, 'fragments'))
  .filter((name) => name.endsWith('.json'))
  .flatMap((name) => JSON.parse(readFileSync(path.join(root, 'fragments', name), 'utf8')))
  .sort((a, b) => a.id.localeCompare(b.id));
const manifest = {
  name: 'pdf2xlsx real-world scans — dev set',
  set: 'corpus-real',
  version: 1,
  layout: 'same as shared/corpus: cases/<id>/input.pdf, cases/<id>/expected/table-NN.csv; see README.md',
  cases,
};
writeFileSync(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`${cases.length} cases, ${cases.reduce((n, c) => n + c.tables.length, 0)} tables`);
