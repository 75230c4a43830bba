// OCR of one line-erased table crop, either cell by cell or as one image.
import type { OcrLayout, PixelBox, TableCrop, Word } from '../types.js';
import {
  cellInterior,
  chooseOcrScale,
  countTextLines,
  cutOcrImage,
  inkThresholdOf,
  medianGlyphHeightPx,
  measureTone,
  minInkPixels,
  padBox,
  toneInk,
  toneOfThreshold,
  wordsToSource,
  type OcrImage,
} from './prepare-ocr-image.js';
import { SINGLE_LINE_PSM } from './ocr-engine.js';
import { enginesOf, recognizeCell, type CellEngines } from './cell-readers.js';

export interface ReadTableSettings {
  /** `cells`: each non-empty cell is its own image; `table`: the whole crop at once. */
  layout: OcrLayout;
  pageSegmentationMode: number;
  /** Times the usual OCR scale: 1, or more to read doubtful cells again larger. */
  upscale: number;
}

// A cell holding one line of text is read in single-line mode (SINGLE_LINE_PSM): block mode
// drops lone short cells ('M', '-', '7') and splits a line whose words are far apart.

// Blank bands thinner than this (per 100 DPI) are within a line of text: ~1 pt.
const LINE_GAP_PX_PER_100_DPI = 1.2;

// A cell is read from the box around its ink widened by half a glyph's height, and at least by
// this (per 100 DPI, ~1.5 pt): the pixels lighter than half-way at a glyph's edge are still part
// of it, and Tesseract thresholds the gray image itself, from its share of paper (cut tight on
// the ink, clean generated scans read '75' as 'F45' and 合计 as 容鲁).
const INK_PAD_PX_PER_100_DPI = 2;
const INK_PAD_GLYPH_RATIO = 0.5;

// Cell interiors stay this far (per 100 DPI) inside the ruling centres: half a thick ruling plus
// its blur, so no leftover line edge is read as '|' or '_'.
const CELL_INSET_PX_PER_100_DPI = 1.5;

/** Reads a table crop; `cellBoxes` are the grid's cells in crop coordinates. Words come back in crop coordinates. */
export async function readTableCrop(engines: CellEngines, crop: TableCrop, cellBoxes: PixelBox[], settings: ReadTableSettings): Promise<Word[]> {
  const inkMaxGray = inkThresholdOf(crop);
  const glyphHeightPx = medianGlyphHeightPx(crop.gray, crop.width, crop.height, inkMaxGray);
  const scale = chooseOcrScale(glyphHeightPx) * settings.upscale;
  for (const engine of enginesOf(engines)) await engine.configure({ pageSegmentationMode: settings.pageSegmentationMode }, crop.dpi * scale);
  if (settings.layout === 'table') {
    const image = cutOcrImage(crop, { left: 0, top: 0, right: crop.width, bottom: crop.height }, toneOfThreshold(inkMaxGray), scale);
    return wordsToSource(await recognizeCell(engines, image.width, image.height, image.gray), image);
  }
  const insetPx = Math.max(2, Math.round((CELL_INSET_PX_PER_100_DPI * crop.dpi) / 100));
  const minInk = minInkPixels(crop.dpi);
  const lineGapPx = Math.max(2, Math.round((LINE_GAP_PX_PER_100_DPI * crop.dpi) / 100));
  const inkPadPx = Math.max(Math.round((INK_PAD_PX_PER_100_DPI * crop.dpi) / 100), Math.round(INK_PAD_GLYPH_RATIO * glyphHeightPx));
  const cells: { image: OcrImage; pageSegmentationMode: number }[] = [];
  for (const box of cellBoxes) {
    const interior = cellInterior(box, insetPx, crop);
    if (!interior) continue;
    // Each cell's own tone: a shaded header, a zebra band or white text on a dark fill reads as
    // well as plain print (one threshold for the whole crop turns a dark cell into a black box).
    const tone = measureTone(crop, interior);
    if (!tone) continue;
    const ink = toneInk(crop, interior, tone);
    if (ink.count < minInk || !ink.bounds) continue;
    // Only the cell's ink (with its anti-aliased edge) is read: OCR time grows with pixels, and a
    // wide cell is mostly blank paper.
    const inkBox = padBox(ink.bounds, inkPadPx, interior);
    // Gray, not thresholded: Tesseract's LSTM reads the anti-aliased edges of blurred or
    // low-resolution text (scanned synth cells 0.625 → 0.644, a 72-dpi crop 0.90 → 0.94).
    const image = cutOcrImage(crop, inkBox, tone, scale, 'gray');
    const mode = countTextLines(crop, inkBox, tone, lineGapPx) === 1 ? SINGLE_LINE_PSM : settings.pageSegmentationMode;
    cells.push({ image, pageSegmentationMode: mode });
  }
  if (engines.kind === 'single') {
    // One call for all the cells: an engine that reads in batches (PP-OCR) reads many lines per inference.
    const textHeightPx = glyphHeightPx * scale;
    const read = await engines.engine.recognizeEach(cells.map(({ image, pageSegmentationMode }) => ({ ...image, pageSegmentationMode, textHeightPx })));
    return cells.flatMap(({ image }, index) => wordsToSource(read[index], image));
  }
  const words: Word[] = [];
  for (const { image, pageSegmentationMode } of cells) {
    for (const engine of enginesOf(engines)) await engine.setPageSegmentationMode(pageSegmentationMode);
    words.push(...wordsToSource(await recognizeCell(engines, image.width, image.height, image.gray), image));
  }
  return words;
}
