// npm run check:libreoffice
// Converts generated documents with merged cells (ruled, text-layer, scanned, several tables a
// page, --sheets one) and opens every workbook in LibreOffice headless (soffice --convert-to csv):
// a workbook with overlapping merges or other damage fails to convert or converts empty.
// Installs Debian's libreoffice-calc when soffice is missing (a few hundred MB, so not in CI).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MERGED_PAGE, MIXED_DOCUMENT, SAMPLE_DOCUMENT, SIDE_BY_SIDE_PAGE, makeMixedPdf, makeTextPdf } from '../fixtures/lib/index.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, '.bench', 'libreoffice');

function ensureSoffice(): void {
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.error('check: installing libreoffice-calc (apt-get)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libreoffice-calc'], { stdio: 'inherit' });
}

ensureSoffice();
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const inputs: [string, Uint8Array, string[]][] = [
  ['sample-text', await makeTextPdf(SAMPLE_DOCUMENT), []],
  ['merged-one-sheet', await makeTextPdf([MERGED_PAGE, SIDE_BY_SIDE_PAGE]), ['--sheets', 'one']],
  ['mixed', await makeMixedPdf(MIXED_DOCUMENT), []],
  ['sample-scanned', new Uint8Array(await readFile(path.join(root, 'fixtures/sample-scanned.pdf'))), []],
];
const ALL_SHEETS_CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
let failures = 0;
for (const [name, bytes, options] of inputs) {
  const input = path.join(dir, `${name}.pdf`);
  const output = path.join(dir, `${name}.xlsx`);
  await writeFile(input, bytes);
  execFileSync(process.execPath, [path.join(root, 'bin/pdf2xlsx.js'), input, '-o', output, '-q', ...options], { stdio: 'inherit' });
  const csvDir = path.join(dir, `${name}-csv`);
  // Every sheet (the filter's 12th token, -1: LibreOffice 7.2 and later), not only the first: a
  // workbook of several tables opens on its Index.
  const conversion = spawnSync('soffice', ['--headless', '--norestore', '--convert-to', ALL_SHEETS_CSV, '--outdir', csvDir, output], { encoding: 'utf8', timeout: 120_000 });
  const csvFiles = await readdir(csvDir).catch(() => [] as string[]);
  const sheets = await Promise.all(csvFiles.map((file) => readFile(path.join(csvDir, file), 'utf8')));
  const ok = conversion.status === 0 && sheets.length > 0 && sheets.every((csv) => csv.trim().length > 0) && !/error|repair/i.test(conversion.stderr);
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}.xlsx: soffice exit ${conversion.status}, ${sheets.length} sheets, ${sheets.map((csv) => csv.split('\n').length).join('/')} CSV lines${ok ? '' : `; ${conversion.stderr.trim()}`}`);
}
console.log(failures === 0 ? 'LibreOffice opened every workbook.' : `${failures} workbook(s) failed.`);
process.exitCode = failures === 0 ? 0 : 1;
