// Words from a page's text layer (pdfjs-dist getTextContent), in the same pixel space as the
// rendered page. pdf.js gives runs of glyphs ("items") without per-glyph positions, so a run is
// split into words at its spaces, with glyph advances estimated from font metrics and scaled to
// the run's real width; runs that touch are joined back into one word.
import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { PixelBox, Word } from '../types.js';

/** A word of the text layer, before it is joined to its neighbours. */
interface RunWord {
  text: string;
  box: PixelBox;
  /** Font size in pixels, for gap thresholds. */
  sizePx: number;
  /** True when the run went on without a space after this word (a following run may continue it). */
  openEnd: boolean;
  /** True when the run had no space before this word. */
  openStart: boolean;
  baselineY: number;
  /** The run's direction in the viewport, in quarter turns clockwise. */
  rotation: 0 | 90 | 180 | 270;
}

function quarterTurns(radians: number): 0 | 90 | 180 | 270 {
  const degrees = (((Math.round((radians * 180) / Math.PI / 90) * 90) % 360) + 360) % 360;
  return degrees as 0 | 90 | 180 | 270;
}

/** The direction most characters run in. */
function dominantRotation(words: RunWord[]): 0 | 90 | 180 | 270 {
  const characters = new Map<number, number>();
  for (const word of words) characters.set(word.rotation, (characters.get(word.rotation) ?? 0) + word.text.length);
  let best: 0 | 90 | 180 | 270 = 0;
  for (const [rotation, count] of characters) if (count > (characters.get(best) ?? 0)) best = rotation as 0 | 90 | 180 | 270;
  return best;
}

export interface TextLayer {
  words: Word[];
  /** Characters of all words, for the usability check. */
  text: string;
  /**
   * Which way most text runs in the viewport, clockwise from left-to-right: 0, 90 (top to
   * bottom), 180 or 270. Non-zero means the page is shown sideways or upside down.
   */
  textRotation: 0 | 90 | 180 | 270;
}

// Used where pdf.js knows no ascent/descent for a font (fractions of the font size).
const DEFAULT_ASCENT = 0.8;
const DEFAULT_DESCENT = -0.2;
// Runs closer than this share of the font size continue the same word: kerning or a font switch
// inside a word, never a space (a space is ~0.25-0.33 em).
const JOIN_GAP_RATIO = 0.12;
// Runs whose baselines differ by less than this share of the font size are on one line.
const SAME_BASELINE_RATIO = 0.3;

const measureContext = createCanvas(1, 1).getContext('2d');
const advanceCache = new Map<string, number>();

/** Relative advance of a character in a generic family; only ratios within one run matter. */
function estimatedAdvance(character: string, family: string): number {
  const key = `${family}\0${character}`;
  let advance = advanceCache.get(key);
  if (advance === undefined) {
    measureContext.font = `100px ${family}`;
    advance = measureContext.measureText(character).width || 50;
    advanceCache.set(key, advance);
  }
  return advance;
}

function genericFamily(fontFamily: string | undefined): string {
  if (fontFamily === 'monospace' || fontFamily === 'serif') return fontFamily;
  return 'sans-serif';
}

type Matrix = [number, number, number, number, number, number];

