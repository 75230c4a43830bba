// Whole-page OCR, for finding tables without rulings on a scan: every word with its box.
import { LETTER_OR_DIGIT } from '../text/scripts.js';
import { flattenBackground } from '../image/flatten-background.js';
import { otsuThreshold } from '../image/otsu-threshold.js';
import { boxAround } from '../measure.js';
import type { PageImage, PixelBox, Ruling, Word } from '../types.js';
import { chooseOcrScale, cutOcrImage, type OcrImage, inkThresholdOf, measureTone, medianGlyphHeightPx, toneOfThreshold, wordsToSource } from './prepare-ocr-image.js';
import { eraseWords, findLoneDashes, typicalWordHeight } from './lone-dashes.js';
import { DASH_CONFIDENCE } from './paddle/line-ink.js';
import { SINGLE_LINE_PSM, type OcrEngine } from './ocr-engine.js';

// Automatic page segmentation: on the corpus scans it kept single-digit cells that sparse-text
// mode (11) dropped (invoice 1.00 vs 0.88 cell_exact, us-003 0.95 vs 0.79).
const PAGE_PSM = 3;
// Pixels whitened around a ruling beyond its own thickness (anti-aliasing, scan blur).
const RULING_ERASE_MARGIN_PX = 2;

/** A copy of the page with the ruling pixels whitened (rules read as '_' or '—' otherwise). */
function withoutRulings(image: PageImage, rulings: Ruling[]): Uint8Array {
  const gray = image.gray.slice();
  for (const ruling of rulings) {
    const half = Math.ceil(ruling.thickness / 2) + RULING_ERASE_MARGIN_PX;
    const across0 = Math.max(0, Math.floor(ruling.position - half));
    const along0 = Math.max(0, Math.floor(ruling.start));
    if (ruling.orientation === 'horizontal') {
      const across1 = Math.min(image.height, Math.ceil(ruling.position + half) + 1);
      const along1 = Math.min(image.width, Math.ceil(ruling.end));
      for (let y = across0; y < across1; y++) gray.fill(255, y * image.width + along0, y * image.width + along1);
    } else {
      const across1 = Math.min(image.width, Math.ceil(ruling.position + half) + 1);
      const along1 = Math.min(image.height, Math.ceil(ruling.end));
      for (let y = along0; y < along1; y++) gray.fill(255, y * image.width + across0, y * image.width + across1);
    }
  }
  return gray;
}

// Text, rules and fills cover well under this share of a page under one Otsu threshold (measured:
// 2–12 % on the corpus pages, 29 % on a phone photo with a shadowed corner, which one tone still
// reads); a vignetted render measured 43 % and a page half in a photo's shadow 49 %, the darker
// paper counted as ink.
const MAX_TEXT_INK_SHARE = 0.35;

/** Pixels at or below `inkMaxGray`. */
function countInk(gray: Uint8Array, inkMaxGray: number): number {
  let ink = 0;
  for (let i = 0; i < gray.length; i++) if (gray[i] <= inkMaxGray) ink++;
  return ink;
}

/** The page as the page pass read it (rulings erased, light evened), for reading words again. */
export interface PagePassImage {
  width: number;
  height: number;
  gray: Uint8Array;
  dpi: number;
  offsetLeft: number;
  offsetTop: number;
  /** Median glyph height of the page's text, in its pixels. */
  glyphHeightPx: number;
}

/**
 * OCRs the whole page (rulings erased); words in page pixels, with their confidence. With
 * `standInRunningText`, an engine that tells running text apart (PP-OCR) leaves its lines unread:
 * their words stand in with Word.unreadLine set (readUnreadLines reads them).
 */
