// The package as a user gets it: `npm pack`, installed into an empty project, run from its bin.
// Offline: the project is installed with `npm ci --offline` from a lockfile made of this repo's
// own (the dependencies `npm ci` here already put in npm's cache), so CI needs no network.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { projectRoot, readGrid, readWorkbook, tableSheets } from './cli-helpers.ts';

const run = promisify(execFile);
// Under `npm test` this is the npm that runs the tests; else the one on PATH.
const npm = (args: string[], cwd: string) =>
  process.env.npm_execpath ? run(process.execPath, [process.env.npm_execpath, ...args], { cwd, maxBuffer: 16 << 20 }) : run('npm', args, { cwd, maxBuffer: 16 << 20 });

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

/**
 * An empty project that depends on the tarball, with a lockfile that pins every dependency as this
 * repo's lockfile does (a tree npm can install offline from its cache).
 */
async function writeProject(dir: string, tarball: string): Promise<void> {
  const ownPackage = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8'));
  const ownLock = JSON.parse(await readFile(path.join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const file = `file:${path.basename(tarball)}`;
  const integrity = `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`;
  // pdfjs-dist asks for @napi-rs/canvas 0.1.x, the repo overrides it with its own (see
  // src/pdf/canvas-globals.ts for what the installed package does without the override).
  const overrides = { 'pdfjs-dist': { '@napi-rs/canvas': ownLock.packages['node_modules/@napi-rs/canvas'].version } };
  const manifest = { name: 'pack-test', version: '1.0.0', private: true, dependencies: { [ownPackage.name]: file }, overrides };
  const packages: Record<string, LockEntry> = {
    '': { name: 'pack-test', version: '1.0.0', dependencies: manifest.dependencies },
    [`node_modules/${ownPackage.name}`]: { version: ownPackage.version, resolved: file, integrity, license: ownPackage.license, dependencies: ownPackage.dependencies, optionalDependencies: ownPackage.optionalDependencies, bin: ownPackage.bin, engines: ownPackage.engines },
  };
  for (const [key, entry] of Object.entries(ownLock.packages)) if (key.startsWith('node_modules/') && !entry.dev) packages[key] = entry;
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'pack-test', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
}

describe('the packed package, installed into an empty project', () => {
  let dir = '';
  let installed = '';

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-pack-'));
    // dist/ is already built by `npm test`; --ignore-scripts skips the rebuild of `prepare`.
    const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], projectRoot);
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    await writeProject(dir, path.join(dir, filename));
    try {
      await npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
    } catch (error) {
      throw new Error(`npm ci --offline failed (run 'npm ci' in the repo first, to fill npm's cache): ${(error as { stderr?: string }).stderr ?? error}`);
    }
    installed = path.join(dir, 'node_modules/pdf2xlsx');
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships the built code, its licence and docs, not the sources, tests or source maps', async () => {
    const names = await readdir(installed);
    for (const name of ['bin', 'dist', 'README.md', 'LICENSE', 'NOTICE', 'package.json']) assert.ok(names.includes(name), name);
    for (const name of ['src', 'test', 'fixtures', 'dev']) assert.ok(!names.includes(name), name);
    const built = await readdir(path.join(installed, 'dist'), { recursive: true });
    assert.deepEqual(built.filter((name) => name.endsWith('.map')), []);
    assert.ok(built.includes(path.join('pipeline', 'worker', 'task-handlers.js')));
  });

  it('exports its API and nothing else', async () => {
    const script = `import('pdf2xlsx').then((api) => console.log(typeof api.extractTables, typeof api.convertPdf)).then(() => import('pdf2xlsx/dist/run.js')).catch((error) => console.log(error.code))`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
    assert.equal(stdout.trim(), 'function function\nERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('type-checks a consumer that has no @types/node (strict, declarations checked)', async () => {
    const consumer = path.join(dir, 'consumer');
    await mkdir(consumer);
    await writeFile(path.join(consumer, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false }, files: ['use.ts'] }),
    );
    const use = [
      "import { convertPdf, extractTables, EXIT_CODES, type TableJson } from 'pdf2xlsx';",
      "const { tables } = await extractTables('in.pdf', { workers: 2, lang: 'eng' });",
      'const first: TableJson | undefined = tables[0];',
      "const { exitCode } = await convertPdf('in.pdf', 'out.xlsx', { borders: false });",
      'export const summary = [first?.cells.length, first?.headerRows, exitCode === EXIT_CODES.success];',
    ].join('\n');
    await writeFile(path.join(consumer, 'use.ts'), use);
    // The consumer resolves pdf2xlsx from the project's node_modules, one folder up, where npm
    // installed no @types/node: the package's dependencies do not bring it to the top level.
    await assert.rejects(readdir(path.join(dir, 'node_modules/@types/node')));
    const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', consumer], { cwd: consumer }).catch((error) => error);
    assert.equal(result.code ?? 0, 0, `${result.stdout}${result.stderr}`);
  });

  const bin = () => path.join(dir, 'node_modules/.bin/pdf2xlsx');
  const expected: { rows: string[][] }[] = [];
  before(async () => {
    expected.push(...JSON.parse(await readFile(path.join(projectRoot, 'fixtures/sample-scanned.expected.json'), 'utf8')).tables);
  });

  for (const [fixture, extra] of [['sample-text.pdf', ['--ocr', 'always']], ['sample-scanned.pdf', []]] as const) {
    it(`converts ${fixture}${extra.length ? ` (${extra.join(' ')}: pages pdf.js draws)` : ''} from the installed bin, with PP-OCR`, async () => {
      const output = path.join(dir, `${fixture}.xlsx`);
      const result = await run(bin(), [path.join(projectRoot, 'fixtures', fixture), '-o', output, '--workers', '2', '--verbose', ...extra], { cwd: dir }).catch((error) => error);
      assert.equal(result.code ?? 0, 0, result.stderr);
      assert.match(result.stderr, /OCR engine: PP-OCR/);
      assert.doesNotMatch(result.stderr, /warning/);
      await assertSameTables(output, fixture);
    });
  }

  async function assertSameTables(output: string, fixture: string): Promise<void> {
    const workbook = await readWorkbook(output);
    assert.equal(tableSheets(workbook).length, expected.length);
    tableSheets(workbook).forEach((sheet, index) => {
      const rows = expected[index].rows;
      assert.deepEqual(readGrid(sheet, 1, rows.length, rows[0].length), rows, `${fixture}, table ${index + 1}`);
    });
  }

  describe('installed without the optional ONNX runtime (an offline install that left it out)', () => {
    let bare = '';
    before(async () => {
      // Not inside the first project: Node would find its onnxruntime-node one folder up.
      bare = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-pack-bare-'));
      const tarball = (await readdir(dir)).find((name) => name.endsWith('.tgz'))!;
      await writeFile(path.join(bare, path.basename(tarball)), await readFile(path.join(dir, tarball)));
      await writeProject(bare, path.join(bare, path.basename(tarball)));
      await npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], bare);
      // What npm leaves when an optional dependency fails to install (its script offline, say): no
      // folder. (--omit=optional would also leave out @napi-rs/canvas's platform binary.)
      await rm(path.join(bare, 'node_modules/onnxruntime-node'), { recursive: true });
    });
    after(async () => {
      if (bare) await rm(bare, { recursive: true, force: true });
    });

    it('reads the scanned sample with tesseract.js, after one warning line that says how to get PP-OCR', async () => {
      const output = path.join(bare, 'scanned.xlsx');
      const result = await run(path.join(bare, 'node_modules/.bin/pdf2xlsx'), [path.join(projectRoot, 'fixtures/sample-scanned.pdf'), '-o', output, '--workers', '2'], { cwd: bare }).catch((error) => error);
      assert.equal(result.code ?? 0, 0, result.stderr);
      const warnings = (result.stderr as string).split('\n').filter((line) => line.includes('warning'));
      assert.equal(warnings.length, 1, result.stderr);
      assert.match(warnings[0], /PP-OCR is not available \(the ONNX runtime \(onnxruntime-node\) is not installed\).*ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@/);
      await assertSameTables(output, 'sample-scanned.pdf');
    });

    it('says nothing of PP-OCR on a born-digital file, and --engine paddle fails with exit 6 and the fix', async () => {
      const text = await run(path.join(bare, 'node_modules/.bin/pdf2xlsx'), [path.join(projectRoot, 'fixtures/sample-text.pdf'), '-o', path.join(bare, 'text.xlsx')], { cwd: bare }).catch((error) => error);
      assert.equal(text.code ?? 0, 0, text.stderr);
      assert.doesNotMatch(text.stderr, /PP-OCR/);
      const paddle = await run(path.join(bare, 'node_modules/.bin/pdf2xlsx'), [path.join(projectRoot, 'fixtures/sample-scanned.pdf'), '-o', path.join(bare, 'p.xlsx'), '--engine', 'paddle'], { cwd: bare }).catch((error) => error);
      assert.equal(paddle.code, 6);
      assert.equal((paddle.stderr as string).trim().split('\n').length, 1, paddle.stderr);
      assert.match(paddle.stderr, /--engine paddle: the ONNX runtime .* is not installed.*ONNXRUNTIME_NODE_INSTALL=skip/);
    });
  });
});
