// PP-OCR's pre- and post-processing on small made-up inputs: no model needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifierBatch, turnedHalfway, upsideDownProbabilities } from '../../src/ocr/paddle/classify-direction.ts';
import { detectionInput, textBoxesOf } from '../../src/ocr/paddle/detect-text.ts';
import { characterClasses, decodeLine, recognitionBatch, wordConfidence, wordsOfLine, RECOGNITION_HEIGHT } from '../../src/ocr/paddle/recognize-text.ts';

const DETECTION = { maxSidePx: 960, pixelThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5 };

function grayImage(width: number, height: number, level = 255) {
  return { width, height, gray: new Uint8Array(width * height).fill(level) };
}

describe('detector input', () => {
  it('keeps a small image at its size, padded with white to multiples of 32, ImageNet-normalised', () => {
    const image = grayImage(50, 20, 0);
    const input = detectionInput(image, 960);
    assert.deepEqual([input.width, input.height, input.scale], [64, 32, 1]);
    const plane = input.width * input.height;
    // Black pixel, red channel: (0 − 0.485) / 0.229; white padding: (1 − 0.485) / 0.229.
    assert.ok(Math.abs(input.data[0] - -0.485 / 0.229) < 1e-5);
    assert.ok(Math.abs(input.data[63] - 0.515 / 0.229) < 1e-5, 'the padding is white');
    assert.ok(Math.abs(input.data[2 * plane] - -0.406 / 0.225) < 1e-5, 'blue channel');
  });

  it('scales a large image down so its longer side is at most the cap', () => {
    const input = detectionInput(grayImage(3000, 1500), 960);
    assert.equal(input.width, 960);
    assert.equal(input.height, 480);
    assert.ok(Math.abs(input.scale - 0.32) < 1e-9);
  });
});

describe('text boxes from the probability map', () => {
  /** A map with rectangles of probability `p` (detector pixels, right/bottom exclusive). */
  function map(width: number, height: number, rectangles: { left: number; top: number; right: number; bottom: number; p: number }[]) {
    const probabilities = new Float32Array(width * height);
    for (const r of rectangles) for (let y = r.top; y < r.bottom; y++) for (let x = r.left; x < r.right; x++) probabilities[y * width + x] = r.p;
    return probabilities;
  }

  it('finds each region, grows it by area × 1.5 / perimeter, scales it back, in reading order', () => {
    const probabilities = map(100, 60, [
      { left: 60, top: 10, right: 90, bottom: 16, p: 0.9 }, // right of the first line
      { left: 10, top: 11, right: 40, bottom: 17, p: 0.8 }, // left of the first line
      { left: 10, top: 40, right: 50, bottom: 46, p: 0.95 }, // second line
    ]);
    const boxes = textBoxesOf(probabilities, 100, 60, 0.5, { width: 200, height: 120 }, DETECTION);
    assert.equal(boxes.length, 3);
    // 30 × 6 region: grown by 30·6·1.5 / 72 = 3.75 px each side, then ×2 to the image.
    assert.deepEqual(boxes[0].box, { left: Math.floor((10 - 3.75) / 0.5), top: Math.floor((11 - 3.75) / 0.5), right: Math.ceil((40 + 3.75) / 0.5), bottom: Math.ceil((17 + 3.75) / 0.5) });
    assert.equal(boxes[1].box.left, Math.floor((60 - 3.75) / 0.5));
    assert.ok(boxes[2].box.top > boxes[1].box.bottom);
    assert.ok(Math.abs(boxes[0].score - 0.8) < 1e-6);
  });

  it('drops regions below the box threshold, specks and pixels below the pixel threshold', () => {
    const probabilities = map(100, 60, [
      { left: 10, top: 10, right: 40, bottom: 16, p: 0.5 }, // above 0.3 per pixel, below 0.6 as a box
      { left: 50, top: 10, right: 52, bottom: 30, p: 0.9 }, // 2 px wide: a speck
      { left: 10, top: 40, right: 40, bottom: 46, p: 0.25 }, // below the pixel threshold
    ]);
    assert.deepEqual(textBoxesOf(probabilities, 100, 60, 1, { width: 100, height: 60 }, DETECTION), []);
  });

  it('keeps boxes inside the image', () => {
    const probabilities = map(40, 20, [{ left: 0, top: 0, right: 40, bottom: 8, p: 0.9 }]);
    const [text] = textBoxesOf(probabilities, 40, 20, 1, { width: 38, height: 20 }, DETECTION);
    assert.deepEqual([text.box.left, text.box.top, text.box.right], [0, 0, 38]);
  });
});

