// Tables without (full) rulings, found from the layout of the page's words: whitespace-aligned
// columns, optionally with horizontal rules (booktabs) or an outer frame.
import type { CellGrid, PixelBox, Ruling, Word } from '../types.js';
import { sortReadingOrder } from '../detect/sort-reading-order.js';
import { findWordTableProblem } from './check-word-table.js';
import { findLineBlocks } from './find-line-blocks.js';
import { analyseBlock } from './table-structure.js';
import { buildTextLines, measureText, splitPhrases } from './text-lines.js';
import { buildWordTableGrid } from './word-table-grid.js';

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
/** Fewer words than this make no table. */
const MIN_TABLE_WORDS = 6;
/** Horizontal rules shorter than this are underlines, not table rules. */
const MIN_RULE_INCHES = 0.5;
/** A grid overlapping a ruled table by this share of its own area is that table seen again. */
const MAX_EXCLUDE_OVERLAP_RATIO = 0.1;

/** Debug record of one call: every candidate block and why it was kept or dropped. */
export interface WordTableTrace {
  candidates: { box: PixelBox | null; lines: number; reason: string }[];
}

function inside(word: Word, box: PixelBox, tolerance: number): boolean {
  const x = (word.box.left + word.box.right) / 2;
  const y = (word.box.top + word.box.bottom) / 2;
  return x >= box.left - tolerance && x <= box.right + tolerance && y >= box.top - tolerance && y <= box.bottom + tolerance;
}

function isUsable(word: Word): boolean {
  const text = word.text.trim();
  if (text === '' || word.box.right <= word.box.left || word.box.bottom <= word.box.top) return false;
  if (word.confidence < MIN_OCR_CONFIDENCE) return false;
  if (word.confidence < MIN_OCR_SYMBOL_CONFIDENCE && !/[\p{L}\p{N}]/u.test(text)) return false;
  return true;
}

function overlapArea(a: PixelBox, b: PixelBox): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
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
  const usable = words.filter((w) => isUsable(w) && !hints.excludeBoxes.some((box) => inside(w, box, tolerance)));
  if (usable.length < MIN_TABLE_WORDS) return [];
  const lines = buildTextLines(usable);
  const metrics = measureText(lines, page.dpi);
  splitPhrases(lines, metrics.minColumnGapPx);
  const rules = hints.horizontalRules.filter((r) => r.orientation === 'horizontal' && r.end - r.start >= MIN_RULE_INCHES * page.dpi);

  const grids: CellGrid[] = [];
  let floor = 0;
  for (const block of findLineBlocks(lines, metrics, rules)) {
    const table = analyseBlock(lines, block, floor, metrics, rules);
    const problem = table ? findWordTableProblem(table, metrics) : 'no column structure';
    if (!table || problem) {
      trace?.candidates.push({ box: null, lines: block.end - block.start, reason: problem });
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
    const area = (grid.box.right - grid.box.left) * (grid.box.bottom - grid.box.top);
    if (hints.excludeBoxes.some((box) => overlapArea(box, grid.box) > MAX_EXCLUDE_OVERLAP_RATIO * area)) {
      trace?.candidates.push({ box: grid.box, lines: block.end - block.start, reason: 'overlaps a ruled table' });
      continue;
    }
    trace?.candidates.push({ box: grid.box, lines: block.end - block.start, reason: '' });
    grids.push(grid);
    floor = Math.max(floor, lastIndex + 1);
  }
  return sortReadingOrder(grids);
}
