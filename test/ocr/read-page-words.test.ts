import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPageWords, rereadUnsureWords } from '../../src/ocr/read-page-words.ts';
import type { TesseractEngine } from '../../src/ocr/tesseract-engine.ts';
import type { PageImage, Word } from '../../src/types.ts';

const WIDTH = 1200;
const HEIGHT = 600;
// 'Letters' 38 px tall: the OCR scale stays 1, so OCR-image pixels are page pixels plus the margin.
const LETTER = { width: 20, height: 38, pitch: 28, stroke: 5 };
const MARGIN = 12;

/** A page with `lines` rows of three 'words' (4 letters each) at x = 100, 600 and 1000; paper `paper(x)`. */
function statementPage(paper: (x: number) => number): PageImage {
  const gray = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) gray[y * WIDTH + x] = paper(x);
  for (let row = 0; row < 5; row++) {
    const top = 60 + row * 100;
    for (const start of [100, 600, 1000]) {
      for (let k = 0; k < 4; k++) {
        const left = start + k * LETTER.pitch;
        // An outlined 'letter' (a 0): strokes, not a solid block, as print is.
        const ink = Math.round(paper(left) * 0.15);
        for (let y = top; y < top + LETTER.height; y++) {
          const edge = y < top + LETTER.stroke || y >= top + LETTER.height - LETTER.stroke;
          if (edge) gray.fill(ink, y * WIDTH + left, y * WIDTH + left + LETTER.width);
          else {
            gray.fill(ink, y * WIDTH + left, y * WIDTH + left + LETTER.stroke);
            gray.fill(ink, y * WIDTH + left + LETTER.width - LETTER.stroke, y * WIDTH + left + LETTER.width);
          }
        }
      }
    }
  }
  return { pageNumber: 1, dpi: 300, width: WIDTH, height: HEIGHT, gray };
}

/** A word over the 'word' at page x `start`, row `row`, in OCR-image pixels. */
function wordAt(text: string, start: number, row: number, confidence = 90, tall = 1): Word {
  const top = 60 + row * 100 + MARGIN;
  return { text, confidence, box: { left: start + MARGIN, top, right: start + MARGIN + 3 * LETTER.pitch + LETTER.width, bottom: top + LETTER.height * tall } };
}

/** An engine that answers the first recognize call with `first` and any later one with `later`, keeping the images. */
function scriptedEngine(first: Word[], later: Word[] | ((width: number, height: number, gray: Uint8Array) => Word[])) {
  const images: Uint8Array[] = [];
  const sizes: [number, number][] = [];
  const modes: number[] = [];
  const engine = {
    async configure(settings: { pageSegmentationMode: number }) {
      modes.push(settings.pageSegmentationMode);
    },
    async setPageSegmentationMode(mode: number) {
      modes.push(mode);
    },
    async recognize(width: number, height: number, gray: Uint8Array) {
      images.push(gray.slice());
      sizes.push([width, height]);
      return images.length === 1 ? first : typeof later === 'function' ? later(width, height, gray) : later;
    },
    // The page pass reads its one image in the mode it configured.
    async recognizeEach(each: { width: number; height: number; gray: Uint8Array }[]) {
      const read: Word[][] = [];
      for (const image of each) read.push(await engine.recognize(image.width, image.height, image.gray));
      return read;
    },
  };
  return { engine: engine as unknown as TesseractEngine, images, modes, sizes };
}

const allWords = (start: number) => [0, 1, 2, 3, 4].map((row) => wordAt(`w${start}-${row}`, start, row));

