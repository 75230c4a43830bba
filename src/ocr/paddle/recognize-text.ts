// PP-OCR's text recognizer (CTC), the parts around the model: line images scaled to its input
// height and normalised into one batch tensor, and its per-step character probabilities decoded
// into words with boxes and confidences.
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import { scaleGrayBilinear } from '../../image/scale-gray.js';
import type { PixelBox, Word } from '../../types.js';

/** The recognizer's input height (PP-OCRv4: 3 × 48 × W). */
export const RECOGNITION_HEIGHT = 48;

export interface RecognitionBatch {
  /** NCHW float32: each line scaled to 48 px high, normalised to −1…1, padded on the right with 0. */
  data: Float32Array;
  count: number;
  width: number;
  /** Per line: its scaled width (px) and its scale (input px per line px). */
  lines: { width: number; scale: number }[];
}

/**
 * Lines scaled to the recognizer's height (aspect kept) in one tensor, as wide as the widest and
 * at least `minWidth` (PaddleOCR pads its batches to 320, the width the model was trained at).
 */
export function recognitionBatch(images: GrayBitmap[], minWidth: number): RecognitionBatch {
  const scaled = images.map((image) => {
    const scale = RECOGNITION_HEIGHT / image.height;
    const line = scaleGrayBilinear(image, { left: 0, top: 0, right: image.width, bottom: image.height }, scale, 0);
    return { line, scale: line.width / image.width };
  });
  const width = Math.max(minWidth, ...scaled.map(({ line }) => line.width));
  const plane = RECOGNITION_HEIGHT * width;
  const data = new Float32Array(images.length * 3 * plane);
  scaled.forEach(({ line }, index) => {
    const base = index * 3 * plane;
    for (let y = 0; y < line.height; y++) {
      for (let x = 0; x < line.width; x++) {
        const value = line.gray[y * line.width + x] / 127.5 - 1;
        const at = base + y * width + x;
        data[at] = value;
        data[at + plane] = value;
        data[at + 2 * plane] = value;
      }
    }
  });
  return { data, count: images.length, width, lines: scaled.map(({ line, scale }) => ({ width: line.width, scale })) };
}

/** The recognizer's characters by class: 0 is CTC's blank, then the dictionary's lines, then a space. */
export function characterClasses(dictionaryText: string): string[] {
  const lines = dictionaryText.split(/\r?\n/);
  // The file ends with a newline: the empty string after it is not a character.
  if (lines.at(-1) === '') lines.pop();
  return ['', ...lines, ' '];
}

/** One character the recognizer read: its text, probability (0–1) and the step (column of 8 input px) it peaked at. */
export interface DecodedCharacter {
  text: string;
  probability: number;
  step: number;
}

/**
 * Greedy CTC decoding of line `index` of an output of `steps` × `classes` probabilities per line:
 * the best class at each step, repeats merged, blanks dropped. A character's probability is its
 * margin over the runner-up character (one that reads differently: '0' over 'O' counts, '0' over
 * the full-width '０' does not): PP-OCR gives a ',' it takes for a '.' a fair probability on a
 * blurred scan ('987,000' read as 987.000 at 0.72, with ',' at 0.25), and the margin shows the doubt.
 */
export function decodeLine(output: Float32Array, index: number, steps: number, classes: string[]): DecodedCharacter[] {
  const keys = readingKeysOf(classes);
  const decoded: DecodedCharacter[] = [];
  const classCount = classes.length;
  let previous = -1;
  for (let step = 0; step < steps; step++) {
    const base = (index * steps + step) * classCount;
    let best = 0;
    let bestProbability = output[base];
    for (let k = 1; k < classCount; k++) {
      if (output[base + k] > bestProbability) {
        best = k;
        bestProbability = output[base + k];
      }
    }
    if (best === 0) {
      previous = best;
      continue;
    }
    let runnerUp = 0;
    for (let k = 1; k < classCount; k++) {
      if (output[base + k] > runnerUp && keys[k] !== keys[best]) runnerUp = output[base + k];
    }
    const margin = bestProbability - runnerUp;
    if (best !== previous) decoded.push({ text: classes[best], probability: margin, step });
    // The same character held over several steps: its surest step counts.
    else if (margin > decoded[decoded.length - 1].probability) decoded[decoded.length - 1].probability = margin;
    previous = best;
  }
  return decoded;
}

/** Each class's text as it reads (NFKC), cached per class list. */
const readingKeys = new WeakMap<string[], string[]>();
function readingKeysOf(classes: string[]): string[] {
  let keys = readingKeys.get(classes);
  if (!keys) {
    keys = classes.map((text) => text.normalize('NFKC'));
    readingKeys.set(classes, keys);
  }
  return keys;
}

/**
 * A word's confidence on Tesseract's 0–100 scale from its characters' probabilities (each its
 * margin over the runner-up, see decodeLine): ¾ the least sure one, so one doubtful digit makes
 * the word doubtful (as Tesseract's word confidence does), and ¼ their mean.
 */
export function wordConfidence(probabilities: number[]): number {
  if (probabilities.length === 0) return 0;
  const least = Math.min(...probabilities);
  const mean = probabilities.reduce((sum, probability) => sum + probability, 0) / probabilities.length;
  return Math.round(100 * (0.75 * least + 0.25 * mean));
}

/**
 * The words of a decoded line (split at spaces) in the pixels of the line's source image: `box`
 * is where the line image was cut from, `stepPx` the input pixels per output step, `scale` the
 * input pixels per source pixel. A word spans the steps of its characters, half a step around.
 */
export function wordsOfLine(characters: DecodedCharacter[], box: PixelBox, stepPx: number, scale: number): Word[] {
  const words: Word[] = [];
  let current: DecodedCharacter[] = [];
  const flush = () => {
    if (current.length === 0) return;
    // NFKC, as the text layer's text: full-width digits and punctuation ('１２', '，') as plain ones.
    const text = current.map((character) => character.text).join('').normalize('NFKC');
    const first = current[0].step;
    const last = current[current.length - 1].step;
    const left = Math.max(box.left, Math.floor(box.left + ((first - 0.5) * stepPx) / scale));
    const right = Math.min(box.right, Math.ceil(box.left + ((last + 1.5) * stepPx) / scale));
    words.push({ text, confidence: wordConfidence(current.map((character) => character.probability)), box: { left, top: box.top, right: Math.max(right, left + 1), bottom: box.bottom } });
    current = [];
  };
  for (const character of characters) {
    if (character.text.trim() === '') flush();
    else current.push(character);
  }
  flush();
  return words;
}
