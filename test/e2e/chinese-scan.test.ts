// End to end: a scanned simplified-Chinese table read with `--lang chi_sim` and `chi_sim+eng`,
// chi_sim's data coming from Debian's tesseract-ocr-chi-sim. Needs two Debian packages, which
// .ci/run installs: tesseract-ocr-chi-sim (the language data) and a CJK font such as
// fonts-wqy-microhei (to draw the fixture). Without them these tests fail, saying so.
import assert from 'node:assert/strict';
import { existsSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { CJK_FONT_PACKAGE, findCjkFontFile, makeChineseScannedPdf } from '../../fixtures/lib/index.ts';
import { canvasToGray } from '../../fixtures/lib/scanned-pdf.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { resolveLanguageData } from '../../src/ocr/language-data.ts';
import { TesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import { projectRoot, readGrid, readWorkbook, runCli, type CliRun } from './cli-helpers.ts';

const DEBIAN_TESSDATA_DIRS = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];
const INSTALL = `apt-get install -y --no-install-recommends tesseract-ocr-chi-sim ${CJK_FONT_PACKAGE} (as .ci/run does)`;

/** Debian's chi_sim.traineddata, or throws saying which package to install. */
function debianChiSimFile(): string {
  const file = DEBIAN_TESSDATA_DIRS.map((dir) => path.join(dir, 'chi_sim.traineddata')).find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`Debian's chi_sim.traineddata is not in ${DEBIAN_TESSDATA_DIRS.join(' or ')}: install it with ${INSTALL}`);
  return file;
}

function cjkFontFile(): string {
  try {
    return findCjkFontFile();
  } catch (error) {
    throw new Error(`${(error as Error).message}; for these tests: ${INSTALL}`);
  }
}

/** Runs `fn` with these environment variables set (undefined: removed), so a spawned CLI inherits them. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

const noWhitespace = (text: string) => text.replace(/\s+/g, '');
const CJK_ONLY = /^[\p{Script=Han}]+$/u;

describe('scanned Chinese table → xlsx (built CLI, Debian chi_sim data)', () => {
  let dir: string;
  let input: string;
  let expected: string[][];

  before(async () => {
    // Fail (not skip) on a machine without the packages, naming them.
    debianChiSimFile();
    cjkFontFile();
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-e2e-zh-'));
    const { pdf, rows } = await makeChineseScannedPdf({ seed: 11 });
    input = path.join(dir, 'chinese-scan.pdf');
    await writeFile(input, pdf);
    expected = rows;
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs the CLI from an empty folder with a private TMPDIR and no TESSDATA_PREFIX; returns the run and what was left in TMPDIR. */
  async function convert(name: string, args: string[]): Promise<{ run: CliRun; output: string; tmpLeft: string[]; cwdLeft: string[] }> {
    const cwd = path.join(dir, name);
    const tmp = path.join(dir, `${name}-tmp`);
    await mkdir(cwd);
    await mkdir(tmp);
    const output = path.join(cwd, 'out.xlsx');
    const run = await withEnv({ TMPDIR: tmp, TESSDATA_PREFIX: undefined }, () => runCli([input, '-o', output, ...args], { cwd }));
    return { run, output, tmpLeft: await readdir(tmp), cwdLeft: await readdir(cwd) };
  }

  async function assertReadsTable(output: string) {
    const workbook = await readWorkbook(output);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['p1-t1']);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.rowCount, expected.length, 'rows');
    assert.equal(sheet.columnCount, expected[0].length, 'columns');
    const grid = readGrid(sheet, 1, expected.length, expected[0].length);
    // Tesseract may space out a CJK character that follows digits ('2023 年'): compare without whitespace…
    assert.deepEqual(grid.map((row) => row.map(noWhitespace)), expected.map((row) => row.map(noWhitespace)));
    // …but cells of Chinese characters only must come out exactly, with no space between characters.
    grid.forEach((row, r) =>
      row.forEach((text, c) => {
        if (CJK_ONLY.test(expected[r][c])) assert.equal(text, expected[r][c], `cell ${r},${c}`);
      }),
    );
  }

  it('the fixture is Chinese text (with digits and ASCII), and no chi_sim npm data package is installed', () => {
    assert.ok(expected.flat().some((text) => CJK_ONLY.test(text)));
    assert.ok(expected.flat().some((text) => /^\d+$/.test(text)));
    assert.throws(() => createRequire(import.meta.url).resolve('@tesseract.js-data/chi_sim/package.json'), 'chi_sim can only come from Debian');
  });

  it('default options: PP-OCR reads every cell, Chinese and digits in one pass; nothing left in TMPDIR (ONNX Runtime telemetry off)', async () => {
    const { run, output, tmpLeft, cwdLeft } = await convert('default', ['--workers', '2', '--verbose']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /OCR engine: PP-OCR/);
    assert.doesNotMatch(run.stderr, /--lang auto/, 'no language probe');
    await assertReadsTable(output);
    assert.deepEqual(cwdLeft, ['out.xlsx']);
    assert.deepEqual(tmpLeft, [], 'nothing left in TMPDIR');
  });

  it('--engine tesseract --lang chi_sim, no --tessdata: finds Debian data and reads every cell (1 worker)', async () => {
    const { run, output, tmpLeft, cwdLeft } = await convert('chi-sim', ['--engine', 'tesseract', '--lang', 'chi_sim', '--workers', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    await assertReadsTable(output);
    assert.deepEqual(cwdLeft, ['out.xlsx'], 'no cache or temporary file in the working folder');
    assert.deepEqual(tmpLeft, [], 'nothing left in TMPDIR');
  });

  it('--engine tesseract --lang chi_sim+eng (eng from npm, chi_sim from Debian) reads every cell with 2 workers, and removes its linked tessdata folder', async () => {
    const { run, output, tmpLeft, cwdLeft } = await convert('chi-sim-eng', ['--engine', 'tesseract', '--lang', 'chi_sim+eng', '--workers', '2']);
    assert.equal(run.code, 0, run.stderr);
    await assertReadsTable(output);
    assert.deepEqual(cwdLeft, ['out.xlsx']);
    assert.deepEqual(tmpLeft, [], 'the temporary folder linking eng and chi_sim is removed');
  });
});