export async function readPageWords(engine: OcrEngine, image: PageImage, rulings: Ruling[], standInRunningText = false): Promise<{ words: Word[]; page: PagePassImage }> {
  const erased = { width: image.width, height: image.height, gray: withoutRulings(image, rulings) };
  // Under uneven light the page's one tone (below) turns the darker side's paper black: a
  // vignetted page render lost its whole left half. Such a page has its paper made evenly white
  // first. Only such a page: on a photo whose one tone still works, flattening read worse.
  const evenLight = countInk(erased.gray, otsuThreshold(erased.gray)) <= MAX_TEXT_INK_SHARE * erased.gray.length;
  const gray = evenLight ? erased.gray : flattenBackground(erased, image.dpi);
  const page = { offsetLeft: 0, offsetTop: 0, width: image.width, height: image.height, gray, dpi: image.dpi };
  const inkMaxGray = inkThresholdOf(page);
  const glyphHeightPx = medianGlyphHeightPx(page.gray, page.width, page.height, inkMaxGray);
  // Not at a lower size, though it would cost less (text at 30 px: 0.62× the pixels): the words
  // it reads decide which tables are found, and 30 or 26 px lost 2 of 53 synth or 2 of 66 real
  // tables (and found others), measured. Read at the rendering's size (never enlarged, as native
  // Tesseract reads a page), 4 of 53 synth tables were lost (two booktabs, two shaded).
  // PP-OCR scales each line to its recognizer's height itself; enlarging the page would only cost.
  const scale = engine.kind === 'paddle' ? 1 : chooseOcrScale(glyphHeightPx);
  const whole = { left: 0, top: 0, right: page.width, bottom: page.height };
  // The page in gray, its tone stretched: one global threshold loses gray text, zebra bands and
  // unevenly lit parts of a photo, which Tesseract's own thresholding keeps (16 scanned tables
  // without full rulings: cell_exact 0.625 → 0.688).
  const tone = measureTone(page, whole) ?? toneOfThreshold(inkMaxGray);
  const ocrImage = cutOcrImage(page, whole, tone, scale, 'gray');
  await engine.configure({ pageSegmentationMode: PAGE_PSM }, image.dpi * scale);
  const [words] = await engine.recognizeEach([{ width: ocrImage.width, height: ocrImage.height, gray: ocrImage.gray, pageSegmentationMode: PAGE_PSM, standInRunningText }]);
  // Tesseract's automatic segmentation leaves whole columns out; PP-OCR's detector finds every
  // line but a dash standing alone.
  const missed = engine.kind !== 'paddle' ? await readMissedInk(engine, ocrImage, words) : findLoneDashes(ocrImage, words, DASH_CONFIDENCE);
  return { words: wordsToSource([...words, ...missed], ocrImage), page: { ...page, glyphHeightPx } };
}

/**
 * The page pass's words with those standing in for unread running text replaced by what their
 * lines read, each line from its own crop of the page pass's image.
 */
export async function readUnreadLines(engine: OcrEngine, page: PagePassImage, words: Word[]): Promise<Word[]> {
  const unread = new Map<number, PixelBox>();
  for (const word of words) {
    if (word.unreadLine === undefined) continue;
    const line = unread.get(word.unreadLine);
    unread.set(word.unreadLine, line ? boxAround([line, word.box]) : word.box);
  }
  if (unread.size === 0) return words;
  const images = [...unread.values()].flatMap((line) => {
    const box = rereadBox(line, page);
    const tone = measureTone(page, box);
    return tone ? [cutOcrImage(page, box, tone, 1, 'gray')] : [];
  });
  const read = await engine.recognizeEach(images.map((image) => ({ ...image, pageSegmentationMode: SINGLE_LINE_PSM })));
  return [...words.filter((word) => word.unreadLine === undefined), ...read.flatMap((lineWords, k) => wordsToSource(lineWords, images[k]))];
}

// A re-read crop reaches this share of the word's height beyond its box (the page pass's boxes
// are tight on the ink: accents, descenders and anti-aliased edges lie outside).
const REREAD_PAD_Y_RATIO = 0.3;
const REREAD_PAD_X_RATIO = 0.15;
const REREAD_PSM = 7;
// Words of a found table read less sure than this are read again. Measured at 80: cell_exact
// corpus 0.985 → 0.988, corpus-synth 0.865 → 0.870, corpus-real 0.658 → 0.660, no table lost,
// 0.08–0.36 s a page.
const REREAD_BELOW_CONFIDENCE = 80;

/** The crop a word or line of the page pass is read again from: its box with a margin (see REREAD_PAD_*). */
function rereadBox(box: PixelBox, page: PagePassImage): PixelBox {
  const height = box.bottom - box.top;
  return {
    left: Math.max(0, Math.floor(box.left - REREAD_PAD_X_RATIO * height)),
    top: Math.max(0, Math.floor(box.top - REREAD_PAD_Y_RATIO * height)),
    right: Math.min(page.width, Math.ceil(box.right + REREAD_PAD_X_RATIO * height)),
    bottom: Math.min(page.height, Math.ceil(box.bottom + REREAD_PAD_Y_RATIO * height)),
  };
}

/**
 * Reads the words the page pass was unsure of again, each from its own crop with the text at the
 * size Tesseract reads best; a reading that is surer replaces the word.
 */
export async function rereadUnsureWords(engine: OcrEngine, page: PagePassImage, words: Word[]): Promise<Word[]> {
  // PP-OCR read each word from its own line crop already: reading the same pixels again gains nothing.
  if (engine.kind === 'paddle') return words;
  const unsure = words.filter((word) => word.confidence < REREAD_BELOW_CONFIDENCE);
  if (unsure.length === 0) return words;
  const scale = chooseOcrScale(page.glyphHeightPx);
  await engine.configure({ pageSegmentationMode: REREAD_PSM }, page.dpi * scale);
  const replaced = new Map<Word, Word[]>();
  for (const word of unsure) {
    const box = rereadBox(word.box, page);
    if (box.right - box.left < 2 || box.bottom - box.top < 2) continue;
    const tone = measureTone(page, box);
    if (!tone) continue;
    const image = cutOcrImage(page, box, tone, scale, 'gray');
    const again = wordsToSource(await engine.recognize(image.width, image.height, image.gray), image);
    if (again.length === 0) continue;
    // The new reading stands only when even its least sure word is surer than the old one.
    if (Math.min(...again.map((reading) => reading.confidence)) > word.confidence) replaced.set(word, again);
  }
  return words.flatMap((word) => replaced.get(word) ?? [word]);
}

