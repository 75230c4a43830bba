// Small geometry shared by the layout stages: rules against tables, line extents, columns of words.
import type { Ruling, Word } from '../types.js';
import type { TextLine } from './text-lines.js';

/** A rule belongs to a table when it spans this share of the table's width. */
const MIN_RULE_SPAN_RATIO = 0.6;

/** Whether the rule runs along most of the x range `left`..`right`. */
export function ruleSpans(rule: Ruling, left: number, right: number): boolean {
  const overlap = Math.min(rule.end, right) - Math.max(rule.start, left);
  return overlap >= MIN_RULE_SPAN_RATIO * (right - left);
}

/** Whether a rule spanning `left`..`right` lies between two lines. */
export function ruleBetween(rules: readonly Ruling[], upper: { bottom: number }, lower: { top: number }, left: number, right: number): boolean {
  return rules.some((r) => r.position > upper.bottom - 1 && r.position < lower.top + 1 && ruleSpans(r, left, right));
}

/** The x range the lines' words cover. */
export function extentOf(lines: readonly TextLine[]): { left: number; right: number } {
  return { left: Math.min(...lines.map((l) => l.left)), right: Math.max(...lines.map((l) => l.right)) };
}

/** Index of the column (between `edges`, ascending) that holds the word's centre: the one with most of it. */
export function columnOf(word: Word, edges: readonly number[]): number {
  const centre = (word.box.left + word.box.right) / 2;
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (edges[mid] <= centre) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The words of `lines` per column: result[c] = words in column c, in reading order. */
export function wordsByColumn(lines: readonly TextLine[], edges: readonly number[]): Word[][] {
  const out: Word[][] = edges.slice(1).map(() => []);
  for (const line of lines) for (const word of line.words) out[columnOf(word, edges)].push(word);
  return out;
}

/** The words' text, joined by spaces. */
export function textOf(words: readonly Word[]): string {
  return words.map((w) => w.text).join(' ');
}
