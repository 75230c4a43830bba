// Dev-only: the whole-page OCR pass's input image for one page, as PGM, to see what Tesseract sees.
//   node --import tsx dev/probe-page-pass.mts input.pdf page out.pgm
import { writeFile } from 'node:fs/promises';
import { renderPageGray, encodePgm } from './render-page.ts';
import { flattenBackground } from '../src/image/flatten-background.ts';
import { detectTables } from '../src/detect/detect-tables.ts';
import { chooseOcrScale, cutOcrImage, inkThresholdOf, measureTone, medianGlyphHeightPx, toneOfThreshold } from '../src/ocr/prepare-ocr-image.ts';

const [pdf, pageArg, out] = process.argv.slice(2);
const image = await renderPageGray(pdf, Number(pageArg), 300);
const detection = detectTables(image);
const page = { ...detection.image, offsetLeft: 0, offsetTop: 0, gray: flattenBackground(detection.image, detection.image.dpi) };
const ink = inkThresholdOf(page);
const glyph = medianGlyphHeightPx(page.gray, page.width, page.height, ink);
const scale = chooseOcrScale(glyph);
const whole = { left: 0, top: 0, right: page.width, bottom: page.height };
const tone = measureTone(page, whole) ?? toneOfThreshold(ink);
console.log({ ink, glyph, scale, tone, grids: detection.grids.map((g) => g.box) });
const ocr = cutOcrImage(page, whole, tone, scale, 'gray');
await writeFile(out, encodePgm({ ...ocr, pageNumber: 1, dpi: 300 }));
