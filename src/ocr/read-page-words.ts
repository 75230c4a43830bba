// Whole-page OCR, for finding tables without rulings on a scan: every word with its box.
import type { PageImage, Ruling, Word } from '../types.js';
import { chooseOcrScale, cutOcrImage, inkThresholdOf, measureTone, medianGlyphHeightPx, toneOfThreshold, wordsToSource } from './prepare-ocr-image.js';
import type { TesseractEngine } from './tesseract-engine.js';

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

/** OCRs the whole page (rulings erased); words in page pixels, with their confidence. */
export async function readPageWords(engine: TesseractEngine, image: PageImage, rulings: Ruling[]): Promise<Word[]> {
  const page = { offsetLeft: 0, offsetTop: 0, width: image.width, height: image.height, gray: withoutRulings(image, rulings), dpi: image.dpi };
  const inkMaxGray = inkThresholdOf(page);
  const scale = chooseOcrScale(medianGlyphHeightPx(page.gray, page.width, page.height, inkMaxGray));
  const whole = { left: 0, top: 0, right: page.width, bottom: page.height };
  // The page in gray, its tone stretched: one global threshold loses gray text, zebra bands and
  // unevenly lit parts of a photo, which Tesseract's own thresholding keeps (16 scanned tables
  // without full rulings: cell_exact 0.625 → 0.688).
  const tone = measureTone(page, whole) ?? toneOfThreshold(inkMaxGray);
  const ocrImage = cutOcrImage(page, whole, tone, scale, 'gray');
  await engine.configure({ pageSegmentationMode: PAGE_PSM }, image.dpi * scale);
  return wordsToSource(await engine.recognize(ocrImage.width, ocrImage.height, ocrImage.gray), ocrImage);
}
