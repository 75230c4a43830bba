// OCR of one line-erased table crop, either cell by cell or as one image.
import type { Word, PixelBox, TableCrop } from '../types.js';
import {
  cellInterior,
  chooseOcrScale,
  countTextLines,
  countToneInk,
  cutOcrImage,
  inkThresholdOf,
  medianGlyphHeightPx,
  measureTone,
  minInkPixels,
  toneOfThreshold,
  wordsToSource,
} from './prepare-ocr-image.js';
import { enginesOf, recognizeCell, type CellEngines } from './cell-readers.js';

export type OcrLayout = 'cells' | 'table';

export interface ReadTableSettings {
  /** `cells`: each non-empty cell is its own image; `table`: the whole crop at once. */
  layout: OcrLayout;
  pageSegmentationMode: number;
}

// A cell holding one line of text is read in single-line mode: block mode drops lone short cells
// ('M', '-', '7') and splits a line whose words are far apart.
const SINGLE_LINE_PSM = 7;

// Blank bands thinner than this (per 100 DPI) are within a line of text: ~1 pt.
const LINE_GAP_PX_PER_100_DPI = 1.2;

// Cell interiors stay this far (per 100 DPI) inside the ruling centres: half a thick ruling plus
// its blur, so no leftover line edge is read as '|' or '_'.
const CELL_INSET_PX_PER_100_DPI = 1.5;

/** Reads a table crop; `cellBoxes` are the grid's cells in crop coordinates. Words come back in crop coordinates. */
export async function readTableCrop(engines: CellEngines, crop: TableCrop, cellBoxes: PixelBox[], settings: ReadTableSettings): Promise<Word[]> {
  const inkMaxGray = inkThresholdOf(crop);
  const scale = chooseOcrScale(medianGlyphHeightPx(crop.gray, crop.width, crop.height, inkMaxGray));
  for (const engine of enginesOf(engines)) await engine.configure({ pageSegmentationMode: settings.pageSegmentationMode }, crop.dpi * scale);
  if (settings.layout === 'table') {
    const image = cutOcrImage(crop, { left: 0, top: 0, right: crop.width, bottom: crop.height }, toneOfThreshold(inkMaxGray), scale);
    return wordsToSource(await recognizeCell(engines, image.width, image.height, image.gray), image);
  }
  const insetPx = Math.max(2, Math.round((CELL_INSET_PX_PER_100_DPI * crop.dpi) / 100));
  const minInk = minInkPixels(crop.dpi);
  const lineGapPx = Math.max(2, Math.round((LINE_GAP_PX_PER_100_DPI * crop.dpi) / 100));
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
    const mode = countTextLines(crop, interior, tone, lineGapPx) === 1 ? SINGLE_LINE_PSM : settings.pageSegmentationMode;
    for (const engine of enginesOf(engines)) await engine.setPageSegmentationMode(mode);
    words.push(...wordsToSource(await recognizeCell(engines, image.width, image.height, image.gray), image));
  }
  return words;
}
