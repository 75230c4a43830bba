// Which lines of a page pass are running text (left unread, standing in as words found from their
// ink), on drawn line images: a paragraph's lines against a table's rows, captions and headings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cropGray } from '../../src/image/crop-gray.ts';
import { STAND_IN_TEXT, runningTextLines, standInWords, type DetectedLine } from '../../src/ocr/paddle/running-text.ts';
import type { PixelBox } from '../../src/types.ts';

const PAGE_WIDTH = 2000;
const LINE_HEIGHT = 50;
const INK_TOP = 12;
const INK_HEIGHT = 26;

/** A page of lines; each line is drawn as runs of ink (words) `[left, right)` and cut out as the detector would. */
function page(lines: { top: number; words: [number, number][] }[]) {
  const height = Math.max(...lines.map((line) => line.top)) + 2 * LINE_HEIGHT;
  const image = { width: PAGE_WIDTH, height, gray: new Uint8Array(PAGE_WIDTH * height).fill(255) };
  const detected: DetectedLine[] = [];
  for (const line of lines) {
    for (const [left, right] of line.words) {
      for (let y = line.top + INK_TOP; y < line.top + INK_TOP + INK_HEIGHT; y++) {
        // Letters: strokes 6 px wide, 3 px apart (gaps between letters, not word spaces).
        for (let x = left; x < right; x++) if ((x - left) % 9 < 6) image.gray[y * PAGE_WIDTH + x] = 0;
      }
    }
    const box: PixelBox = { left: line.words[0][0] - 8, top: line.top, right: line.words.at(-1)![1] + 8, bottom: line.top + LINE_HEIGHT };
    detected.push({ box, image: cropGray(image, box) });
  }
  return detected;
}

/** A line of words `wordPx` wide with word spaces of `spacePx`, from `left` to about `right`. */
function wordsFrom(left: number, right: number, wordPx = 120, spacePx = 10): [number, number][] {
  const words: [number, number][] = [];
  for (let x = left; x + wordPx <= right; x += wordPx + spacePx) words.push([x, x + wordPx]);
  return words;
}

describe('running text on a page pass', () => {
  it('is the lines of a paragraph: three or more wide lines one under the other with nothing beside them', () => {
    const lines = page([
      ...[0, 1, 2, 3].map((k) => ({ top: 100 + k * LINE_HEIGHT, words: wordsFrom(100, 1900) })),
      // The paragraph's short last line is read.
      { top: 100 + 4 * LINE_HEIGHT, words: wordsFrom(100, 600) },
      // A table below: a wide label and a figure beside it on each row (pieces the detector's
      // line was split into at the column gap).
      ...[0, 1, 2].map((k) => ({ top: 500 + k * LINE_HEIGHT, words: wordsFrom(100, 1300) })),
      ...[0, 1, 2].map((k) => ({ top: 500 + k * LINE_HEIGHT, words: wordsFrom(1500, 1900) })),
    ]);
    assert.deepEqual(runningTextLines(lines), [true, true, true, true, false, false, false, false, false, false, false]);
  });

  it('is not two wide lines alone (a caption or a header wrapped once is read)', () => {
    const lines = page([0, 1].map((k) => ({ top: 100 + k * LINE_HEIGHT, words: wordsFrom(100, 1900) })));
    assert.deepEqual(runningTextLines(lines), [false, false]);
  });

  it('is not wide lines with a blank wider than a word space (a table row whose columns the detector joined)', () => {
    const rows = [0, 1, 2, 3].map((k) => ({ top: 100 + k * LINE_HEIGHT, words: [...wordsFrom(100, 900), ...wordsFrom(900 + 20, 1900)] }));
    assert.deepEqual(runningTextLines(page(rows)), [false, false, false, false], 'a 20-px blank is over 0.6 of the 26-px ink');
  });

  it('is not wide lines far apart (rows of a list with blank lines between) nor narrow ones', () => {
    const apart = page([0, 1, 2].map((k) => ({ top: 100 + k * 3 * LINE_HEIGHT, words: wordsFrom(100, 1900) })));
    assert.deepEqual(runningTextLines(apart), [false, false, false]);
    const narrow = page([
      ...[0, 1, 2].map((k) => ({ top: 100 + k * LINE_HEIGHT, words: wordsFrom(100, 700) })),
      { top: 500, words: wordsFrom(100, 1900) },
    ]);
    assert.deepEqual(runningTextLines(narrow), [false, false, false, false], 'under 0.6 of the text width');
  });

  it('stands in as one word per run of ink between word spaces, tight on the ink, all of one line', () => {
    const [line] = page([{ top: 100, words: wordsFrom(100, 1000) }]);
    const words = standInWords(line, 7);
    assert.equal(words.length, wordsFrom(100, 1000).length);
    assert.ok(words.every((word) => word.text === STAND_IN_TEXT && word.unreadLine === 7 && word.confidence >= 60));
    assert.deepEqual(words[0].box, { left: 100, top: 100 + INK_TOP, right: 220, bottom: 100 + INK_TOP + INK_HEIGHT });
  });
});
