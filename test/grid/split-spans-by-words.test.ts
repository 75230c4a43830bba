import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSpansByWords } from '../../src/grid/split-spans-by-words.ts';
import type { CellGrid, GridCell, Word } from '../../src/types.ts';

// Three rows of 40 px, two columns of 100 px; the first column's cell spans rows 1 and 2.
const cell = (row: number, col: number, rowSpan = 1): GridCell => ({ row, col, rowSpan, colSpan: 1, box: { left: col * 100, top: row * 40, right: col * 100 + 100, bottom: (row + rowSpan) * 40 } });
const grid: CellGrid = {
  box: { left: 0, top: 0, right: 200, bottom: 120 },
  columnEdges: [0, 100, 200],
  rowEdges: [0, 40, 80, 120],
  cells: [cell(0, 0), cell(0, 1), cell(1, 0, 2), cell(1, 1), cell(2, 1)],
};
const word = (text: string, left: number, top: number, height = 14): Word => ({ text, confidence: 95, box: { left, top, right: left + 30, bottom: top + height } });
const rowText = [word('Week', 10, 13), word('Date', 110, 13), word('13', 110, 53), word('20', 110, 93)];

describe('splitSpansByWords', () => {
  it('splits a spanning cell whose lines sit one per row, level with the rows beside them', () => {
    const split = splitSpansByWords(grid, [...rowText, word('6', 10, 53), word('7', 10, 93)]);
    assert.deepEqual(split.cells.map((c) => [c.row, c.col, c.rowSpan]), [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [2, 0, 1], [2, 1, 1]]);
    assert.deepEqual(split.cells[2].box, { left: 0, top: 40, right: 100, bottom: 80 });
  });

  it('keeps a merged label whose lines are set close together in the middle of the span', () => {
    // Two lines 16 px apart around the edge at y = 80: level with neither row's text.
    const kept = splitSpansByWords(grid, [...rowText, word('Surface', 10, 64), word('mounted', 10, 80)]);
    assert.equal(kept, grid);
    assert.equal(splitSpansByWords(grid, [...rowText, word('Lamps', 10, 73)]), grid, 'one line is a merged cell');
    // A header label wrapped over the two header rows lines up with them, and stays merged.
    const header: CellGrid = { ...grid, cells: [cell(0, 0, 2), cell(0, 1), cell(1, 1), cell(2, 0), cell(2, 1)] };
    assert.equal(splitSpansByWords(header, [word('#', 10, 13), word('TEDs', 110, 13), word('layers', 10, 53), word('simple', 110, 53)]), header);
  });

  it('keeps a row label heading sub-rows that repeat down the table', () => {
    // Column 0: two labels, each over the sub-rows 'Amount' / 'Share' of column 1.
    const rows = [0, 1, 2, 3, 4];
    const sub: CellGrid = {
      box: { left: 0, top: 0, right: 200, bottom: 200 },
      columnEdges: [0, 100, 200],
      rowEdges: rows.map((r) => r * 40).concat(200),
      cells: [cell(0, 0), cell(0, 1), cell(1, 0, 2), cell(1, 1), cell(2, 1), cell(3, 0, 2), cell(3, 1), cell(4, 1)],
    };
    const words = [word('Item', 10, 13), word('Kind', 110, 13), word('Income', 10, 53), word('Amount', 110, 53), word('total', 10, 93), word('Share', 110, 93),
      word('Expense', 10, 133), word('Amount', 110, 133), word('total', 10, 173), word('Share', 110, 173)];
    assert.equal(splitSpansByWords(sub, words), sub);
  });
});

