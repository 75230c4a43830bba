// The OCR sample: a few text lines of the page cut out in a frame's two orientations (turned
// `turn` and `turn` + 180°) and read by Tesseract; the reading with more confident text wins.
import { cropGray } from '../../image/crop-gray.js';
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import type { CoarseInkMask } from '../../image/ink-components.js';
import { quarterTurnPixel, rotateBitmapQuarterTurns, type QuarterTurn } from '../../image/rotate-quarter-turns.js';
import { scaleGrayBilinear } from '../../image/scale-gray.js';
import type { PageImage, PixelBox, Word } from '../../types.js';
import type { OcrEngine } from '../ocr-engine.js';
import type { FrameGeometry } from './orientation-geometry.js';

/** OCR sample: the text is scaled to about this glyph height (px), within these limits (px). */
const OCR_GLYPH_HEIGHT_PX = 30;
const OCR_SAMPLE_MAX_WIDTH_PX = 1000;
const OCR_SAMPLE_MAX_HEIGHT_PX = 200;
const OCR_MARGIN_PX = 16;
/** Tesseract: one uniform block of text. */
const OCR_BLOCK_PSM = 6;

/** A window of the frame (mask pixels, inclusive ends) and which of its pixels are text. */
interface SampleWindow {
  box: PixelBox;
  /** Per window pixel (row-major, box size): 1 where a glyph or dot lying wholly inside the box is (grown by a pixel). */
  keep: Uint8Array;
}

/**
 * A window of at most maxWidth × maxHeight mask pixels that starts at the longest text line and
 * is centred on it vertically: the lines around it (a paragraph, a table row and its neighbours).
 * Only glyphs and dots wholly inside it are kept: rulings, pictures and cut-off glyphs are not.
 */
function sampleWindow(frame: FrameGeometry, maxWidth: number, maxHeight: number): SampleWindow | null {
  const { lines } = frame.counts;
  const { mask, glyphs } = frame;
  const k = glyphs.components;
  if (lines.length === 0) return null;
  const seed = lines.reduce((a, b) => (b.ids.length > a.ids.length ? b : a));
  const pad = Math.max(2, Math.ceil(glyphs.medianSize / 2));
  const left = Math.max(0, seed.left - pad);
  const right = Math.min(mask.width - 1, left + maxWidth - 1);
  const centre = Math.round((seed.bandTop + seed.bandBottom) / 2);
  const top = Math.max(0, centre - Math.floor(maxHeight / 2));
  const bottom = Math.min(mask.height - 1, top + maxHeight - 1);
  const keepComponent = new Uint8Array(k.count);
  const inside = (c: number) => k.left[c] >= left && k.right[c] <= right && k.top[c] >= top && k.bottom[c] <= bottom;
  // the box shrinks to what it keeps
  let keptLeft = right;
  let keptRight = left;
  let keptTop = bottom;
  let keptBottom = top;
  for (const list of [glyphs.ids, glyphs.dots]) {
    for (let n = 0; n < list.length; n++) {
      const c = list[n];
      if (!inside(c)) continue;
      keepComponent[c] = 1;
      keptLeft = Math.min(keptLeft, k.left[c]);
      keptRight = Math.max(keptRight, k.right[c]);
      keptTop = Math.min(keptTop, k.top[c]);
      keptBottom = Math.max(keptBottom, k.bottom[c]);
    }
  }
  if (keptRight < keptLeft || keptBottom < keptTop) return null;
  const box = {
    left: Math.max(0, keptLeft - pad),
    top: Math.max(0, keptTop - pad),
    right: Math.min(mask.width - 1, keptRight + pad),
    bottom: Math.min(mask.height - 1, keptBottom + pad),
  };
  const width = box.right - box.left + 1;
  const height = box.bottom - box.top + 1;
  const kept = new Uint8Array(width * height);
  for (let y = box.top; y <= box.bottom; y++) {
    for (let r = k.rowStart[y]; r < k.rowStart[y + 1]; r++) {
      if (!keepComponent[k.runComponent[r]]) continue;
      const from = Math.max(box.left, k.runLeft[r]) - box.left;
      const to = Math.min(box.right, k.runRight[r]) - box.left;
      if (to >= from) kept.fill(1, (y - box.top) * width + from, (y - box.top) * width + to + 1);
    }
  }
  // grow by a pixel: the mask's blocks cut glyph edges that are lighter than the threshold
  const keep = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!kept[y * width + x]) continue;
      for (let dy = Math.max(0, y - 1); dy <= Math.min(height - 1, y + 1); dy++) {
        keep.fill(1, dy * width + Math.max(0, x - 1), dy * width + Math.min(width - 1, x + 1) + 1);
      }
    }
  }
  return { box, keep };
}

