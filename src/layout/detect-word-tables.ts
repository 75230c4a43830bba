// Tables without (full) rulings, found from the layout of the page's words: whitespace-aligned
// columns, optionally with horizontal rules (booktabs) or an outer frame.
import type { CellGrid, PixelBox, Ruling, Word } from '../types.js';
import { sortReadingOrder } from '../grid/sort-reading-order.js';
import { findProseColumns, findWordTableProblem } from './check-word-table.js';
import { findLineBlocks } from './find-line-blocks.js';
import { analyseBlock, type WordTable } from './table-structure.js';
import { buildTextLines, measureText, splitPhrases } from './text-lines.js';
import { buildWordTableGrid } from './word-table-grid.js';
import { centreInside, median, overlapArea } from '../measure.js';

export interface WordTableHints {
  /** Long horizontal rulings on the page that are not part of a ruled table. */
  horizontalRules: Ruling[];
  /** Boxes of the ruled tables already found: their words are not looked at. */
  excludeBoxes: PixelBox[];
}

/** A word inside an excluded box (its centre within this many pixels per 100 DPI of it) is that table's. */
const EXCLUDE_TOLERANCE_PX_PER_100_DPI = 2;
/** OCR words below this confidence are noise (specks, shading, rules read as letters). */
const MIN_OCR_CONFIDENCE = 15;
/** …and punctuation-only words below this one. */
const MIN_OCR_SYMBOL_CONFIDENCE = 50;
/** A word of punctuation smaller than this share of the typical word height each way is a mark, not text. */
const MARK_SIZE_RATIO = 0.5;
/** A word of punctuation taller than this many typical word heights is a stroke, not text. */
const MAX_MARK_HEIGHT_RATIO = 2;
/** Marks that Tesseract makes of specks at a word's ends. */
const STRAY_END = /^[\u0022\u0027`|\u2018\u2019\u201c\u201d\u300c\u300d]$/u;
/** Three or more leader dots (or an ellipsis, middle dots, underscores) at the end of a word. */
const LEADER = /(?:[.…·_]\s*){3,}$/u;
/** Fewer words than this make no table. */
const MIN_TABLE_WORDS = 6;
/** Horizontal rules shorter than this are underlines, not table rules. */
const MIN_RULE_INCHES = 0.5;
/** Pages are cut into text columns at most this many times over (a three-column page inside a two-column one). */
const MAX_PAGE_COLUMN_DEPTH = 2;
/** A grid overlapping a ruled table by this share of its own area is that table seen again. */
const MAX_EXCLUDE_OVERLAP_RATIO = 0.1;

/** Debug record of one call: every candidate block and why it was kept or dropped. */
export interface WordTableTrace {
  candidates: { box: PixelBox | null; lines: number; reason: string }[];
}


function isUsable(word: Word): boolean {
  const text = word.text.trim();
  if (text === '' || word.box.right <= word.box.left || word.box.bottom <= word.box.top) return false;
  if (word.confidence < MIN_OCR_CONFIDENCE) return false;
  if (word.confidence < MIN_OCR_SYMBOL_CONFIDENCE && !/[\p{L}\p{N}]/u.test(text)) return false;
  return true;
}

/**
 * A word without a letter or digit that is small in both directions (a speck, a dot, a dash), or
 * much taller than text (the edge of a shaded band or a stroke read as '|' or '。').
 */
function isMark(word: Word, typicalHeight: number): boolean {
  if (/[\p{L}\p{N}]/u.test(word.text)) return false;
  const limit = MARK_SIZE_RATIO * typicalHeight;
  const height = word.box.bottom - word.box.top;
  return (word.box.right - word.box.left < limit && height < limit) || height > MAX_MARK_HEIGHT_RATIO * typicalHeight;
}

/**
 * An unsure word without the quote marks or bars at its ends ('”不锈钢' at confidence 31): Tesseract
 * reads a speck in the gap before a word as such a mark, and the word's box then reaches into the
 * column gap. Only the box changes (cut in proportion to the characters kept), and only for
 * finding the table.
 */
function withoutStrayEnds(word: Word): Word {
  if (word.confidence >= MIN_OCR_SYMBOL_CONFIDENCE) return word;
  const chars = [...word.text];
  let start = 0;
  let end = chars.length;
  while (start < end && STRAY_END.test(chars[start])) start++;
  while (end > start && STRAY_END.test(chars[end - 1])) end--;
  if (end - start === chars.length || end === start) return word;
  const perChar = (word.box.right - word.box.left) / chars.length;
  const box = { ...word.box, left: word.box.left + start * perChar, right: word.box.right - (chars.length - end) * perChar };
  return { ...word, text: chars.slice(start, end).join(''), box };
}

/**
 * A word without its dot leader ('Total ........ 12', 'Total.......'): leaders run through the gap
 * between a label and its numbers. Only the word's box changes (cut in proportion to the
 * characters kept), and only for finding the table; a word of leader dots alone is dropped.
 */
function withoutLeader(word: Word): Word | null {
  const match = LEADER.exec(word.text);
  if (!match) return word;
  const kept = word.text.length - match[0].length;
  if (kept === 0) return null;
  const right = word.box.left + ((word.box.right - word.box.left) * kept) / word.text.length;
  return { ...word, text: word.text.slice(0, kept), box: { ...word.box, right } };
}


/**
 * Find the tables a page lays out with whitespace (and perhaps horizontal rules) instead of a
 * ruling grid, from its words in page pixels. Lines of words that share column gaps (vertical
 * strips no word crosses) form blocks; a block's header lines (which may span gaps), columns (an
 * edge in each gap), rows (wrapped lines joined to their row, rules as separators) are worked
 * out, titles above and notes below trimmed, and blocks that read as prose, lists or key: value
 * pairs are dropped. Grids come in reading order, with the ruled grids' contract.
 */
export function detectWordTables(
  words: Word[],
  page: { width: number; height: number; dpi: number },
  hints: WordTableHints,
  trace?: WordTableTrace,
): CellGrid[] {
  const tolerance = (EXCLUDE_TOLERANCE_PX_PER_100_DPI * page.dpi) / 100;
  let usable = words.filter((w) => isUsable(w) && !hints.excludeBoxes.some((box) => centreInside(w, box, tolerance)));
  if (usable.length < MIN_TABLE_WORDS) return [];
  // Specks, stray dots and dashes standing alone say nothing about columns (they still go to cells later).
  const typicalHeight = median(usable.map((w) => w.box.bottom - w.box.top));
  usable = usable.filter((w) => !isMark(w, typicalHeight)).map(withoutStrayEnds).map(withoutLeader).filter((w): w is Word => w !== null);
  const rules = hints.horizontalRules.filter((r) => r.orientation === 'horizontal' && r.end - r.start >= MIN_RULE_INCHES * page.dpi);
  const grids = detectIn(usable, page.dpi, rules, 0, trace).filter((grid) => {
    const area = (grid.box.right - grid.box.left) * (grid.box.bottom - grid.box.top);
    const overlaps = hints.excludeBoxes.some((box) => overlapArea(box, grid.box) > MAX_EXCLUDE_OVERLAP_RATIO * area);
    if (overlaps) trace?.candidates.push({ box: grid.box, lines: 0, reason: 'overlaps a ruled table' });
    return !overlaps;
  });
  return sortReadingOrder(grids);
}

/**
 * The tables among `words`. A block rejected as columns of running text (a two- or three-column
 * page) is searched again column by column: a table inside one column of a page shares its lines
 * with the prose beside it.
 */
function detectIn(words: Word[], dpi: number, rules: readonly Ruling[], depth: number, trace?: WordTableTrace): CellGrid[] {
  if (words.length < MIN_TABLE_WORDS) return [];
  const lines = buildTextLines(words);
  const metrics = measureText(lines, dpi);
  splitPhrases(lines, metrics.minColumnGapPx);

  const grids: CellGrid[] = [];
  let floor = 0;
  for (const block of findLineBlocks(lines, metrics, rules)) {
    const table = analyseBlock(lines, block, floor, metrics, rules);
    const problem = table ? findWordTableProblem(table, metrics, rules) : 'no column structure';
    if (!table || problem) {
      trace?.candidates.push({ box: null, lines: block.end - block.start, reason: problem });
      if (table && depth < MAX_PAGE_COLUMN_DEPTH) grids.push(...detectInTextColumns(table, words, dpi, rules, depth, trace));
      continue;
    }
    const first = table.rows[0][0];
    const lastRow = table.rows[table.rows.length - 1];
    const last = lastRow[lastRow.length - 1];
    const firstIndex = lines.indexOf(first);
    const lastIndex = lines.indexOf(last);
    const grid = buildWordTableGrid(table, metrics, rules, {
      above: firstIndex > 0 ? lines[firstIndex - 1] : null,
      below: lastIndex + 1 < lines.length ? lines[lastIndex + 1] : null,
    });
    trace?.candidates.push({ box: grid.box, lines: block.end - block.start, reason: '' });
    grids.push(grid);
    floor = Math.max(floor, lastIndex + 1);
  }
  return grids;
}

/** Searches each column of a block of running text on its own (the block's lines, cut at the gaps beside prose columns). */
function detectInTextColumns(table: WordTable, words: Word[], dpi: number, rules: readonly Ruling[], depth: number, trace?: WordTableTrace): CellGrid[] {
  const prose = findProseColumns(table);
  if (prose.length < 2 || prose.length < table.columnEdges.length - 2) return [];
  const edges = table.columnEdges;
  const cuts = edges.filter((_, e) => e > 0 && e < edges.length - 1 && (prose.includes(e - 1) || prose.includes(e)));
  const bounds = [-Infinity, ...cuts, Infinity];
  const top = Math.min(...table.rows[0].map((l) => l.top));
  const lastRow = table.rows[table.rows.length - 1];
  const bottom = Math.max(...lastRow.map((l) => l.bottom));
  const grids: CellGrid[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = words.filter((w) => {
      const x = (w.box.left + w.box.right) / 2;
      const y = (w.box.top + w.box.bottom) / 2;
      return x >= bounds[i] && x < bounds[i + 1] && y >= top && y <= bottom;
    });
    grids.push(...detectIn(part, dpi, rules, depth + 1, trace));
  }
  return grids;
}
