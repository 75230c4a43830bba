// Where a line's ink is (for PP-OCR's recognizer) and lone dashes on a page, on drawn bitmaps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLoneDashes } from '../../src/ocr/lone-dashes.ts';
import { isDash, isSpeck, lineBoxAround, lineInkOf, linesOfBlock, splitAtWideGaps, tightBoxes } from '../../src/ocr/paddle/line-ink.ts';
import type { PixelBox, Word } from '../../src/types.ts';

function paper(width: number, height: number) {
  return { width, height, gray: new Uint8Array(width * height).fill(255) };
}

/** Fills `box` (right and bottom exclusive) with ink. */
function ink(image: { width: number; gray: Uint8Array }, box: PixelBox, level = 0) {
  for (let y = box.top; y < box.bottom; y++) image.gray.fill(level, y * image.width + box.left, y * image.width + box.right);
}

/** A glyph-like outline (a 0) of `height` at (left, top), `height` × 0.6 wide. */
function glyph(image: { width: number; gray: Uint8Array }, left: number, top: number, height: number) {
  const width = Math.round(0.6 * height);
  const stroke = Math.max(2, Math.round(height / 8));
  ink(image, { left, top, right: left + width, bottom: top + stroke });
  ink(image, { left, top: top + height - stroke, right: left + width, bottom: top + height });
  ink(image, { left, top, right: left + stroke, bottom: top + height });
  ink(image, { left: left + width - stroke, top, right: left + width, bottom: top + height });
}

describe('a line image’s ink', () => {
  it('is null on blank or flat paper, else the box around the pixels darker than half-way', () => {
    assert.equal(lineInkOf(paper(50, 20)), null);
    const image = paper(100, 40);
    ink(image, { left: 10, top: 12, right: 30, bottom: 28 });
    assert.deepEqual(lineInkOf(image), { box: { left: 10, top: 12, right: 30, bottom: 28 }, count: 320 });
  });

  it('tells a solid flat bar (a dash) from a glyph', () => {
    const dash = paper(100, 60);
    ink(dash, { left: 40, top: 28, right: 60, bottom: 32 });
    assert.ok(isDash(lineInkOf(dash)!, 38));
    assert.ok(isDash(lineInkOf(dash)!, undefined), 'flat against its own width without a text height');
    const zero = paper(100, 60);
    glyph(zero, 40, 10, 38);
    assert.ok(!isDash(lineInkOf(zero)!, 38));
    const tall = paper(100, 60);
    ink(tall, { left: 10, top: 20, right: 90, bottom: 40 });
    assert.ok(!isDash(lineInkOf(tall)!, 38), 'a bar as tall as text is a fill, not a dash');
  });

  it('reads a line from its ink with a quarter of a line around it, a flat mark at the text’s height and at least as wide as tall', () => {
    const image = paper(300, 100);
    ink(image, { left: 100, top: 48, right: 120, bottom: 52 });
    const box = lineBoxAround(lineInkOf(image)!, image, 40);
    assert.equal(box.bottom - box.top, 60, '1.5 × the text height');
    assert.ok(box.top <= 48 - 20 && box.bottom >= 52 + 20, 'centred on the mark');
    assert.ok(box.right - box.left >= 60, 'at least as wide as tall');
  });
});

describe('detected lines', () => {
  it('are split at blanks wider than 0.8 of their ink height, not at word spaces', () => {
    const line = paper(600, 60);
    for (const left of [10, 40, 70]) glyph(line, left, 10, 40); // one word
    for (const left of [120, 150]) glyph(line, left, 10, 40); // a word space (26 px) away
    for (const left of [300, 330]) glyph(line, left, 10, 40); // a column gap (126 px) away
    const pieces = splitAtWideGaps(line, { left: 1000, top: 500, right: 1600, bottom: 560 });
    assert.equal(pieces.length, 2);
    assert.ok(pieces[0].left <= 1010 && pieces[0].right >= 1174 && pieces[0].right < 1300);
    assert.ok(pieces[1].left > 1174 && pieces[1].left <= 1300);
    assert.deepEqual([pieces[0].top, pieces[0].bottom], [500, 560]);
  });

  it('give words boxes shrunk to their ink within the line’s own band (not the neighbour’s descenders); a dash keeps the band', () => {
    const line = paper(300, 80);
    ink(line, { left: 20, top: 0, right: 40, bottom: 6 }); // the line above's descender, cut off by blank rows
    glyph(line, 10, 25, 30);
    glyph(line, 200, 30, 20); // a smaller word, lower in the band
    ink(line, { left: 120, top: 38, right: 140, bottom: 41 }); // a dash in the same line
    ink(line, { left: 0, top: 45, right: 300, bottom: 47 }); // a rule through the box
    const boxes = tightBoxes(line, { left: 0, top: 100, right: 300, bottom: 180 }, [
      { left: 0, top: 100, right: 60, bottom: 180 },
      { left: 100, top: 100, right: 160, bottom: 180 },
      { left: 190, top: 100, right: 240, bottom: 180 },
    ]);
    assert.deepEqual(boxes[0], { left: 10, top: 125, right: 28, bottom: 155 });
    assert.deepEqual(boxes[1], { left: 120, top: 125, right: 140, bottom: 155 }, 'the dash keeps the line’s height');
    assert.deepEqual(boxes[2], { left: 200, top: 130, right: 212, bottom: 150 });
  });
});

