// An area the user marked (--area) taken as one table when detection finds none in it, or when
// its column separators are given (--columns): tabula's "stream" mode over a region. A row per
// text line; columns at the given separators, else at the gaps that no line's words cover.
import type { CellGrid, GridCell, PixelArea, Word } from '../types.js';
import { findColumnGaps } from './column-gaps.js';
import { buildTextLines, measureText } from './text-lines.js';
import { centreInCell } from '../measure.js';

/** The words whose centre lies in the area's box. */
export function wordsInArea(words: readonly Word[], area: PixelArea): Word[] {
  return words.filter((word) => centreInCell(word, area.box));
}

/** The area's words as a grid filling the area; null when no word is in it. */
export function gridFromArea(words: readonly Word[], area: PixelArea, dpi: number): CellGrid | null {
  const lines = buildTextLines(wordsInArea(words, area));
  if (lines.length === 0) return null;
  const { box } = area;
  const separators = area.columns ?? findColumnGaps(lines, measureText(lines, dpi).minColumnGapPx).map((gap) => Math.round((gap.left + gap.right) / 2));
  const columnEdges = [box.left, ...separators.filter((x) => x > box.left && x < box.right), box.right];
  // Row edges halfway between neighbouring lines; the outer ones are the area's.
  const rowEdges = [box.top];
  for (let i = 1; i < lines.length; i++) rowEdges.push(Math.max(rowEdges[i - 1] + 1, Math.round((lines[i - 1].bottom + lines[i].top) / 2)));
  rowEdges.push(Math.max(rowEdges[rowEdges.length - 1] + 1, box.bottom));
  const cells: GridCell[] = [];
  for (let row = 0; row + 1 < rowEdges.length; row++) {
    for (let col = 0; col + 1 < columnEdges.length; col++) {
      cells.push({ row, col, rowSpan: 1, colSpan: 1, box: { left: columnEdges[col], top: rowEdges[row], right: columnEdges[col + 1], bottom: rowEdges[row + 1] } });
    }
  }
  return { box: { left: box.left, top: rowEdges[0], right: box.right, bottom: rowEdges[rowEdges.length - 1] }, columnEdges, rowEdges, cells };
}