describe('readPageWords', () => {
  it('reads the ink the automatic pass left out again in sparse mode, keeping only sure, text-sized words', async () => {
    const page = statementPage(() => 245);
    // The automatic pass misses the middle column, as Tesseract does with a statement's notes column.
    // The second pass sees only the box around the missed ink: its words come in that box's
    // pixels, found here from where the first missed letter (page 600, 60) lies in the cut.
    const missedWords = [...allWords(600), wordAt('|', 600, 0, 95), wordAt('ii', 600, 1, 20), wordAt('Tall', 600, 2, 95, 3)];
    const inCut = (width: number, height: number, gray: Uint8Array): Word[] => {
      const first = gray.findIndex((value) => value < 128);
      assert.ok(first >= 0, 'the missed ink is in the cut');
      const shift = { x: 600 + MARGIN - (first % width), y: 60 + MARGIN - Math.floor(first / width) };
      return missedWords.map((word) => ({ ...word, box: { left: word.box.left - shift.x, top: word.box.top - shift.y, right: word.box.right - shift.x, bottom: word.box.bottom - shift.y } }));
    };
    const { engine, modes, sizes } = scriptedEngine([...allWords(100), ...allWords(1000)], inCut);
    const { words } = await readPageWords(engine, page, []);
    assert.deepEqual(modes, [3, 11]);
    const texts = words.map((word) => word.text);
    for (let row = 0; row < 5; row++) assert.ok(texts.includes(`w600-${row}`), `the missed word of row ${row}`);
    assert.ok(!texts.includes('|') && !texts.includes('ii') && !texts.includes('Tall'), 'junk is left out');
    assert.equal(words.length, 15);
    // The second image is the missed column alone (give or take the blocks it is measured in).
    const [cutWidth, cutHeight] = sizes[1];
    const column = { width: 3 * LETTER.pitch + LETTER.width + 2 * MARGIN, height: 4 * 100 + LETTER.height + 2 * MARGIN };
    assert.ok(cutWidth >= column.width && cutWidth <= column.width + 2 * LETTER.height, `cut width ${cutWidth}`);
    assert.ok(cutHeight >= column.height && cutHeight <= column.height + 2 * LETTER.height, `cut height ${cutHeight}`);
    // Page coordinates come back.
    const missed = words.find((word) => word.text === 'w600-0')!;
    assert.equal(missed.box.left, 600);
  });

  it('does not read the page again for specks and a dark page edge that the automatic pass left out', async () => {
    const page = statementPage(() => 245);
    for (let y = 0; y < HEIGHT; y++) page.gray.fill(30, y * WIDTH + WIDTH - 40, y * WIDTH + WIDTH);
    for (let k = 0; k < 200; k++) {
      const x = (k * 373) % (WIDTH - 60);
      const y = (k * 211) % HEIGHT;
      page.gray[y * WIDTH + x] = page.gray[y * WIDTH + x + 1] = 20;
    }
    const { engine, images } = scriptedEngine([...allWords(100), ...allWords(600), ...allWords(1000)], []);
    await readPageWords(engine, page, []);
    assert.equal(images.length, 1);
  });

  it('reads again a line of white text on a dark fill that the automatic pass left out', async () => {
    const page = statementPage(() => 245);
    // A dark bar (a table's header row) below the rows, with three light 'words' of outlined letters.
    const top = 545;
    for (let y = top - 8; y < top + LETTER.height + 8; y++) page.gray.fill(30, y * WIDTH + 80, y * WIDTH + 1150);
    for (const start of [100, 600, 1000]) {
      for (let k = 0; k < 4; k++) {
        const left = start + k * LETTER.pitch;
        for (let y = top; y < top + LETTER.height; y++) {
          const edge = y < top + LETTER.stroke || y >= top + LETTER.height - LETTER.stroke;
          for (let x = left; x < left + LETTER.width; x++) if (edge || x < left + LETTER.stroke || x >= left + LETTER.width - LETTER.stroke) page.gray[y * WIDTH + x] = 240;
        }
      }
    }
    const { engine, modes } = scriptedEngine([...allWords(100), ...allWords(600), ...allWords(1000)], []);
    await readPageWords(engine, page, []);
    assert.deepEqual(modes, [3, 11]);
  });

  it('reads the page once when the automatic pass read all its ink', async () => {
    const { engine, images } = scriptedEngine([...allWords(100), ...allWords(600), ...allWords(1000)], []);
    await readPageWords(engine, statementPage(() => 245), []);
    assert.equal(images.length, 1);
  });

  it('makes the paper of a page in half shadow white before OCR', async () => {
    // Paper 80 on the left rising to 245 on the right: one threshold calls the left half ink.
    const { engine, images } = scriptedEngine([...allWords(100), ...allWords(600), ...allWords(1000)], []);
    await readPageWords(engine, statementPage((x) => Math.round(80 + (165 * x) / (WIDTH - 1))), []);
    const first = images[0];
    const at = (x: number, y: number) => first[(y + MARGIN) * (WIDTH + 2 * MARGIN) + x + MARGIN];
    assert.ok(at(300, 300) > 200, `left paper ${at(300, 300)}`);
    assert.ok(at(100 + 2, 60 + 10) < 100, `left ink ${at(102, 70)}`);
  });
});