// Automatic segmentation leaves out text it takes for a separate column or a picture: whole
// columns of a borderless statement (notes numbers, a year's figures) came back empty. What it
// left out is read again in sparse-text mode, on the page with the words it did read erased.
const SPARSE_PSM = 11;
// This dark or darker is ink in the (stretched) OCR image.
const INK_MAX_GRAY = 127;
// The second pass runs when this share of the page's ink is outside the words read.
const MIN_MISSED_INK_SHARE = 0.03;
// Sparse mode turns leftover specks and picture edges into short junk ('|', 'i:'); a word it adds
// must be this sure and about the size of the page's text.
const MIN_MISSED_WORD_CONFIDENCE = 60;
const MISSED_WORD_HEIGHT_RANGE = [0.6, 1.8] as const;

// Missed ink counts only where it looks like text: blocks half a glyph tall holding this share
// of ink (strokes fill a fifth to a half of such a block, and white text on a dark fill leaves as
// much paper; scanner specks fill less, a solid fill or a dark page edge all of it), in runs of at
// least two side by side (a figure of two digits spans two). Noise and a dark page edge made a
// noisy page read all over again in sparse mode: 2.4 s for no word.
const TEXT_BLOCK_INK_SHARE = [0.08, 0.92] as const;
const MIN_TEXT_BLOCK_RUN = 2;

/**
 * The ink of `gray` in text-like blocks (see TEXT_BLOCK_INK_SHARE): how many pixels, and the box
 * around them widened by `margin`, or null when there is none.
 */
function textLikeInk(gray: Uint8Array, width: number, height: number, glyphHeightPx: number, margin: number) {
  const block = Math.max(4, Math.round(glyphHeightPx / 2));
  const columns = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const inkOf = new Uint32Array(columns * rows);
  for (let y = 0; y < height; y++) {
    const rowBase = Math.floor(y / block) * columns;
    for (let x = 0, i = y * width; x < width; x++, i++) if (gray[i] <= INK_MAX_GRAY) inkOf[rowBase + Math.floor(x / block)]++;
  }
  const area = block * block;
  const textLike = (index: number) => inkOf[index] >= TEXT_BLOCK_INK_SHARE[0] * area && inkOf[index] <= TEXT_BLOCK_INK_SHARE[1] * area;
  let ink = 0;
  let left = columns;
  let right = -1;
  let top = rows;
  let bottom = -1;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; ) {
      if (!textLike(row * columns + column)) {
        column++;
        continue;
      }
      let end = column;
      while (end < columns && textLike(row * columns + end)) end++;
      if (end - column >= MIN_TEXT_BLOCK_RUN) {
        for (let k = column; k < end; k++) ink += inkOf[row * columns + k];
        left = Math.min(left, column);
        right = Math.max(right, end);
        top = Math.min(top, row);
        bottom = Math.max(bottom, row + 1);
      }
      column = end;
    }
  }
  if (right < 0) return { ink: 0, box: null };
  // Not widened by a block more: the sparse pass then read a Chinese table's header differently
  // (two of its lines as one row), measured.
  const box = {
    left: Math.max(0, left * block - margin),
    top: Math.max(0, top * block - margin),
    right: Math.min(width, right * block + margin),
    bottom: Math.min(height, bottom * block + margin),
  };
  return { ink, box };
}

/** Words in the ink the first pass did not read, in the OCR image's pixels. */
async function readMissedInk(engine: OcrEngine, image: OcrImage, words: Word[]): Promise<Word[]> {
  if (words.length === 0) return [];
  const rest = eraseWords(image, words);
  const typical = typicalWordHeight(words);
  const missedText = textLikeInk(rest, image.width, image.height, typical, image.marginPx);
  if (!missedText.box || missedText.ink < MIN_MISSED_INK_SHARE * countInk(image.gray, INK_MAX_GRAY)) return [];
  // Only the box around the missed ink is read: sparse mode sees no erased page around it (time
  // measured the same; one statement read a little better).
  const box = missedText.box;
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const cut = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) cut.set(rest.subarray((box.top + y) * image.width + box.left, (box.top + y) * image.width + box.right), y * width);
  await engine.setPageSegmentationMode(SPARSE_PSM);
  const found = (await engine.recognize(width, height, cut)).map((word) => ({
    ...word,
    box: { left: word.box.left + box.left, top: word.box.top + box.top, right: word.box.right + box.left, bottom: word.box.bottom + box.top },
  }));
  return found.filter((word) => {
    const height = word.box.bottom - word.box.top;
    return word.confidence >= MIN_MISSED_WORD_CONFIDENCE && LETTER_OR_DIGIT.test(word.text)
      && height >= MISSED_WORD_HEIGHT_RANGE[0] * typical && height <= MISSED_WORD_HEIGHT_RANGE[1] * typical;
  });
}
