// Pages turned by 0/90/180/270 must come back upright: born-digital fixture pages rendered at
// 200 and 300 DPI, with mild scanner noise, turned with rotateQuarterTurns.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectOrientation, measureOrientationGeometry } from '../../src/ocr/detect-orientation.js';
import { rotateQuarterTurns, type QuarterTurn } from '../../src/image/rotate-quarter-turns.js';
import { resolveLanguageData } from '../../src/ocr/language-data.js';
import { TesseractEngine } from '../../src/ocr/tesseract-engine.js';
import type { PageImage } from '../../src/types.js';
import { PARAGRAPH_ONLY_PAGE, TWO_TABLES_PAGE, makeTextPdf, mulberry32, renderPdfGray, type PageSpec } from '../../fixtures/lib/index.ts';

const TURNS: QuarterTurn[] = [0, 90, 180, 270];
const DPIS = [200, 300];
const PAGES: [string, PageSpec][] = [
  ['table page', TWO_TABLES_PAGE],
  ['paragraph page', PARAGRAPH_ONLY_PAGE],
];

/** The turn that undoes `turn`. */
const undo = (turn: QuarterTurn) => ((360 - turn) % 360) as QuarterTurn;

/** Gaussian-ish gray noise, like a scanner's (seeded, so the test is repeatable). */
function withNoise(image: PageImage, sigma: number, seed: number): PageImage {
  const rand = mulberry32(seed);
  const gray = new Uint8Array(image.gray.length);
  for (let i = 0; i < gray.length; i++) {
    const noise = (rand() + rand() + rand() - 1.5) * 2 * sigma;
    gray[i] = Math.max(0, Math.min(255, Math.round(image.gray[i] + noise)));
  }
  return { ...image, gray };
}

/** An engine that fails the test if detectOrientation asks it anything. */
const NO_OCR = {
  configure: async () => assert.fail('OCR was asked'),
  recognize: async () => assert.fail('OCR was asked'),
} as unknown as TesseractEngine;

const pages = new Map<string, PageImage>();
let engine: TesseractEngine;

before(async () => {
  engine = await TesseractEngine.create(resolveLanguageData(['eng'], null), 60000);
  let seed = 1;
  for (const [name, spec] of PAGES) {
    const bytes = await makeTextPdf([spec]);
    for (const dpi of DPIS) {
      const [bitmap] = await renderPdfGray(bytes, dpi);
      pages.set(`${name}@${dpi}`, withNoise({ pageNumber: 1, dpi, ...bitmap }, 6, seed++));
    }
  }
});

after(async () => {
  await engine?.terminate();
});

for (const [name] of PAGES) {
  for (const dpi of DPIS) {
    describe(`${name} at ${dpi} DPI`, () => {
      for (const turn of TURNS) {
        it(`turned ${turn}° is turned back by ${undo(turn)}° (with OCR)`, async () => {
          const input = rotateQuarterTurns(pages.get(`${name}@${dpi}`)!, turn);
          const decision = await detectOrientation(input, engine);
          assert.equal(decision.clockwiseDegrees, undo(turn), decision.reason);
        });
        it(`turned ${turn}° is turned back by ${undo(turn)}° from geometry alone`, async () => {
          const input = rotateQuarterTurns(pages.get(`${name}@${dpi}`)!, turn);
          const decision = await detectOrientation(input, null);
          assert.equal(decision.clockwiseDegrees, undo(turn), decision.reason);
        });
      }
    });
  }
}

describe('the cheap path', () => {
  it('an upright table page at 300 DPI is decided without OCR', async () => {
    const decision = await detectOrientation(pages.get('table page@300')!, NO_OCR);
    assert.equal(decision.clockwiseDegrees, 0);
    assert.match(decision.reason, /^upright/);
  });

  it('when OCR fails, clear geometry still decides', async () => {
    const broken = {
      configure: async () => undefined,
      recognize: async () => {
        throw new Error('worker died');
      },
    } as unknown as TesseractEngine;
    const decision = await detectOrientation(rotateQuarterTurns(pages.get('table page@300')!, 180), broken);
    assert.equal(decision.clockwiseDegrees, 180, decision.reason);
    assert.match(decision.reason, /OCR failed: worker died/);
  });

  it('geometry finds the axis of the lines: vertical for a page on its side', () => {
    const upright = measureOrientationGeometry(pages.get('table page@200')!);
    assert.equal(upright.axis, 'horizontal');
    for (const turn of [90, 270] as QuarterTurn[]) {
      const sideways = measureOrientationGeometry(rotateQuarterTurns(pages.get('table page@200')!, turn));
      assert.equal(sideways.axis, 'vertical', `turned ${turn}`);
      assert.ok(sideways.votes.vertical > 3 * sideways.votes.horizontal, JSON.stringify(sideways.votes));
    }
  });
});

describe('pages without text to go by are left as they are', () => {
  const blank = (fill: number): PageImage => ({ pageNumber: 1, dpi: 300, width: 2550, height: 3300, gray: new Uint8Array(2550 * 3300).fill(fill) });

  it('a blank page', async () => {
    const decision = await detectOrientation(blank(255), NO_OCR);
    assert.equal(decision.clockwiseDegrees, 0);
    assert.match(decision.reason, /no ink/);
  });

  it('a blank scan with noise', async () => {
    const decision = await detectOrientation(withNoise(blank(235), 8, 99), NO_OCR);
    assert.equal(decision.clockwiseDegrees, 0);
  });

  it('a page with only a ruled grid and a picture', async () => {
    const page = blank(255);
    const { width, gray } = page;
    // an empty 6 × 8 grid of 2-px rulings and a dark photo-like block of random texture
    for (let r = 0; r <= 8; r++) for (let y = 300 + r * 150; y < 302 + r * 150; y++) gray.fill(0, y * width + 300, y * width + 2100);
    for (let c = 0; c <= 6; c++) for (let y = 300; y < 1502; y++) gray.fill(0, y * width + 300 + c * 300, y * width + 302 + c * 300);
    const rand = mulberry32(3);
    for (let y = 2000; y < 2900; y++) for (let x = 400; x < 2000; x++) gray[y * width + x] = rand() < 0.5 ? 30 : 200;
    const decision = await detectOrientation(page, NO_OCR);
    assert.equal(decision.clockwiseDegrees, 0, decision.reason);
  });
});
