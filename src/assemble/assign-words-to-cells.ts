// Words → cells: each word goes to the cell holding most of its area; a word outside every cell
// goes to the nearest one, so no word is ever dropped.
import type { CellGrid, Word, PixelBox } from '../types.js';
import { UNSPACED_SCRIPT } from '../text/scripts.js';
import { overlapArea } from '../measure.js';


function distanceToBox(x: number, y: number, box: PixelBox): number {
  const dx = Math.max(box.left - x, 0, x - box.right);
  const dy = Math.max(box.top - y, 0, y - box.bottom);
  return Math.hypot(dx, dy);
}

/** The index into `grid.cells` of the cell a word belongs to. */
export function cellIndexForWord(grid: CellGrid, word: Word): number {
  let bestIndex = -1;
  let bestArea = 0;
  grid.cells.forEach((cell, index) => {
    const area = overlapArea(cell.box, word.box);
    if (area > bestArea) {
      bestArea = area;
      bestIndex = index;
    }
  });
  if (bestIndex >= 0) return bestIndex;
  // A zero-area or outside word: the nearest cell to its centre.
  const centreX = (word.box.left + word.box.right) / 2;
  const centreY = (word.box.top + word.box.bottom) / 2;
  let bestDistance = Number.POSITIVE_INFINITY;
  grid.cells.forEach((cell, index) => {
    const distance = distanceToBox(centreX, centreY, cell.box);
    if (distance < bestDistance) {
      bestDistance = distance;
      bestIndex = index;
    }
  });
  return bestIndex;
}

/** Groups `words` (all in page pixels) by cell: result[i] holds the words of grid.cells[i]. */
export function assignWordsToCells(grid: CellGrid, words: Word[]): Word[][] {
  const wordsByCell: Word[][] = grid.cells.map(() => []);
  if (grid.cells.length === 0) return wordsByCell;
  for (const word of words) wordsByCell[cellIndexForWord(grid, word)].push(word);
  return wordsByCell;
}

// Two words are on one line when their vertical centres differ by less than this share of the
// taller word's height (half a line: lines in a cell are at least one text height apart).
const SAME_LINE_CENTRE_RATIO = 0.5;

/** A cell's text: words ordered into lines (top to bottom), words in a line left to right. */
export function cellText(words: Word[]): string {
  if (words.length === 0) return '';
  const byCentre = [...words].sort((a, b) => a.box.top + a.box.bottom - (b.box.top + b.box.bottom));
  const lines: Word[][] = [];
  for (const word of byCentre) {
    const centre = (word.box.top + word.box.bottom) / 2;
    const height = word.box.bottom - word.box.top;
    const line = lines.find((candidate) => {
      const last = candidate[candidate.length - 1];
      const lastCentre = (last.box.top + last.box.bottom) / 2;
      const lastHeight = last.box.bottom - last.box.top;
      return Math.abs(centre - lastCentre) < SAME_LINE_CENTRE_RATIO * Math.max(height, lastHeight, 1);
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => joinLine(line.sort((a, b) => a.box.left - b.box.left))).join('\n');
}

/**
 * A line's words joined with single spaces, except next to a CJK character (Tesseract's chi_sim
 * and jpn models return nearly every ideograph as its own word, '上 海' for 上海, and Chinese
 * sets digits against Han without a space: 2006年8月4日), and inside a number that OCR split at
 * a separator ('75,291 .82').
 */
function joinLine(words: Word[]): string {
  let text = '';
  for (const word of words) {
    const before = lastChar(text);
    const after = firstChar(word.text);
    const unspaced = UNSPACED_SCRIPT.test(before) || UNSPACED_SCRIPT.test(after);
    const splitNumber = (/\d/.test(before) && /^[.,]\d/.test(word.text)) || (/[.,]/.test(before) && /\d[.,]$/.test(text.slice(-2)) && /\d/.test(after));
    if (text !== '' && !unspaced && !splitNumber) text += ' ';
    text += word.text;
  }
  return text;
}

const firstChar = (text: string) => String.fromCodePoint(text.codePointAt(0) ?? 32);
const lastChar = (text: string) => [...text.slice(-2)].pop() ?? ' ';

/** Mean confidence of a cell's words, or null for an empty cell. */
export function cellConfidence(words: Word[]): number | null {
  if (words.length === 0) return null;
  return words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}
