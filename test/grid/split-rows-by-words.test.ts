import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitRowsByWords } from '../../src/grid/split-rows-by-words.ts';
import type { CellGrid, Word } from '../../src/types.ts';

const PAGE = { width: 1200, height: 900, dpi: 300 };

/** A vector-ruled grid: a header row over one tall body row, columns at `edges` (rules between columns only). */
function columnsRuledGrid(edges: number[], rowEdges: number[]): CellGrid {
  const cells = rowEdges.slice(1).flatMap((bottom, row) =>
    edges.slice(1).map((right, col) => ({ row, col, rowSpan: 1, colSpan: 1, box: { left: edges[col], top: rowEdges[row], right, bottom } })),
  );
  return { box: { left: edges[0], top: rowEdges[0], right: edges[edges.length - 1], bottom: rowEdges[rowEdges.length - 1] }, columnEdges: edges, rowEdges, cells };
}

/** Text-layer words: boxes as tall as a 10-pt line at 300 dpi (ascender to descender), set solid (no leading). */
function word(text: string, left: number, top: number): Word {
  return { text, confidence: 100, box: { left, top, right: left + 20 * text.length, bottom: top + 42 } };
}

describe('splitRowsByWords', () => {
  it('splits the body of a table ruled only between columns into its text lines, tightly set lines included', () => {
    const grid = columnsRuledGrid([100, 500, 800, 1100], [100, 160, 400]);
    const words = [
      word('Item', 120, 110), word('2023', 520, 110), word('2024', 820, 110),
      ...['Revenue', 'Costs', 'Profit', 'Tax'].flatMap((label, i) => [word(label, 120, 180 + i * 42), word(`${10 + i}`, 520, 180 + i * 42), word(`${20 + i}`, 820, 180 + i * 42)]),
    ];
    const [split] = splitRowsByWords([grid], words, PAGE);
    assert.equal(split.rowEdges.length - 1, 5);
    assert.equal(split.cells.length, 15);
    assert.deepEqual(split.rowEdges.slice(0, 2), [100, 160]);
  });

  it('keeps a row whose one column wraps beside one-line cells', () => {
    const grid = columnsRuledGrid([100, 500, 800, 1100], [100, 160, 400]);
    const words = [word('Long', 120, 180), word('label', 120, 222), word('12', 520, 180), word('34', 820, 180)];
    const [split] = splitRowsByWords([grid], words, PAGE);
    assert.deepEqual(split.rowEdges, [100, 160, 400]);
  });
});