describe('TesseractEngine with Debian chi_sim (LSTM-only) and npm eng', () => {
  const FAMILY = 'CJKEngineTest';
  let tmp: string;

  before(async () => {
    debianChiSimFile();
    GlobalFonts.registerFromPath(cjkFontFile(), FAMILY);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-engine-zh-'));
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** One line of text at 15 pt, 300 DPI, as a gray image. */
  function line(text: string) {
    const px = (15 * 300) / 72;
    const canvas = createCanvas(Math.round(px * (text.length + 2)), Math.round(px * 2));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000';
    ctx.font = `${px}px ${FAMILY}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, px, px);
    return canvasToGray(canvas);
  }

  async function read(engine: TesseractEngine, text: string): Promise<string> {
    const image = line(text);
    return (await engine.recognize(image.width, image.height, image.gray)).map((word) => word.text).join(' ');
  }

  it('loads chi_sim.traineddata (plain, not gz) from Debian alone, with OEM LSTM_ONLY', async () => {
    const languages = resolveLanguageData(['chi_sim'], null, {});
    assert.equal(path.dirname(languages[0].file), path.dirname(debianChiSimFile()));
    const engine = await TesseractEngine.create(languages, 60_000);
    try {
      await engine.configure({ pageSegmentationMode: 7 }, 300);
      assert.equal(noWhitespace(await read(engine, '北京上海')), '北京上海');
    } finally {
      await engine.terminate();
    }
  });

  it('mixes eng.traineddata.gz (npm) with chi_sim.traineddata (Debian) through a temporary folder of links, removed once loaded', async () => {
    const languages = resolveLanguageData(['chi_sim', 'eng'], null, {});
    assert.notEqual(path.dirname(languages[0].file), path.dirname(languages[1].file), 'the two come from different folders');
    assert.ok(languages[1].file.endsWith('.gz') && !languages[0].file.endsWith('.gz'));
    const created: string[] = [];
    const watcher = watch(tmp, (_event, name) => {
      if (name && !created.includes(name)) created.push(name);
    });
    let engine: TesseractEngine | undefined;
    try {
      engine = await withEnv({ TMPDIR: tmp }, () => TesseractEngine.create(languages, 60_000));
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the watcher report
      assert.equal(created.filter((name) => name.startsWith('pdf2xlsx-tessdata-')).length, 1, `the link folder was made: ${created.join(', ')}`);
      assert.deepEqual(await readdir(tmp), [], 'and removed');
      await engine.configure({ pageSegmentationMode: 7 }, 300);
      assert.equal(noWhitespace(await read(engine, '广州')), '广州');
      assert.equal(await read(engine, 'Total'), 'Total');
    } finally {
      watcher.close();
      await engine?.terminate();
    }
  });
});

describe('a language with no data (needs no Debian package)', () => {
  it('--lang xyz fails before any work: exit 6, one line naming xyz.traineddata, no output', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-e2e-xyz-'));
    try {
      const output = path.join(dir, 'out.xlsx');
      const started = performance.now();
      const run = await withEnv({ TESSDATA_PREFIX: undefined }, () =>
        runCli([path.join(projectRoot, 'fixtures/sample-scanned.pdf'), '-o', output, '--lang', 'xyz', '--verbose'], { cwd: dir }),
      );
      assert.equal(run.code, EXIT_CODES.ocrFailure, run.stderr);
      assert.equal(run.stdout, '');
      // --verbose would report each page read: one line means no page was touched.
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line, not:\n${run.stderr}`);
      assert.match(lines[0], /^pdf2xlsx: no language data for 'xyz': xyz\.traineddata is not in .*apt-get install tesseract-ocr-xyz/);
      assert.ok(performance.now() - started < 10_000, 'fails fast');
      assert.deepEqual(await readdir(dir), [], 'no output, no temporary file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
