import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDoubtfulCells, findGluedFigures, needsChecking } from '../../src/assemble/find-doubtful-cells.ts';

const cells = (texts: string[], confidence = 95) => texts.map((text) => ({ text, minConfidence: text === '' ? null : confidence }));

describe('findDoubtfulCells', () => {
  it('marks a number whose decimal places differ from its column (a lost or misread separator)', () => {
    const texts = ['Price', '12.50', '7.25', '380', '24.95', '1.8731'];
    const doubts = findDoubtfulCells(cells(texts), texts.map(() => 0), texts.map((_, row) => row), 60);
    assert.deepEqual(doubts.map((doubt) => doubt !== null), [false, false, false, true, false, true]);
    assert.match(doubts[3]!, /0 decimal places where its column has 2/);
  });

  it('marks a number with decimals in a column of whole numbers (a thousands separator read as a point)', () => {
    const texts = ['Budget', '987.000', '2,468,000', '1,833,000', '1,779.478', '2,328,000'];
    const doubts = findDoubtfulCells(cells(texts), texts.map(() => 0), texts.map((_, row) => row), 60);
    assert.deepEqual(doubts.map((doubt) => doubt !== null), [false, true, false, false, true, false]);
    assert.match(doubts[1]!, /3 decimal places where its column has none/);
  });

  it('leaves a column of whole numbers, and a column without an agreed precision, alone', () => {
    assert.deepEqual(findDoubtfulCells(cells(['7', '65', '315', '1,473']), [0, 0, 0, 0], [0, 1, 2, 3], 60), [null, null, null, null]);
    assert.deepEqual(findDoubtfulCells(cells(['1.5', '2.25', '3', '4.125']), [0, 0, 0, 0], [0, 1, 2, 3], 60), [null, null, null, null]);
  });

  it('marks digits with characters no number has, or separators out of place, but not codes, dates or labels', () => {
    const texts = ['2,238.0]11.7358.39', '15.502.7', 'A12', '2024-03-01', '1.2.3', 'Total 12'];
    const doubts = findDoubtfulCells(cells(texts), texts.map((_, index) => index), texts.map(() => 0), 60);
    assert.deepEqual(doubts.map((doubt) => doubt !== null), [true, true, false, false, false, false]);
  });

  it('marks a number read with a low-confidence word, whatever its column', () => {
    const doubts = findDoubtfulCells([{ text: '5,288,011,738.39', minConfidence: 41 }, { text: 'Net income', minConfidence: 40 }], [0, 1], [0, 0], 60);
    assert.match(doubts[0]!, /41% confidence/);
    assert.equal(doubts[1], null);
  });

  it('leaves percentages, and a row whose numbers all differ from their columns alike (ratios under amounts), alone', () => {
    // Two columns of counts; row 4 holds shares of them, row 5 a percentage.
    const texts = ['120', '95', '130', '88', '141', '97', '0.0912', '0.0886', '9.12%', '8.86%'];
    const columnOf = texts.map((_, index) => index % 2);
    const rowOf = texts.map((_, index) => Math.floor(index / 2));
    assert.deepEqual(findDoubtfulCells(cells(texts), columnOf, rowOf, 60), texts.map(() => null));
    const lost = ['12.5', '9.5', '13.0', '8.8', '141', '9.7', '11.2', '8.6'];
    assert.deepEqual(findDoubtfulCells(cells(lost), lost.map((_, index) => index % 2), lost.map((_, index) => Math.floor(index / 2)), 60).map((doubt) => doubt !== null), [false, false, false, false, true, false, false, false], 'one lost point in a row is still doubtful');
  });

  it('has a cell checked when it is in doubt or of low mean confidence, never when empty', () => {
    const cell = { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '12', confidence: 90, doubt: null };
    assert.equal(needsChecking(cell, 60), false);
    assert.equal(needsChecking({ ...cell, confidence: 50 }, 60), true);
    assert.equal(needsChecking({ ...cell, doubt: 'x' }, 60), true);
    assert.equal(needsChecking({ ...cell, text: '', doubt: 'x' }, 60), false);
  });
});

describe('findGluedFigures', () => {
  const cell = (row: number, col: number, text: string, colSpan = 1) => ({ row, col, colSpan, text });
  it('doubts a figure spanning columns the other rows fill separately, not a year over a group or a wide label', () => {
    const cells = [
      cell(0, 0, 'No.'), cell(0, 1, 'SKU'), cell(0, 2, 'Amount'),
      cell(1, 0, '1042968', 2), cell(1, 2, '953.68'),
      cell(2, 0, '2'), cell(2, 1, '40804'), cell(2, 2, '471.25'),
      cell(3, 0, '3'), cell(3, 1, '016675'), cell(3, 2, '19,863.90'),
      cell(4, 0, 'Total', 2), cell(4, 2, '21,288.83'),
    ];
    const doubts = findGluedFigures(cells);
    assert.match(doubts[3]!, /glued/);
    assert.deepEqual(doubts.map((doubt) => doubt !== null), cells.map((_, index) => index === 3));
    assert.deepEqual(findGluedFigures([cell(0, 0, '2024', 2), cell(1, 0, '5'), cell(1, 1, '6'), cell(2, 0, '7'), cell(2, 1, '8')]), [null, null, null, null, null]);
  });
});
