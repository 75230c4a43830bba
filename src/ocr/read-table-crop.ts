// OCR of one line-erased table crop, either cell by cell or as one image.
import type { Word, PixelBox, TableCrop } from '../types.js';
import {
  cellInterior,
  chooseOcrScale,
  countToneInk,
  cutOcrImage,
  inkThresholdOf,
  medianGlyphHeightPx,
  measureTone,
  minInkPixels,
  toneOfThreshold,
  wordsToSource,
} from './prepare-ocr-image.js';
import type { TesseractEngine } from './tesseract-engine.js';

export type OcrLayout = 'cells' | 'table';

export interface ReadTableSettings {
  /** `cells`: each non-empty cell is its own image; `table`: the whole crop at once. */
  layout: OcrLayout;
  pageSegmentationMode: number;
}

// Cell interiors stay this far (per 100 DPI) inside the ruling centres: half a thick ruling plus
// its blur, so no leftover line edge is read as '|' or '_'.
const CELL_INSET_PX_PER_100_DPI = 1.5;

/** Reads a table crop; `cellBoxes` are the grid's cells in crop coordinates. Words come back in crop coordinates. */
export async function readTableCrop(engine: TesseractEngine, crop: TableCrop, cellBoxes: PixelBox[], settings: ReadTableSettings): Promise<Word[]> {
  const inkMaxGray = inkThresholdOf(crop);
  const scale = chooseOcrScale(medianGlyphHeightPx(crop.gray, crop.width, crop.height, inkMaxGray));
  await engine.configure({ pageSegmentationMode: settings.pageSegmentationMode }, crop.dpi * scale);
  if (settings.layout === 'table') {
    const image = cutOcrImage(crop, { left: 0, top: 0, right: crop.width, bottom: crop.height }, toneOfThreshold(inkMaxGray), scale);
    return wordsToSource(await engine.recognize(image.width, image.height, image.gray), image);
  }
  const insetPx = Math.max(2, Math.round((CELL_INSET_PX_PER_100_DPI * crop.dpi) / 100));
  const minInk = minInkPixels(crop.dpi);
  const words: Word[] = [];
  for (const box of cellBoxes) {
    const interior = cellInterior(box, insetPx, crop);
    if (!interior) continue;
    // Each cell's own tone: a shaded header, a zebra band or white text on a dark fill reads as
    // well as plain print (one threshold for the whole crop turns a dark cell into a black box).
    const tone = measureTone(crop, interior);
    if (!tone || countToneInk(crop, interior, tone) < minInk) continue;
    // Gray, not thresholded: Tesseract's LSTM reads the anti-aliased edges of blurred or
    // low-resolution text (scanned synth cells 0.625 → 0.644, a 72-dpi crop 0.90 → 0.94).
    const image = cutOcrImage(crop, interior, tone, scale, 'gray');
    words.push(...wordsToSource(await engine.recognize(image.width, image.height, image.gray), image));
  }
  return words;
}