function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Splits one text run into words with pixel boxes. */
function splitRun(
  text: string,
  itemTransform: Matrix,
  widthPt: number,
  viewportTransform: Matrix,
  ascent: number,
  descent: number,
  family: string,
): RunWord[] {
  // Text space of the run: x along the baseline in points, y up in units of the font size.
  const [a, b, c, d, e, f] = itemTransform;
  const fontSizePt = Math.hypot(c, d) || Math.hypot(a, b);
  const along = Math.hypot(a, b) || 1;
  const ux = a / along;
  const uy = b / along;
  const up = Math.hypot(c, d) || 1;
  const vx = c / up;
  const vy = d / up;
  const toPixels = (alongPt: number, upPt: number) => applyMatrix(viewportTransform, e + ux * alongPt + vx * upPt, f + uy * alongPt + vy * upPt);

  const characters = [...text];
  const advances = characters.map((character) => estimatedAdvance(character, family));
  const total = advances.reduce((sum, advance) => sum + advance, 0) || 1;
  const scale = widthPt / total;
  const sizePx = Math.abs(fontSizePt * viewportTransform[0]) + Math.abs(fontSizePt * viewportTransform[1]);

  const words: RunWord[] = [];
  const [startX, startY] = toPixels(0, 0);
  const [endX, endY] = toPixels(widthPt, 0);
  const rotation = quarterTurns(Math.atan2(endY - startY, endX - startX));
  let position = 0;
  let wordStart = -1;
  let wordStartPt = 0;
  const finish = (endIndex: number, endPt: number) => {
    const corners = [
      toPixels(wordStartPt, ascent * fontSizePt),
      toPixels(endPt, ascent * fontSizePt),
      toPixels(wordStartPt, descent * fontSizePt),
      toPixels(endPt, descent * fontSizePt),
    ];
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    words.push({
      text: characters.slice(wordStart, endIndex).join(''),
      box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
      sizePx,
      openStart: wordStart === 0,
      openEnd: endIndex === characters.length,
      baselineY: toPixels((wordStartPt + endPt) / 2, 0)[1],
      rotation,
    });
    wordStart = -1;
  };
  characters.forEach((character, index) => {
    const isSpace = /\s/.test(character);
    if (!isSpace && wordStart < 0) {
      wordStart = index;
      wordStartPt = position;
    } else if (isSpace && wordStart >= 0) {
      finish(index, position);
    }
    position += advances[index] * scale;
  });
  if (wordStart >= 0) finish(characters.length, position);
  return words;
}

/** Joins words of neighbouring runs that touch (a word split by kerning or a font change). */
function joinTouchingWords(words: RunWord[]): RunWord[] {
  const sorted = [...words].sort((p, q) => p.baselineY - q.baselineY || p.box.left - q.box.left);
  const lines: RunWord[][] = [];
  for (const word of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].baselineY - word.baselineY) < SAME_BASELINE_RATIO * Math.max(word.sizePx, line[0].sizePx)) line.push(word);
    else lines.push([word]);
  }
  const joined: RunWord[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.box.left - q.box.left);
    const lineWords: RunWord[] = [line[0]];
    for (const word of line.slice(1)) {
      const previous = lineWords[lineWords.length - 1];
      const gap = word.box.left - previous.box.right;
      const touching = gap < JOIN_GAP_RATIO * Math.max(previous.sizePx, word.sizePx) && gap > -0.5 * word.sizePx;
      if (previous.openEnd && word.openStart && touching) {
        lineWords[lineWords.length - 1] = {
          ...previous,
          text: previous.text + word.text,
          box: {
            left: Math.min(previous.box.left, word.box.left),
            top: Math.min(previous.box.top, word.box.top),
            right: Math.max(previous.box.right, word.box.right),
            bottom: Math.max(previous.box.bottom, word.box.bottom),
          },
          openEnd: word.openEnd,
        };
      } else {
        lineWords.push(word);
      }
    }
    joined.push(...lineWords);
  }
  return joined;
}

/** Reads the page's words in the pixel space of `viewport` (its /Rotate and scale included). */
export async function readTextLayer(page: PDFPageProxy, viewport: PageViewport): Promise<TextLayer> {
  const content = await page.getTextContent();
  const viewportTransform = viewport.transform as Matrix;
  const runWords: RunWord[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const style = content.styles[item.fontName];
    // Ligatures (ﬁ), full-width forms and compatibility characters as a user expects them.
    const text = item.str.normalize('NFKC').replace(/[\u00AD\u200B-\u200D\uFEFF]/g, '');
    runWords.push(
      ...splitRun(
        text,
        item.transform as Matrix,
        item.width,
        viewportTransform,
        style?.ascent || DEFAULT_ASCENT,
        style?.descent || DEFAULT_DESCENT,
        genericFamily(style?.fontFamily),
      ),
    );
  }
  const words = joinTouchingWords(runWords).map(({ text, box }) => ({ text, confidence: 100, box }));
  return { words, text: words.map((word) => word.text).join(' '), textRotation: dominantRotation(runWords) };
}
