import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupLanguagesByScript, recognizeCell } from '../../src/ocr/cell-readers.ts';
import { detectCjkPage, readsAsLatin } from '../../src/ocr/detect-script.ts';
import type { WithEngine } from '../../src/ocr/ocr-engine.ts';
import type { TesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import type { PageImage, Word } from '../../src/types.ts';

/** An engine that answers every recognize call with `words`, counting the calls. */
function fakeEngine(words: Word[]) {
  const engine = {
    calls: 0,
    async configure() {},
    async setPageSegmentationMode() {},
    async recognize() {
      engine.calls++;
      return words;
    },
  };
  return engine;
}
const asEngine = (fake: ReturnType<typeof fakeEngine>) => fake as unknown as TesseractEngine;
const withFake = (fake: ReturnType<typeof fakeEngine>): WithEngine => (work) => work(asEngine(fake));
const word = (text: string, confidence: number): Word => ({ text, confidence, box: { left: 0, top: 0, right: 10, bottom: 10 } });

/** A white page with three dark text-line bands. */
function pageWithLines(): PageImage {
  const width = 600;
  const height = 300;
  const gray = new Uint8Array(width * height).fill(250);
  for (const top of [40, 120, 200]) {
    for (let y = top; y < top + 30; y++) for (let x = 50; x < 500; x += 12) gray.fill(20, y * width + x, y * width + x + 6);
  }
  return { pageNumber: 1, dpi: 200, width, height, gray };
}

describe('reading a cell in mixed scripts', () => {
  it('groups CJK and other languages', () => {
    const groups = groupLanguagesByScript([{ code: 'chi_sim', file: 'a' }, { code: 'eng', file: 'b' }, { code: 'jpn_vert', file: 'c' }]);
    assert.deepEqual(groups.cjk.map((language) => language.code), ['chi_sim', 'jpn_vert']);
    assert.deepEqual(groups.latin.map((language) => language.code), ['eng']);
  });

  it('keeps a sure Latin reading without asking the CJK model', async () => {
    const latin = fakeEngine([word('12.50', 93)]);
    const cjk = fakeEngine([word('12.5O', 70)]);
    const words = await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(cjk), cjkFirst: false }, 10, 10, new Uint8Array(100));
    assert.equal(words[0].text, '12.50');
    assert.equal(cjk.calls, 0);
  });

  it('takes the CJK reading of a cell the Latin model guesses at when it holds Han', async () => {
    const latin = fakeEngine([word('STE', 52), word('td', 40)]);
    const cjk = fakeEngine([word('营业收入', 80)]);
    const words = await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(cjk), cjkFirst: false }, 10, 10, new Uint8Array(100));
    assert.equal(words[0].text, '营业收入');
  });

  it('reads a cell with the CJK engine first on a Chinese page, and asks the Latin one only when no Han comes back', async () => {
    const latin = fakeEngine([word('12,50', 92)]);
    const han = fakeEngine([word('合计', 88)]);
    assert.equal((await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(han), cjkFirst: true }, 10, 10, new Uint8Array(100)))[0].text, '合计');
    assert.equal(latin.calls, 0);
    const digits = fakeEngine([word('12.5O', 61)]);
    assert.equal((await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(digits), cjkFirst: true }, 10, 10, new Uint8Array(100)))[0].text, '12,50');
  });

  it('keeps a sure CJK-model reading without Han (a number cell on a Chinese page) without asking the Latin model', async () => {
    const latin = fakeEngine([word('1,250.00', 90)]);
    const sure = fakeEngine([word('1,250.00', 94)]);
    assert.equal((await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(sure), cjkFirst: true }, 10, 10, new Uint8Array(100)))[0].text, '1,250.00');
    assert.equal(latin.calls, 0);
    const unsure = fakeEngine([word('1,25O.00', 89)]);
    await recognizeCell({ kind: 'by-script', latin: asEngine(latin), cjk: asEngine(unsure), cjkFirst: true }, 10, 10, new Uint8Array(100));
    assert.equal(latin.calls, 1);
  });
});

describe('detectCjkPage (--lang auto)', () => {
  it('calls a page Latin when the Latin model reads it surely, without loading the CJK model', async () => {
    const latin = fakeEngine([word('Revenue', 91)]);
    const cjk = fakeEngine([word('收入', 90)]);
    const verdict = await detectCjkPage(pageWithLines(), withFake(latin), withFake(cjk));
    assert.equal(verdict.cjk, false);
    assert.ok(latin.calls >= 1);
    assert.equal(cjk.calls, 0);
  });

  it('calls a page CJK when the Latin model guesses and the CJK model reads Han', async () => {
    const verdict = await detectCjkPage(pageWithLines(), withFake(fakeEngine([word('Hi be oh', 45)])), withFake(fakeEngine([word('营业收入合计', 85)])));
    assert.equal(verdict.cjk, true);
  });

  it('keeps a page Latin when neither model reads it well (a poor scan, not Chinese)', async () => {
    const verdict = await detectCjkPage(pageWithLines(), withFake(fakeEngine([word('rn1l', 40)])), withFake(fakeEngine([word('rnil', 42)])));
    assert.equal(verdict.cjk, false);
  });
});

describe('--lang auto without CJK data', () => {
  it('a page the Latin model reads surely is Latin; one it guesses at is not (and gets a warning)', async () => {
    const sure = await readsAsLatin(pageWithLines(), withFake(fakeEngine([word('Revenue', 91), word('2024', 95), word('Operating', 90), word('income', 92)])));
    assert.equal(sure.latin, true, sure.reason);
    const guessed = await readsAsLatin(pageWithLines(), withFake(fakeEngine([word('STE', 41), word('td', 30)])));
    assert.equal(guessed.latin, false);
    assert.match(guessed.reason, /the Latin model reads it at \d+%/);
  });
});
