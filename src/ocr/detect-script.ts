// `--lang auto`: whether a scanned page is written in Chinese (or another CJK script), from the
// page itself. A few of its text lines are read with the Latin model; a page it reads surely is
// Latin. Otherwise the CJK model reads the same lines, and the page is CJK when they come out
// mostly Han. So a Latin page costs a few line reads, and the CJK model is loaded only for pages
// the Latin one cannot read.
import type { PageImage, PixelBox, Word } from '../types.js';
import { cropGray } from '../image/crop-gray.js';
import { otsuThreshold } from '../image/otsu-threshold.js';
import { chooseOcrScale, cutOcrImage, measureTone, medianGlyphHeightPx, type OcrImage } from './prepare-ocr-image.js';
import type { WithEngine } from './ocr-engine.js';
import { CJK_CHARACTER } from '../text/scripts.js';

/** Text lines are ~6–36 pt tall: thinner bands are rules or specks, taller ones figures or blocks. */
const MIN_LINE_INCHES = 0.07;
const MAX_LINE_INCHES = 0.5;
/** A pixel row darker than this share of the page width is a ruling, not text. */
const MAX_ROW_INK_RATIO = 0.5;
/** Lines sampled, and the longest stretch of each that is read (a table row can span the page). */
const SAMPLE_LINES = 4;
const MAX_SAMPLE_INCHES = 3;
/** Single-line mode. */
const LINE_PSM = 7;
/** The Latin model reads Latin print at 80–95; on Han it guesses at 30–65. */
const SURE_LATIN_CONFIDENCE = 72;
/** Letters read surely enough to stop sampling. */
const SETTLING_LETTERS = 20;
/** Share of the CJK model's letters that must be Han (or kana, hangul) to call the page CJK. */
const MIN_CJK_SHARE = 0.3;

export interface ScriptVerdict {
  cjk: boolean;
  reason: string;
}

/** Bands of pixel rows with text-like ink, as tall as text lines, the most inked first. */
function sampleLineBoxes(image: PageImage): PixelBox[] {
  const { width, height, gray, dpi } = image;
  const threshold = otsuThreshold(gray);
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = 0, o = y * width; x < width; x++) if (gray[o + x] <= threshold) ink++;
    rowInk[y] = ink > MAX_ROW_INK_RATIO * width ? 0 : ink;
  }
  const minInk = Math.max(2, Math.round(width * 0.002));
  const bands: { top: number; bottom: number; ink: number }[] = [];
  for (let y = 0; y < height; y++) {
    if (rowInk[y] < minInk) continue;
    const top = y;
    let ink = 0;
    while (y < height && rowInk[y] >= minInk) ink += rowInk[y++];
    const tall = (y - top) / dpi;
    if (tall >= MIN_LINE_INCHES && tall <= MAX_LINE_INCHES) bands.push({ top, bottom: y, ink });
  }
  return bands
    .sort((a, b) => b.ink - a.ink)
    .slice(0, SAMPLE_LINES)
    .map((band) => {
      // The band's inked stretch, at most MAX_SAMPLE_INCHES of it from its first ink.
      let left = width;
      let right = 0;
      for (let y = band.top; y < band.bottom; y++) {
        for (let x = 0, o = y * width; x < width; x++) {
          if (gray[o + x] > threshold) continue;
          if (x < left) left = x;
          if (x > right) right = x;
        }
      }
      const pad = Math.round(0.02 * dpi);
      return {
        left: Math.max(0, left - pad),
        top: Math.max(0, band.top - pad),
        right: Math.min(width, Math.min(right + 1, left + MAX_SAMPLE_INCHES * dpi) + pad),
        bottom: Math.min(height, band.bottom + pad),
      };
    })
    .filter((box) => box.right - box.left > box.bottom - box.top);
}

function lineImages(image: PageImage): OcrImage[] {
  const crop = { offsetLeft: 0, offsetTop: 0, width: image.width, height: image.height, gray: image.gray, dpi: image.dpi };
  const images: OcrImage[] = [];
  for (const box of sampleLineBoxes(image)) {
    const tone = measureTone(crop, box);
    if (!tone) continue;
    const part = cropGray(image, box);
    const scale = chooseOcrScale(medianGlyphHeightPx(part.gray, part.width, part.height, (tone.paper + tone.ink) / 2));
    images.push(cutOcrImage(crop, box, tone, scale, 'gray'));
  }
  return images;
}

/** Reads the line images in turn until `enough` says the words so far settle the question. */
async function readLines(images: OcrImage[], dpi: number, withEngine: WithEngine, enough: (words: Word[]) => boolean = () => false): Promise<Word[]> {
  return withEngine(async (engine) => {
    const read: Word[] = [];
    for (const image of images) {
      await engine.configure({ pageSegmentationMode: LINE_PSM }, dpi * image.scale);
      read.push(...(await engine.recognize(image.width, image.height, image.gray)));
      if (enough(read)) break;
    }
    return read;
  });
}

/** Letters read and their confidence, weighted by word length. */
function latinReading(words: Word[]): { letters: number; confidence: number } {
  const letters = words.reduce((sum, word) => sum + word.text.length, 0);
  const confidence = letters === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / letters;
  return { letters, confidence };
}

/** How the Latin model reads a few of the page's lines: surely (a Latin page), or not (another script, or no text). */
async function sampleWithLatin(images: OcrImage[], dpi: number, latin: WithEngine): Promise<{ sure: boolean; confidence: number }> {
  // Most pages are settled by their first line or two: stop once enough letters read surely.
  const settled = (words: Word[]) => {
    const reading = latinReading(words);
    return reading.letters >= SETTLING_LETTERS && reading.confidence >= SURE_LATIN_CONFIDENCE;
  };
  const { letters, confidence } = latinReading(await readLines(images, dpi, latin, settled));
  return { sure: letters > 0 && confidence >= SURE_LATIN_CONFIDENCE, confidence };
}

/**
 * `--lang auto` without CJK data: whether the Latin model reads the page surely. A page it does
 * not is likely in a script it lacks (Chinese): read with it anyway, that is worth a warning.
 */
export async function readsAsLatin(image: PageImage, latin: WithEngine): Promise<{ latin: boolean; reason: string }> {
  const images = lineImages(image);
  if (images.length === 0) return { latin: true, reason: 'no text line to sample' };
  const { sure, confidence } = await sampleWithLatin(images, image.dpi, latin);
  return { latin: sure, reason: `the Latin model reads it at ${Math.round(confidence)}%` };
}

/** Whether the page's text is CJK: `latin` and `cjk` run work with an engine of each script. */
export async function detectCjkPage(image: PageImage, latin: WithEngine, cjk: WithEngine): Promise<ScriptVerdict> {
  const images = lineImages(image);
  if (images.length === 0) return { cjk: false, reason: 'no text line to sample' };
  const { sure, confidence } = await sampleWithLatin(images, image.dpi, latin);
  if (sure) return { cjk: false, reason: `the Latin model reads it at ${Math.round(confidence)}%` };
  const cjkText = (await readLines(images, image.dpi, cjk)).map((word) => word.text).join('');
  const visible = [...cjkText.replace(/\s/g, '')];
  const share = visible.length === 0 ? 0 : visible.filter((char) => CJK_CHARACTER.test(char)).length / visible.length;
  return share >= MIN_CJK_SHARE
    ? { cjk: true, reason: `${Math.round(share * 100)}% of a sample reads as CJK` }
    : { cjk: false, reason: `only ${Math.round(share * 100)}% of a sample reads as CJK` };
}
