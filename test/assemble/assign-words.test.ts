import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignWordsToCells, cellText } from '../../src/assemble/assign-words-to-cells.ts';
import { buildTable } from '../../src/assemble/build-table.ts';
import type { CellGrid, Word } from '../../src/types.ts';

// 2 rows x 3 columns; the first row's first two columns are one merged cell.
const grid: CellGrid = {
  box: { left: 0, top: 0, right: 300, bottom: 100 },
  columnEdges: [0, 100, 200, 300],
  rowEdges: [0, 50, 100],
  cells: [
    { row: 0, col: 0, rowSpan: 1, colSpan: 2, box: { left: 0, top: 0, right: 200, bottom: 50 } },
    { row: 0, col: 2, rowSpan: 1, colSpan: 1, box: { left: 200, top: 0, right: 300, bottom: 50 } },
    { row: 1, col: 0, rowSpan: 1, colSpan: 1, box: { left: 0, top: 50, right: 100, bottom: 100 } },
    { row: 1, col: 1, rowSpan: 1, colSpan: 1, box: { left: 100, top: 50, right: 200, bottom: 100 } },
    { row: 1, col: 2, rowSpan: 1, colSpan: 1, box: { left: 200, top: 50, right: 300, bottom: 100 } },
  ],
};

const word = (text: string, left: number, top: number, right: number, bottom: number, confidence = 90): Word => ({
  text,
  confidence,
  box: { left, top, right, bottom },
});

describe('assignWordsToCells', () => {
  it('puts a word in the cell holding most of its area', () => {
    // Straddles the boundary at x=200, mostly in the right cell.
    const straddling = word('Total', 190, 60, 260, 80);
    const byCell = assignWordsToCells(grid, [straddling]);
    assert.deepEqual(byCell.map((words) => words.length), [0, 0, 0, 0, 1]);
  });

  it('keeps a word that spans the merged cell in that one cell', () => {
    const byCell = assignWordsToCells(grid, [word('Quarterly', 40, 10, 160, 30)]);
    assert.equal(byCell[0].length, 1);
  });

  it('never drops a word outside the grid: it goes to the nearest cell', () => {
    const byCell = assignWordsToCells(grid, [word('stray', 310, 60, 340, 80), word('above', 20, -30, 60, -10)]);
    assert.equal(byCell[4][0].text, 'stray');
    assert.equal(byCell[0][0].text, 'above');
    assert.equal(byCell.flat().length, 2);
  });
});

describe('cellText', () => {
  it('orders words into lines, left to right, lines joined with a newline', () => {
    const text = cellText([
      word('cell', 60, 30, 90, 40),
      word('second', 10, 31, 55, 41),
      word('line', 40, 10, 60, 20),
      word('first', 5, 11, 35, 21),
    ]);
    assert.equal(text, 'first line\nsecond cell');
  });

  it('is empty for no words', () => {
    assert.equal(cellText([]), '');
  });

  it('joins words next to CJK characters without a space (Chinese sets none), keeps spaces between Latin words and in Hangul', () => {
    // Tesseract's chi_sim returns most ideographs as words of their own.
    assert.equal(cellText([word('海', 40, 10, 70, 40), word('上', 5, 10, 35, 40)]), '上海');
    assert.equal(cellText([word('销售', 5, 10, 60, 40), word('额', 65, 10, 90, 40)]), '销售额');
    assert.equal(cellText([word('2023', 5, 10, 60, 40), word('年', 65, 10, 90, 40)]), '2023年');
    assert.equal(cellText([word('北京', 5, 10, 60, 40), word('Q1', 65, 10, 90, 40), word('季度', 95, 10, 150, 40)]), '北京Q1季度');
    assert.equal(cellText([word('Net', 5, 10, 40, 40), word('income', 45, 10, 90, 40)]), 'Net income');
    // A number OCR split at its separator is one number again.
    assert.equal(cellText([word('75,291', 5, 10, 60, 40), word('.82', 62, 10, 80, 40)]), '75,291.82');
    assert.equal(cellText([word('1,', 5, 10, 20, 40), word('234.5', 24, 10, 60, 40)]), '1,234.5');
    assert.equal(cellText([word('東京', 5, 10, 60, 40), word('さとう', 65, 10, 120, 40), word('タナカ', 125, 10, 180, 40)]), '東京さとうタナカ');
    assert.equal(cellText([word('서울', 5, 10, 60, 40), word('특별시', 65, 10, 120, 40)]), '서울 특별시');
    assert.equal(cellText([word('𠀀', 5, 10, 30, 40), word('字', 35, 10, 60, 40)]), '𠀀字', 'a character outside the BMP');
    // Lines are still joined with a newline.
    assert.equal(cellText([word('合', 5, 10, 30, 40), word('计', 35, 10, 60, 40), word('全', 5, 50, 30, 80), word('年', 35, 50, 60, 80)]), '合计\n全年');
  });
});

describe('buildTable', () => {
  it('builds cells with text, spans and mean confidence from words', () => {
    const cropWords = [word('Name', 10, 10, 60, 30, 80), word('Tag', 10, 60, 50, 80, 90), word('A1', 110, 60, 140, 80, 70)];
    const table = buildTable(grid, cropWords, { pageNumber: 3, tableIndex: 1, dpi: 300, source: 'ocr', lowConfidence: 60 });
    assert.equal(table.rowCount, 2);
    assert.equal(table.columnCount, 3);
    assert.deepEqual(
      table.cells.map((cell) => [cell.row, cell.col, cell.rowSpan, cell.colSpan, cell.text, cell.confidence]),
      [
        [0, 0, 1, 2, 'Name', 80],
        [0, 2, 1, 1, '', null],
        [1, 0, 1, 1, 'Tag', 90],
        [1, 1, 1, 1, 'A1', 70],
        [1, 2, 1, 1, '', null],
      ],
    );
  });
});
