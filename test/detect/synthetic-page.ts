// Draw small synthetic pages into Uint8Arrays for detection tests: white paper, black lines,
// text-like blobs, salt noise. Deterministic (seeded PRNG), no files.
import { mulberry32 } from '../../fixtures/lib/prng.ts';
import type { PageImage } from '../../src/types.js';

export function blankPage(width: number, height: number, dpi = 200): PageImage {
  return { pageNumber: 1, dpi, width, height, gray: new Uint8Array(width * height).fill(255) };
}

/** Fill [left, right) × [top, bottom) with `gray`. */
export function fillRect(page: PageImage, left: number, top: number, right: number, bottom: number, gray = 0): void {
  for (let y = Math.max(0, top); y < Math.min(page.height, bottom); y++) {
    page.gray.fill(gray, y * page.width + Math.max(0, left), y * page.width + Math.min(page.width, right));
  }
}

/** Horizontal line centred on row `y` (thickness rows starting at y - floor(t/2)), x in [x0, x1). */
export function hLine(page: PageImage, y: number, x0: number, x1: number, thickness = 2, gray = 0): void {
  const top = y - Math.floor(thickness / 2);
  fillRect(page, x0, top, x1, top + thickness, gray);
}

/** Vertical line centred on column `x`, y in [y0, y1). */
export function vLine(page: PageImage, x: number, y0: number, y1: number, thickness = 2, gray = 0): void {
  const left = x - Math.floor(thickness / 2);
  fillRect(page, left, y0, left + thickness, y1, gray);
}

/**
 * A fully ruled grid with line centres at `xs` × `ys`. `merged` lists cells to merge as
 * [row, col, rowSpan, colSpan]: the inner lines inside each merged block are not drawn.
 */
export function drawGrid(
  page: PageImage,
  xs: number[],
  ys: number[],
  thickness = 2,
  merged: [number, number, number, number][] = [],
): void {
  const half = Math.floor(thickness / 2);
  const inside = (r: number, c: number, m: [number, number, number, number]): boolean =>
    r >= m[0] && r < m[0] + m[2] && c >= m[1] && c < m[1] + m[3];
  // horizontal edge i between rows i-1 and i, drawn per column segment
  for (let i = 0; i < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) {
      const hidden = i > 0 && i < ys.length - 1 && merged.some((m) => inside(i - 1, j, m) && inside(i, j, m));
      if (!hidden) hLine(page, ys[i], xs[j] - half, xs[j + 1] - half + thickness, thickness);
    }
  }
  for (let j = 0; j < xs.length; j++) {
    for (let i = 0; i + 1 < ys.length; i++) {
      const hidden = j > 0 && j < xs.length - 1 && merged.some((m) => inside(i, j - 1, m) && inside(i, j, m));
      if (!hidden) vLine(page, xs[j], ys[i] - half, ys[i + 1] - half + thickness, thickness);
    }
  }
}

/**
 * Text-like blob: a row of glyph-sized strokes (letters ~ 0.05" wide, 0.08" tall at the page dpi),
 * left edge x, baseline-top y. Returns its bounding box.
 */
export function drawWord(page: PageImage, x: number, y: number, letters: number): { left: number; top: number; right: number; bottom: number } {
  const h = Math.round(page.dpi * 0.08);
  const w = Math.round(page.dpi * 0.05);
  const stroke = Math.max(2, Math.round(page.dpi * 0.01));
  for (let k = 0; k < letters; k++) {
    const lx = x + k * (w + stroke);
    vLine(page, lx + Math.floor(stroke / 2), y, y + h, stroke); // stem
    hLine(page, y + Math.floor(h / 2), lx, lx + w - stroke, stroke); // bar
    if (k % 2 === 0) vLine(page, lx + w - stroke, y + Math.floor(h / 2), y + h, stroke);
  }
  return { left: x, top: y, right: x + letters * (w + stroke), bottom: y + h };
}

/** Deterministic PRNG, the fixtures' mulberry32. */
export const random = mulberry32;

/** Flip a `ratio` of pixels to black (salt) and another `ratio` to white (pepper). */
export function addSaltAndPepper(page: PageImage, ratio: number, seed = 1): void {
  const rnd = random(seed);
  for (let i = 0; i < page.gray.length; i++) {
    const r = rnd();
    if (r < ratio) page.gray[i] = 0;
    else if (r < 2 * ratio) page.gray[i] = 255;
  }
}

/** Punch white gaps of `gapPx` into every dark row/column run every `everyPx` pixels along x. */
export function punchGaps(page: PageImage, everyPx: number, gapPx: number): void {
  for (let x = everyPx; x < page.width; x += everyPx) fillRect(page, x, 0, x + gapPx, page.height, 255);
}

/** Longest run of pixels with gray <= inkMaxGray along rows and along columns. */
export function longestDarkRuns(image: { width: number; height: number; gray: Uint8Array }, inkMaxGray = 128): { horizontal: number; vertical: number } {
  let horizontal = 0;
  let vertical = 0;
  for (let y = 0; y < image.height; y++) {
    let run = 0;
    for (let x = 0; x < image.width; x++) {
      run = image.gray[y * image.width + x] <= inkMaxGray ? run + 1 : 0;
      if (run > horizontal) horizontal = run;
    }
  }
  for (let x = 0; x < image.width; x++) {
    let run = 0;
    for (let y = 0; y < image.height; y++) {
      run = image.gray[y * image.width + x] <= inkMaxGray ? run + 1 : 0;
      if (run > vertical) vertical = run;
    }
  }
  return { horizontal, vertical };
}

/** Put a short word near the top-left of every grid position (tables have content). */
export function fillCells(page: PageImage, xs: number[], ys: number[]): void {
  for (let i = 0; i + 1 < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) drawWord(page, xs[j] + 12, ys[i] + 12, 2 + ((i + j) % 3));
  }
}