describe('rereadUnsureWords', () => {
  // Page pixels: a word at x = 100, row 0, is 100..204 × 60..98 on the page.
  const pageWord = (text: string, confidence: number, start = 100, row = 0): Word => ({
    text,
    confidence,
    box: { left: start, top: 60 + row * 100, right: start + 3 * LETTER.pitch + LETTER.width, bottom: 60 + row * 100 + LETTER.height },
  });
  const passImage = () => ({ ...statementPage(() => 245), offsetLeft: 0, offsetTop: 0, glyphHeightPx: LETTER.height });
  /** An engine whose every reading is `reading` (in the crop's pixels: one word over the whole crop). */
  function engineReading(reading: { text: string; confidence: number }[] | null) {
    const crops: [number, number][] = [];
    const modes: number[] = [];
    const engine = {
      async configure(settings: { pageSegmentationMode: number }) {
        modes.push(settings.pageSegmentationMode);
      },
      async recognize(width: number, height: number) {
        crops.push([width, height]);
        return (reading ?? []).map((word, index) => ({ ...word, box: { left: MARGIN + index, top: MARGIN, right: width - MARGIN, bottom: height - MARGIN } }));
      },
    };
    return { engine: engine as unknown as TesseractEngine, crops, modes };
  }

  it('reads only the unsure words again, in single-line mode, each from a crop around it', async () => {
    const { engine, crops, modes } = engineReading([{ text: '12.50', confidence: 93 }]);
    const words = [pageWord('1250', 41), pageWord('Total', 96, 600), pageWord('7.25', 88, 1000)];
    const result = await rereadUnsureWords(engine, passImage(), words);
    assert.deepEqual(modes, [7]);
    assert.equal(crops.length, 1, 'the sure words are not read again');
    assert.deepEqual(result.map((word) => word.text), ['12.50', 'Total', '7.25']);
    // The crop reaches beyond the word's box, and the new word comes back in page pixels.
    assert.ok(crops[0][0] > 3 * LETTER.pitch + LETTER.width + 2 * MARGIN && crops[0][1] > LETTER.height + 2 * MARGIN);
    assert.ok(result[0].box.left < 100 && result[0].box.top < 60 && result[0].box.right > 204);
  });

  it('keeps the first reading when the second is no surer, or reads nothing', async () => {
    const words = [pageWord('1250', 41)];
    const unsure = await rereadUnsureWords(engineReading([{ text: '12.5O', confidence: 60 }, { text: 'x', confidence: 30 }]).engine, passImage(), words);
    assert.deepEqual(unsure, words, 'its least sure word (30) is below the first reading (41)');
    const empty = await rereadUnsureWords(engineReading(null).engine, passImage(), words);
    assert.deepEqual(empty, words);
  });

  it('reads nothing again when every word is sure', async () => {
    const { engine, crops } = engineReading([{ text: 'x', confidence: 99 }]);
    const words = [pageWord('Total', 96), pageWord('7.25', 88, 600)];
    assert.deepEqual(await rereadUnsureWords(engine, passImage(), words), words);
    assert.equal(crops.length, 0);
  });
});