/** Maps a box (inclusive ends) of a frame turned `turn` clockwise back to the unturned mask. */
function unturnBox(box: PixelBox, turn: 0 | 90, width: number, height: number): PixelBox {
  if (turn === 0) return box;
  // frame = mask turned 90° clockwise, so mask = frame turned 270°; the frame is height × width
  const [x0, y0] = quarterTurnPixel(box.left, box.top, height, width, 270);
  const [x1, y1] = quarterTurnPixel(box.right, box.bottom, height, width, 270);
  return { left: Math.min(x0, x1), top: Math.min(y0, y1), right: Math.max(x0, x1), bottom: Math.max(y0, y1) };
}

/**
 * The window's page pixels, turned like the frame, with everything but its text whitened,
 * scaled by `scale` (bilinear) and framed by a white margin; then turned by `extraTurn`.
 */
function cutSample(image: PageImage, mask: CoarseInkMask, frameTurn: 0 | 90, window: SampleWindow, scale: number, extraTurn: 0 | 180): GrayBitmap {
  const f = mask.factor;
  const inMask = unturnBox(window.box, frameTurn, mask.width, mask.height);
  // block-aligned, so frame pixel (x, y) of the turned crop lies in window pixel (x / f, y / f)
  const crop = cropGray(image, { left: inMask.left * f, top: inMask.top * f, right: (inMask.right + 1) * f, bottom: (inMask.bottom + 1) * f });
  const turned = rotateBitmapQuarterTurns(crop, frameTurn);
  const windowWidth = window.box.right - window.box.left + 1;
  const { width: sw, height: sh } = turned;
  const clean = turned.gray;
  for (let y = 0; y < sh; y++) {
    const keepRow = Math.min(window.box.bottom - window.box.top, Math.floor(y / f)) * windowWidth;
    for (let x = 0; x < sw; x++) if (!window.keep[keepRow + Math.min(windowWidth - 1, Math.floor(x / f))]) clean[y * sw + x] = 255;
  }
  const scaled = scaleGrayBilinear(turned, { left: 0, top: 0, right: sw, bottom: sh }, scale, OCR_MARGIN_PX);
  return extraTurn === 0 ? scaled : rotateBitmapQuarterTurns(scaled, 180);
}

/** Confidence-weighted count of letters and digits: many confident characters = readable text. */
function readingScore(words: Word[]): number {
  let score = 0;
  for (const word of words) {
    const characters = word.text.replace(/[^\p{L}\p{N}]/gu, '').length;
    score += (characters * Math.max(0, word.confidence - 30)) / 70;
  }
  return score;
}

/** The sample read in one orientation: the page's turn, the score, and what was read. */
export interface Reading {
  turn: QuarterTurn;
  score: number;
  words: number;
  text: string;
}

/** OCRs the frame's sample in the frame's two orientations: turned `turn`, and `turn` + 180. */
export async function readBothWays(image: PageImage, mask: CoarseInkMask, frame: FrameGeometry, turn: 0 | 90, engine: OcrEngine): Promise<Reading[]> {
  const glyphHeightPage = frame.glyphs.medianSize * mask.factor;
  const scale = Math.min(3, Math.max(0.25, OCR_GLYPH_HEIGHT_PX / Math.max(1, glyphHeightPage)));
  const perMask = scale * mask.factor; // OCR pixels per mask pixel
  const window = sampleWindow(frame, Math.floor(OCR_SAMPLE_MAX_WIDTH_PX / perMask), Math.floor(OCR_SAMPLE_MAX_HEIGHT_PX / perMask));
  if (!window) return [];
  await engine.configure({ pageSegmentationMode: OCR_BLOCK_PSM }, image.dpi * scale);
  const readings: Reading[] = [];
  for (const extra of [0, 180] as const) {
    const sample = cutSample(image, mask, turn, window, scale, extra);
    const words = await engine.recognize(sample.width, sample.height, sample.gray);
    readings.push({ turn: ((turn + extra) % 360) as QuarterTurn, score: readingScore(words), words: words.length, text: words.map((w) => w.text).join(' ') });
  }
  return readings;
}
