// Is a page's text layer good enough to read the tables from, instead of OCR?
import type { PixelBox } from '../types.js';
import type { TextLayer } from './read-text-layer.js';

export type TextLayerVerdict =
  /** Read the tables from the text layer. */
  | { kind: 'usable' }
  /** Text over a page-covering image (an OCR'd scan): usable only if it matches the image. */
  | { kind: 'check-against-image' }
  /** OCR the page; `reason` says why, for --verbose and for --ocr never's error. */
  | { kind: 'unusable'; reason: string };

// Characters a text layer produces for glyphs it has no Unicode for: the private use area,
// C0/C1 controls, the replacement character, and the '(cid:NN)' form other tools write.
const UNMAPPED_CHARACTER = /[\uE000-\uF8FF\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFD]|\(cid:\d+\)/gu;
// More than this share of unmapped characters and the text is garbage (a few stray symbols are not).
const MAX_UNMAPPED_RATIO = 0.1;
// Images covering at least this share of the page make it a scan (possibly with an OCR text layer).
const SCANNED_PAGE_IMAGE_RATIO = 0.5;

/** The share of the page covered by the largest image (images rarely overlap on scans). */
export function largestImageRatio(imageBoxes: PixelBox[], pageWidth: number, pageHeight: number): number {
  let largest = 0;
  for (const box of imageBoxes) {
    const width = Math.min(box.right, pageWidth) - Math.max(box.left, 0);
    const height = Math.min(box.bottom, pageHeight) - Math.max(box.top, 0);
    if (width > 0 && height > 0) largest = Math.max(largest, (width * height) / (pageWidth * pageHeight));
  }
  return largest;
}

export function assessTextLayer(layer: TextLayer, imageCoverageRatio: number): TextLayerVerdict {
  const characters = layer.text.replace(/\s+/g, '');
  if (characters.length === 0) return { kind: 'unusable', reason: 'the page has no text layer' };
  const unmapped = characters.match(UNMAPPED_CHARACTER)?.join('').length ?? 0;
  if (unmapped / characters.length > MAX_UNMAPPED_RATIO) {
    return { kind: 'unusable', reason: `its text layer is garbled (${unmapped} of ${characters.length} characters have no Unicode mapping)` };
  }
  if (imageCoverageRatio >= SCANNED_PAGE_IMAGE_RATIO) return { kind: 'check-against-image' };
  return { kind: 'usable' };
}
