// Vertical whitespace shared by a set of text lines: the column gaps of a table without rulings.
import type { TextLine } from './text-lines.js';

/** An x range, `left` inclusive, `right` exclusive. */
export interface Interval {
  left: number;
  right: number;
}

/** A column gap: an x range no word of the lines covers. */
export interface ColumnGap extends Interval {
  /** Lines with words on both sides of the gap. */
  support: number;
}

const coverageCache = new WeakMap<TextLine, Interval[]>();

/** The x ranges covered by the words of one line, sorted and merged (computed once per line). */
export function lineCoverage(line: TextLine): Interval[] {
  let out = coverageCache.get(line);
  if (out) return out;
  out = [];
  for (const word of line.words) {
    const last = out[out.length - 1];
    if (last && word.box.left <= last.right) last.right = Math.max(last.right, word.box.right);
    else out.push({ left: word.box.left, right: word.box.right });
  }
  coverageCache.set(line, out);
  return out;
}

/** The x ranges covered by any word of the lines, sorted and merged. */
export function unionCoverage(lines: readonly TextLine[]): Interval[] {
  const pieces = lines.flatMap(lineCoverage).sort((a, b) => a.left - b.left);
  return mergeCoverage([], pieces);
}

/**
 * The gaps between columns of `lines`: maximal x ranges at least `minWidthPx` wide that no word
 * covers, inside the lines' overall extent, with words on both sides in at least `minSupport`
 * lines. Sorted left to right.
 */
export function findColumnGaps(lines: readonly TextLine[], minWidthPx: number, minSupport = 1): ColumnGap[] {
  return gapsInCoverage(unionCoverage(lines), lines, minWidthPx, minSupport);
}

/** The gaps between the pieces of `coverage` (the union of `lines`' words), as findColumnGaps. */
export function gapsInCoverage(coverage: readonly Interval[], lines: readonly TextLine[], minWidthPx: number, minSupport = 1): ColumnGap[] {
  const gaps: ColumnGap[] = [];
  for (let i = 1; i < coverage.length; i++) {
    const gap = { left: coverage[i - 1].right, right: coverage[i].left, support: 0 };
    if (gap.right - gap.left < minWidthPx) continue;
    gap.support = countSupport(lines, gap);
    if (gap.support >= minSupport) gaps.push(gap);
  }
  return gaps;
}

/** How many lines have words on both sides of the gap's middle. */
export function countSupport(lines: readonly TextLine[], gap: Interval): number {
  const middle = (gap.left + gap.right) / 2;
  let count = 0;
  for (const line of lines) if (line.firstRight <= middle && line.lastLeft >= middle) count++;
  return count;
}

/** The column gaps of a growing block of lines, updated line by line (see findColumnGaps). */
export class GapTracker {
  private coverage: Interval[] = [];
  private readonly lines: TextLine[] = [];

  constructor(private readonly minWidthPx: number) {}

  /** The gaps the block would have with `line` added (the block is not changed). */
  gapsWith(line: TextLine): ColumnGap[] {
    this.lines.push(line);
    const gaps = gapsInCoverage(mergeCoverage(this.coverage, lineCoverage(line)), this.lines, this.minWidthPx);
    this.lines.pop();
    return gaps;
  }

  add(line: TextLine): void {
    this.coverage = mergeCoverage(this.coverage, lineCoverage(line));
    this.lines.push(line);
  }
}

/** Union of two sorted lists of disjoint intervals, sorted and merged (a linear merge). */
export function mergeCoverage(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const piece = j >= b.length || (i < a.length && a[i].left <= b[j].left) ? a[i++] : b[j++];
    const last = out[out.length - 1];
    if (last && piece.left <= last.right) last.right = Math.max(last.right, piece.right);
    else out.push({ left: piece.left, right: piece.right });
  }
  return out;
}

/** `interval` minus the x ranges of `boxes`: the pieces left over, left to right. */
export function subtractWords(interval: Interval, boxes: readonly { left: number; right: number }[]): Interval[] {
  let pieces: Interval[] = [{ ...interval }];
  for (const box of boxes) {
    const next: Interval[] = [];
    for (const piece of pieces) {
      if (box.right <= piece.left || box.left >= piece.right) {
        next.push(piece);
        continue;
      }
      if (box.left > piece.left) next.push({ left: piece.left, right: box.left });
      if (box.right < piece.right) next.push({ left: box.right, right: piece.right });
    }
    pieces = next;
  }
  return pieces;
}
