// The text of a few lines of a scanned page found as ink (not read by a page pass): a caption over
// a table's continuation ("Table 3 (continued)"), a line under a table ("continued on next page").
// Joining tables across pages needs to know what such a line says, not only that it is there.
import type { PageImage, TextBand } from '../types.js';
import { SINGLE_LINE_PSM, type OcrEngine } from './ocr-engine.js';
import { chooseOcrScale, cutOcrImage, measureTone } from './prepare-ocr-image.js';

// Glyphs fill about this share of a line band's height (ascenders to descenders).
const GLYPH_SHARE_OF_BAND = 0.7;
// The band is cut this much (share of its height) taller on each side: its faint edges are ink too.
const BAND_PAD_RATIO = 0.25;

/** `bands` with their text read, as single lines across the page. */
export async function readBandTexts(engine: OcrEngine, image: PageImage, bands: readonly TextBand[]): Promise<TextBand[]> {
  const page = { ...image, offsetLeft: 0, offsetTop: 0 };
  const read: TextBand[] = [];
  for (const band of bands) {
    const height = band.bottom - band.top;
    const pad = Math.round(BAND_PAD_RATIO * height);
    const box = { left: 0, top: Math.max(0, band.top - pad), right: image.width, bottom: Math.min(image.height, band.bottom + pad) };
    const tone = box.bottom - box.top >= 2 ? measureTone(page, box) : null;
    if (!tone) {
      read.push(band);
      continue;
    }
    const scale = chooseOcrScale(GLYPH_SHARE_OF_BAND * height);
    await engine.configure({ pageSegmentationMode: SINGLE_LINE_PSM }, image.dpi * scale);
    const line = cutOcrImage(page, box, tone, scale, 'gray');
    const words = await engine.recognize(line.width, line.height, line.gray);
    read.push({ ...band, text: words.map((word) => word.text).join(' ') });
  }
  return read;
}