describe('recognizer input and CTC decoding', () => {
  it('scales lines to 48 px high, pads them to the widest on the right with 0, normalises to −1…1', () => {
    const batch = recognitionBatch([grayImage(100, 24, 0), grayImage(30, 48, 255)], 10);
    assert.equal(batch.count, 2);
    assert.equal(batch.width, 200);
    assert.deepEqual(batch.lines.map((line) => line.width), [200, 30]);
    const plane = RECOGNITION_HEIGHT * batch.width;
    assert.equal(batch.data[0], -1, 'black');
    assert.equal(batch.data[3 * plane], 1, 'white, second line');
    assert.equal(batch.data[3 * plane + 31], 0, 'padding');
    assert.equal(recognitionBatch([grayImage(10, 48)], 320).width, 320, 'at least the minimum width');
  });

  it('reads the dictionary as blank, its lines, then a space (a trailing newline is no character)', () => {
    assert.deepEqual(characterClasses("a\nb\n'\n"), ['', 'a', 'b', "'", ' ']);
    assert.deepEqual(characterClasses('a\r\nb'), ['', 'a', 'b', ' ']);
  });

  it('merges repeats, drops blanks, keeps a doubled letter split by a blank, with each character’s surest step', () => {
    const classes = ['', 'a', 'b', ' '];
    // Steps: a a _ a b b _ ' ' b
    const best = [[1, 0.6], [1, 0.9], [0, 0.99], [1, 0.8], [2, 0.7], [2, 0.75], [0, 0.9], [3, 0.95], [2, 0.5]];
    const output = new Float32Array(best.length * classes.length);
    best.forEach(([k, p], step) => {
      for (let c = 0; c < classes.length; c++) output[step * classes.length + c] = c === k ? p : (1 - p) / 3;
    });
    const decoded = decodeLine(output, 0, best.length, classes);
    assert.equal(decoded.map((c) => c.text).join(''), 'aab b');
    assert.deepEqual(decoded.map((c) => c.step), [0, 3, 4, 7, 8]);
    // A character's probability is its margin over the runner-up: here the others share 1 − p.
    assert.ok(Math.abs(decoded[0].probability - (0.9 - 0.1 / 3)) < 1e-6);
    assert.ok(Math.abs(decoded[2].probability - (0.75 - 0.25 / 3)) < 1e-6);
  });

  it('measures a character against a runner-up that reads differently: a close ‘,’ makes a ‘.’ doubtful, a full-width twin does not', () => {
    const classes = ['', '.', ',', '0', '０'];
    const output = Float32Array.from([
      0, 0.7, 0.28, 0.01, 0.01, // '.' with ',' close behind
      0, 0.01, 0.01, 0.6, 0.38, // '0' with its full-width form behind
    ]);
    const decoded = decodeLine(output, 0, 2, classes);
    assert.deepEqual(decoded.map((c) => c.text), ['.', '0']);
    assert.ok(Math.abs(decoded[0].probability - 0.42) < 1e-6);
    assert.ok(Math.abs(decoded[1].probability - 0.59) < 1e-6);
  });

  it('splits a line into words at spaces, each spanning its characters’ steps, with a confidence ruled by its least sure character', () => {
    const characters = [
      { text: 'T', probability: 0.99, step: 2 },
      { text: 'o', probability: 0.98, step: 4 },
      { text: ' ', probability: 0.9, step: 6 },
      { text: '1', probability: 0.5, step: 9 },
      { text: '2', probability: 0.99, step: 11 },
    ];
    // 8 input px a step, input 2× the source: 4 source px a step, line cut at x = 100.
    const words = wordsOfLine(characters, { left: 100, top: 10, right: 200, bottom: 30 }, 8, 2);
    assert.deepEqual(words.map((word) => word.text), ['To', '12']);
    assert.deepEqual(words[0].box, { left: 106, top: 10, right: 122, bottom: 30 });
    assert.deepEqual(words[1].box, { left: 134, top: 10, right: 150, bottom: 30 });
    assert.ok(words[0].confidence >= 98);
    assert.equal(words[1].confidence, wordConfidence([0.5, 0.99]));
    assert.ok(words[1].confidence < 60, 'one doubtful digit makes the number doubtful');
  });
});

describe('direction classifier input', () => {
  it('fits lines into 48 × 192, padded with 0; reads the second class as upside down', () => {
    const { data, dims } = classifierBatch([grayImage(400, 50, 0)]);
    assert.deepEqual(dims, [1, 3, 48, 192]);
    assert.equal(data[0], -1);
    assert.equal(data[191], -1, 'a wide line fills the width');
    assert.equal(data[46 * 192], 0, 'and is padded below');
    assert.deepEqual(upsideDownProbabilities(Float32Array.from([0.75, 0.25, 0.5, 0.5]), 2), [0.25, 0.5]);
    const image = { width: 2, height: 1, gray: Uint8Array.from([0, 255]) };
    assert.deepEqual([...turnedHalfway(image).gray], [255, 0]);
  });
});