describe('a block of lines (a cell holding several)', () => {
  it('parts into its lines by its blank rows, each trimmed to its ink', () => {
    const block = paper(300, 140);
    for (const left of [20, 50, 80]) glyph(block, left, 20, 30);
    for (const left of [20, 50]) glyph(block, left, 80, 30);
    const lines = linesOfBlock(block, 30 / 1.4);
    assert.equal(lines!.length, 2);
    assert.ok(lines![0].bottom <= 80 && lines![1].top >= 50);
    assert.ok(lines![0].left <= 20 && lines![0].right >= 98 && lines![0].right < 140);
    assert.ok(lines![1].right < lines![0].right);
  });

  it('is left to the detector when its lines touch (a band far taller than the text), and is empty when blank', () => {
    const block = paper(300, 140);
    for (const left of [20, 50, 80]) glyph(block, left, 20, 30);
    for (const left of [20, 50]) glyph(block, left, 48, 30); // touching the line above
    assert.equal(linesOfBlock(block, 30 / 1.4), null);
    assert.deepEqual(linesOfBlock(paper(50, 50), undefined), []);
  });
});

describe('specks read as punctuation', () => {
  it('are a dot or a comma-sized blot well below the line’s height, not a hyphen and not a letter', () => {
    const line = paper(300, 60);
    glyph(line, 10, 10, 40);
    ink(line, { left: 100, top: 44, right: 105, bottom: 50 }); // a dot
    ink(line, { left: 150, top: 28, right: 163, bottom: 32 }); // a hyphen
    ink(line, { left: 200, top: 44, right: 205, bottom: 50 }); // the same dot, read as a letter
    const lineBox = { left: 0, top: 0, right: 300, bottom: 60 };
    assert.ok(isSpeck('.', line, lineBox, { left: 95, top: 0, right: 110, bottom: 60 }));
    assert.ok(!isSpeck('-', line, lineBox, { left: 145, top: 0, right: 170, bottom: 60 }));
    assert.ok(!isSpeck('i', line, lineBox, { left: 195, top: 0, right: 210, bottom: 60 }));
  });
});

describe('lone dashes on a page the detector read', () => {
  const word = (left: number, top: number): Word => ({ text: 'w', confidence: 95, box: { left, top, right: left + 60, bottom: top + 40 } });

  it('are found in a row of words; a dashed line (a run of bars) and a bar off every row are not', () => {
    const page = paper(1000, 400);
    const words = [word(100, 50), word(300, 50), word(100, 150), word(300, 150), word(500, 150)];
    for (const w of words) glyph(page, w.box.left, w.box.top, 40);
    ink(page, { left: 520, top: 68, right: 540, bottom: 72 }); // '-' in the first row's third column
    for (let left = 100; left < 400; left += 30) ink(page, { left, top: 300, right: 120, bottom: 304 }); // a dashed line
    ink(page, { left: 700, top: 240, right: 720, bottom: 244 }); // a bar between rows
    const dashes = findLoneDashes(page, words, 90);
    assert.equal(dashes.length, 1);
    assert.equal(dashes[0].text, '-');
    assert.equal(dashes[0].confidence, 90);
    assert.deepEqual([dashes[0].box.left, dashes[0].box.right], [520, 540]);
    assert.equal(dashes[0].box.bottom - dashes[0].box.top, 40, 'as tall as the row’s words');
  });
});
