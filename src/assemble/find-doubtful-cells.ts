// Which OCR'd cells may hold a wrong value, and why. A misread number that looks like a number
// (a lost decimal point, `,` read as `.`) is worse than a missing one: such cells are marked for
// the reader (comment, --mark-low-confidence fill, report), never silently passed on.
import { decideDecimalSeparator, parseCellValue } from './cell-values.js';
import type { ExtractedCell } from '../types.js';

/** A cell's words and what the cell reads as, for judging it. */
export interface CellReading {
  text: string;
  /** The lowest confidence (0-100) of the cell's words; null for an empty cell. */
  minConfidence: number | null;
}

// Mostly digits: a cell meant as a number (`1,234.5`, `12.5%`, `(300)`), not a label with a number in it.
const MIN_DIGIT_SHARE = 0.6;
// Characters that appear in no number and no code a table prints; OCR puts them where a digit or
// a separator was smudged (`2,238.0]11.7358.39`).
const GARBLED_NUMBER = /[\]\[|!;:'"?~_{}\\]|\d[OoIlSB]\d/;
// Two separators in a text no number reading accepts (`15.502.7`): with this many digits it is not a version or a date.
const MISPLACED_SEPARATORS = /\d[.,]\d+[.,]\d/;
const MIN_DIGITS_FOR_MISPLACED = 5;
// A column votes on its decimal places when at least this many of its numbers do, and this share
// of them agree: financial and statistical columns print one precision, whole numbers included.
const MIN_NUMBERS_FOR_PATTERN = 3;
const MIN_PATTERN_SHARE = 0.6;

const digitShare = (text: string) => {
  const visible = text.replace(/\s/g, '');
  return visible.length === 0 ? 0 : (visible.match(/\d/g)?.length ?? 0) / visible.length;
};

const isNumberLike = (text: string) => /\d/.test(text) && digitShare(text) >= MIN_DIGIT_SHARE;

const isGarbled = (text: string) =>
  GARBLED_NUMBER.test(text) || (MISPLACED_SEPARATORS.test(text) && (text.match(/\d/g)?.length ?? 0) >= MIN_DIGITS_FOR_MISPLACED);

/** Decimal places written in a number's text under `decimal` (`1,234.50` → 2). */
function decimalPlaces(text: string, decimal: '.' | ','): number {
  const at = text.lastIndexOf(decimal);
  if (at < 0) return 0;
  return text.slice(at + 1).match(/^\d*/)![0].length;
}

/**
 * For each cell of a table (`columnOf[i]`, `rowOf[i]` its column and row), the reason its reading
 * is in doubt, or null. Doubtful: a number-like cell read with a word below `lowConfidence`; a
 * number-like cell with characters no number has, or separators in impossible places; a number
 * whose decimal places differ from those its column agrees on. Percentages are a kind of their
 * own (a `9.12%` row under counts), and so is a row whose numbers differ from their columns alike
 * (a row of ratios under rows of amounts): a lost decimal point hits one cell, not a row.
 */
export function findDoubtfulCells(cells: readonly CellReading[], columnOf: readonly number[], rowOf: readonly number[], lowConfidence: number): (string | null)[] {
  const doubts: (string | null)[] = cells.map(() => null);
  const columns = new Map<number, number[]>();
  cells.forEach((_, index) => columns.set(columnOf[index], [...(columns.get(columnOf[index]) ?? []), index]));
  const offPattern: { index: number; reason: string }[] = [];
  for (const members of columns.values()) {
    const texts = members.map((index) => cells[index].text.trim());
    const decimal = decideDecimalSeparator(texts);
    const places: { index: number; places: number }[] = [];
    members.forEach((index, k) => {
      const text = texts[k];
      if (!isNumberLike(text)) return;
      const reading = cells[index];
      if (reading.minConfidence !== null && reading.minConfidence < lowConfidence) {
        doubts[index] = `a number read with ${Math.round(reading.minConfidence)}% confidence`;
      }
      const value = parseCellValue(text, decimal);
      if (value.kind === 'number' && !text.endsWith('%')) places.push({ index, places: decimalPlaces(text, decimal) });
      else if (value.kind === 'text' && isGarbled(text)) doubts[index] ??= 'digits or separators partly unreadable';
    });
    if (places.length < MIN_NUMBERS_FOR_PATTERN) continue;
    const counts = new Map<number, number>();
    for (const { places: p } of places) counts.set(p, (counts.get(p) ?? 0) + 1);
    const [usual, agreeing] = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (agreeing < MIN_PATTERN_SHARE * places.length) continue;
    // A column of whole numbers votes too: a thousands separator read as a decimal point turned
    // '987,000' into 987 and '1,779,478' into 1779.478, typed a thousand times too small.
    for (const { index, places: p } of places) {
      if (p !== usual) offPattern.push({ index, reason: `${p} decimal places where its column has ${usual === 0 ? 'none' : usual}: a separator may be misread` });
    }
  }
  const offInRow = new Map<number, number>();
  for (const { index } of offPattern) offInRow.set(rowOf[index], (offInRow.get(rowOf[index]) ?? 0) + 1);
  for (const { index, reason } of offPattern) if (offInRow.get(rowOf[index])! < 2) doubts[index] ??= reason;
  return doubts;
}

// A figure may span columns that its table fills separately in at least this share of its other rows…
const GLUED_FILL_SHARE = 0.5;
// …unless it is a year over a group of columns (a header).
const YEAR = /^(19|20)\d\d$/;

/** A cell of the grid, as far as gluing goes. */
export interface PlacedText {
  row: number;
  col: number;
  colSpan: number;
  text: string;
}

/**
 * For each cell, a doubt when it is a figure spanning columns that the table's other rows fill
 * separately: a missed column boundary glued two figures into one (`1` and `042968` into
 * `1042968`), a number no cell printed.
 */
export function findGluedFigures(cells: readonly PlacedText[]): (string | null)[] {
  const rows = new Set(cells.map((cell) => cell.row));
  const filledAlone = (col: number, exceptRow: number) =>
    cells.filter((cell) => cell.row !== exceptRow && cell.col === col && cell.colSpan === 1 && cell.text.trim() !== '').length;
  return cells.map((cell) => {
    const text = cell.text.trim();
    if (cell.colSpan < 2 || !isNumberLike(text) || YEAR.test(text)) return null;
    const others = rows.size - 1;
    for (let col = cell.col; col < cell.col + cell.colSpan; col++) if (others === 0 || filledAlone(col, cell.row) < GLUED_FILL_SHARE * others) return null;
    return `spans ${cell.colSpan} columns that other rows fill separately: figures of neighbouring cells may be glued together`;
  });
}

/** Whether a cell is to be checked by the reader: low mean confidence, or a doubt about its value. */
export function needsChecking(cell: ExtractedCell, lowConfidence: number): boolean {
  if (cell.text === '') return false;
  return cell.doubt !== null || (cell.confidence !== null && cell.confidence < lowConfidence);
}
