// Is anything on a page? A blank or separator page (white paper, scanner specks, a dark edge) is
// recognised from its pixels in a few milliseconds, so it never reaches detection or OCR: a
// 1000-page stack with blank pages between documents is common, and an OCR pass over an empty
// page costs about a second.
import type { PageImage } from '../types.js';

// The outer 3 % of each side is left out: scanner shadows and a dark page edge sit there, and no
// table is that close to the edge. (Punched holes lie further in: such a page is read as usual.)
const EDGE_MARGIN_RATIO = 0.03;
// A pixel this much darker (or lighter, on dark paper) than the paper is ink. Paper texture and
// JPEG noise stay within about ±30 of it; faded print on a photocopy is 50–70 below it, so the
// margin is kept small: a page taken for empty loses its tables, a speck taken for ink costs only
// time.
const INK_CONTRAST = 40;
// Blocks of about a millimetre; a block with this many ink pixels is inked.
const BLOCKS_PER_INCH = 25;
const MIN_INK_PIXELS_PER_BLOCK = 3;
// A speck fills one block; the smallest mark worth reading (a digit of 8-pt print is ~2.8 mm
// tall) fills at least three in a row. Inked blocks with an inked neighbour count; this many
// make the page one with something on it.
const MIN_JOINED_BLOCKS = 3;

// Every 61st pixel (a prime, so no column pattern lines up with it): 140 000 samples of a page.
const PAPER_SAMPLE_STRIDE = 61;

/**
 * The paper's gray level: the median (sampled). A page is mostly paper, and the median is the
 * middle of its noise, where the most common level can sit at the noise's edge.
 */
function paperLevel(image: PageImage): number {
  const counts = new Uint32Array(256);
  let samples = 0;
  for (let i = 0; i < image.gray.length; i += PAPER_SAMPLE_STRIDE, samples++) counts[image.gray[i]]++;
  let seen = 0;
  for (let value = 0; value < 256; value++) {
    seen += counts[value];
    if (2 * seen >= samples) return value;
  }
  return 255;
}

/** Whether the page has any mark on it bigger than a speck (outside its outer margin). */
export function hasPageInk(image: PageImage): boolean {
  const { width, height, gray, dpi } = image;
  const blockPx = Math.max(2, Math.round(dpi / BLOCKS_PER_INCH));
  const left = Math.floor(width * EDGE_MARGIN_RATIO);
  const top = Math.floor(height * EDGE_MARGIN_RATIO);
  const columns = Math.max(0, Math.floor((width - 2 * left) / blockPx));
  const rows = Math.max(0, Math.floor((height - 2 * top) / blockPx));
  if (columns === 0 || rows === 0) return false;
  const paper = paperLevel(image);
  // Ink is at most `darkest` or at least `lightest`.
  const darkest = paper - INK_CONTRAST;
  const lightest = paper + INK_CONTRAST;
  const isPlain = plainRowTest(image, paper);
  const inked = new Uint8Array(columns * rows);
  const counts = new Uint16Array(columns);
  for (let blockRow = 0; blockRow < rows; blockRow++) {
    const y0 = top + blockRow * blockPx;
    counts.fill(0);
    for (let y = y0; y < y0 + blockPx; y++) {
      if (isPlain(y * width + left, columns * blockPx)) continue;
      let offset = y * width + left;
      for (let column = 0; column < columns; column++) {
        let count = 0;
        for (const end = offset + blockPx; offset < end; offset++) {
          const value = gray[offset];
          if (value <= darkest || value >= lightest) count++;
        }
        counts[column] += count;
      }
    }
    for (let column = 0; column < columns; column++) if (counts[column] >= MIN_INK_PIXELS_PER_BLOCK) inked[blockRow * columns + column] = 1;
  }
  let joined = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (!inked[row * columns + column] || !hasInkedNeighbour(inked, columns, rows, row, column)) continue;
      if (++joined >= MIN_JOINED_BLOCKS) return true;
    }
  }
  return false;
}

/**
 * Whether rows of pixels are all exactly the paper's level, compared four at a time: a page
 * rendered from a PDF that draws nothing is that, and is passed over at memory speed.
 */
function plainRowTest(image: PageImage, paper: number): (start: number, length: number) => boolean {
  const { gray } = image;
  // The 32-bit words of the bitmap, from its first 4-byte boundary.
  const lead = (4 - (gray.byteOffset % 4)) % 4;
  const words = new Int32Array(gray.buffer, gray.byteOffset + lead, (gray.length - lead) >> 2);
  const plain = (paper * 0x01010101) | 0;
  return (start, length) => {
    const end = start + length;
    let at = start;
    for (; at < end && (at - lead) % 4 !== 0; at++) if (gray[at] !== paper) return false;
    const lastWord = (end - lead) >> 2;
    for (let word = (at - lead) >> 2; word < lastWord; word++) if (words[word] !== plain) return false;
    for (at = Math.max(at, lead + (lastWord << 2)); at < end; at++) if (gray[at] !== paper) return false;
    return true;
  };
}

function hasInkedNeighbour(inked: Uint8Array, columns: number, rows: number, row: number, column: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const y = row + dy;
      const x = column + dx;
      if ((dx !== 0 || dy !== 0) && y >= 0 && y < rows && x >= 0 && x < columns && inked[y * columns + x]) return true;
    }
  }
  return false;
}
