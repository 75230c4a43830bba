// A scan with a text layer (from some earlier OCR) is read from that layer only if the layer
// matches the image: its words lie on ink, and a sample of them OCRs to the same text.
import { otsuThreshold } from '../image/otsu-threshold.js';
import type { PageImage, PixelBox, Word } from '../types.js';
import { cutOcrImage, toneOfThreshold } from './prepare-ocr-image.js';
import type { OcrEngine } from './ocr-engine.js';

export interface TextLayerCheck {
  matches: boolean;
  reason: string;
}

// A word box with less ink than this share of its area lies on blank paper.
const MIN_WORD_INK_RATIO = 0.03;
// At least this share of the words must lie on ink.
const MIN_WORDS_ON_INK_RATIO = 0.6;
// Words OCR'd to compare with the text layer, and how alike they must be (1 - normalised edit distance).
const SAMPLE_WORDS = 6;
const MIN_SIMILARITY = 0.6;
// Tesseract's single-line mode, for one word.
const SINGLE_LINE_PSM = 7;

function inkRatio(image: PageImage, box: PixelBox, inkMaxGray: number): number {
  const left = Math.max(0, Math.floor(box.left));
  const top = Math.max(0, Math.floor(box.top));
  const right = Math.min(image.width, Math.ceil(box.right));
  const bottom = Math.min(image.height, Math.ceil(box.bottom));
  if (right <= left || bottom <= top) return 0;
  let ink = 0;
  for (let y = top; y < bottom; y++) {
    const row = y * image.width;
    for (let x = left; x < right; x++) if (image.gray[row + x] <= inkMaxGray) ink++;
  }
  return ink / ((right - left) * (bottom - top));
}

const comparable = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[b.length] / longest;
}

/** Checks the text layer's words against the rendered page. */
export async function checkTextLayerAgainstImage(image: PageImage, words: Word[], engine: OcrEngine): Promise<TextLayerCheck> {
  const inkMaxGray = otsuThreshold(image.gray);
  const onInk = words.filter((word) => inkRatio(image, word.box, inkMaxGray) >= MIN_WORD_INK_RATIO).length;
  if (onInk < MIN_WORDS_ON_INK_RATIO * words.length) {
    return { matches: false, reason: `its text layer does not match the page image (${onInk} of ${words.length} words lie on ink)` };
  }
  // The longest words, spread over the page: short words compare poorly.
  const sample = words
    .filter((word) => comparable(word.text).length >= 3)
    .sort((a, b) => comparable(b.text).length - comparable(a.text).length)
    .slice(0, SAMPLE_WORDS);
  if (sample.length === 0) return { matches: true, reason: 'no word long enough to compare' };
  await engine.configure({ pageSegmentationMode: SINGLE_LINE_PSM }, image.dpi);
  let matched = 0;
  for (const word of sample) {
    const pad = Math.round((word.box.bottom - word.box.top) * 0.3);
    const box = {
      left: Math.max(0, Math.floor(word.box.left) - pad),
      top: Math.max(0, Math.floor(word.box.top) - pad),
      right: Math.min(image.width, Math.ceil(word.box.right) + pad),
      bottom: Math.min(image.height, Math.ceil(word.box.bottom) + pad),
    };
    const crop = { offsetLeft: 0, offsetTop: 0, width: image.width, height: image.height, gray: image.gray, dpi: image.dpi };
    const wordImage = cutOcrImage(crop, box, toneOfThreshold(inkMaxGray), 1);
    const read = (await engine.recognize(wordImage.width, wordImage.height, wordImage.gray)).map((w) => w.text).join('');
    if (similarity(comparable(read), comparable(word.text)) >= MIN_SIMILARITY) matched++;
  }
  if (matched * 2 < sample.length) {
    return { matches: false, reason: `its text layer does not match the page image (${matched} of ${sample.length} sampled words OCR alike)` };
  }
  return { matches: true, reason: `${matched} of ${sample.length} sampled words OCR alike` };
}
