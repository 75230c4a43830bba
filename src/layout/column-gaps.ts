// Vertical whitespace shared by a set of text lines: the column gaps of a table without rulings.
import type { TextLine } from './text-lines.js';

/** An x range, `left` inclusive, `right` exclusive. */
export interface Interval {
  left: number;
  right: number;
}

/** A column gap: an x range no word of the lines covers (or only a few, see findColumnGaps). */
export interface ColumnGap extends Interval {
  /** Lines with words on both sides of the gap. */
  support: number;
}

/** The x ranges covered by the words of one line, sorted and merged. */
export function lineCoverage(line: TextLine): Interval[] {
  const out: Interval[] = [];
  for (const word of line.words) {
    const last = out[out.length - 1];
    if (last && word.box.left <= last.right) last.right = Math.max(last.right, word.box.right);
    else out.push({ left: word.box.left, right: word.box.right });
  }
  return out;
}

/**
 * The gaps between columns of `lines`: maximal x ranges at least `minWidthPx` wide that at most
 * `maxCrossingLines` lines cover (0: no word at all), inside the lines' overall extent, with words
 * on both sides in at least `minSupport` lines. Sorted left to right.
 */
export function findColumnGaps(lines: readonly TextLine[], minWidthPx: number, maxCrossingLines = 0, minSupport = 1): ColumnGap[] {
  if (lines.length === 0) return [];
  const events: [number, number][] = [];
  let extentLeft = Infinity;
  let extentRight = -Infinity;
  for (const line of lines) {
    for (const piece of lineCoverage(line)) {
      events.push([piece.left, 1], [piece.right, -1]);
      extentLeft = Math.min(extentLeft, piece.left);
      extentRight = Math.max(extentRight, piece.right);
    }
  }
  // At equal x, ends before starts: touching words leave no gap, and none is invented.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const gaps: ColumnGap[] = [];
  let count = 0;
  let openAt: number | null = null;
  for (const [x, delta] of events) {
    const before = count;
    count += delta;
    if (before > maxCrossingLines && count <= maxCrossingLines) openAt = x;
    else if (before <= maxCrossingLines && count > maxCrossingLines && openAt !== null) {
      if (x - openAt >= minWidthPx) gaps.push({ left: openAt, right: x, support: 0 });
      openAt = null;
    }
  }
  const inner = gaps.filter((g) => g.left > extentLeft && g.right < extentRight);
  for (const gap of inner) gap.support = countSupport(lines, gap);
  return inner.filter((g) => g.support >= minSupport);
}

/** How many lines have words on both sides of the gap's middle. */
export function countSupport(lines: readonly TextLine[], gap: Interval): number {
  const middle = (gap.left + gap.right) / 2;
  let count = 0;
  for (const line of lines) if (line.firstRight <= middle && line.lastLeft >= middle) count++;
  return count;
}

/**
 * The column gaps of a growing block of lines, updated line by line: the merged coverage of all
 * its words, and the gaps (at least `minWidthPx` wide, with words on both sides in one line at least) inside it.
 */
export class GapTracker {
  private coverage: Interval[] = [];
  private readonly lines: TextLine[] = [];

  constructor(private readonly minWidthPx: number) {}

  /** The gaps the block would have with `line` added (the block is not changed). */
  gapsWith(line: TextLine): Interval[] {
    return this.gapsOf(mergeCoverage(this.coverage, lineCoverage(line)), [...this.lines, line]);
  }

  add(line: TextLine): void {
    this.coverage = mergeCoverage(this.coverage, lineCoverage(line));
    this.lines.push(line);
  }

  private gapsOf(coverage: Interval[], lines: readonly TextLine[]): Interval[] {
    const gaps: Interval[] = [];
    for (let i = 1; i < coverage.length; i++) {
      const gap = { left: coverage[i - 1].right, right: coverage[i].left };
      if (gap.right - gap.left >= this.minWidthPx && countSupport(lines, gap) >= 1) gaps.push(gap);
    }
    return gaps;
  }
}

/** Union of two sorted lists of disjoint intervals. */
function mergeCoverage(a: Interval[], b: Interval[]): Interval[] {
  const all = [...a, ...b].sort((x, y) => x.left - y.left);
  const out: Interval[] = [];
  for (const piece of all) {
    const last = out[out.length - 1];
    if (last && piece.left <= last.right) last.right = Math.max(last.right, piece.right);
    else out.push({ ...piece });
  }
  return out;
}

/** `interval` minus the x ranges of `words`: the pieces left over, left to right. */
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
