import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTable } from '../../src/assemble/build-table.ts';
import { rereadDoubtfulCells } from '../../src/pipeline/reread-doubtful-cells.ts';
import type { CellGrid, Word } from '../../src/types.ts';

// One column of five cells, 100 px each: a header and four figures with one decimal place.
const grid: CellGrid = {
  box: { left: 0, top: 0, right: 200, bottom: 500 },
  columnEdges: [0, 200],
  rowEdges: [0, 100, 200, 300, 400, 500],
  cells: [0, 1, 2, 3, 4].map((row) => ({ row, col: 0, rowSpan: 1, colSpan: 1, box: { left: 0, top: row * 100, right: 200, bottom: row * 100 + 100 } })),
};
const word = (row: number, text: string, confidence = 95): Word => ({ text, confidence, box: { left: 20, top: row * 100 + 30, right: 120, bottom: row * 100 + 70 } });
const origin = { pageNumber: 1, tableIndex: 0, dpi: 150, source: 'ocr' as const, lowConfidence: 60 };
const build = (words: Word[]) => buildTable(grid, words, origin);
const firstReading = [word(0, 'Score'), word(1, '37.4'), word(2, '534'), word(3, '21.4'), word(4, '40.1')];

describe('rereadDoubtfulCells', () => {
  it('reads only the doubtful cells again and keeps a second reading that agrees with the column', async () => {
    const asked: number[][] = [];
    const table = await rereadDoubtfulCells(build(firstReading), grid, firstReading, async (cells) => {
      asked.push(cells);
      return [word(2, '53.4')];
    }, build);
    assert.deepEqual(asked, [[2]]);
    assert.equal(table.cells[2].text, '53.4');
    assert.equal(table.cells[2].doubt, null);
  });

  it('keeps the first reading, and its doubt, when the second is no better or no number', async () => {
    for (const again of ['5.34', '$3.4', '534']) {
      const table = await rereadDoubtfulCells(build(firstReading), grid, firstReading, async () => [word(2, again)], build);
      assert.equal(table.cells[2].text, '534', again);
      assert.notEqual(table.cells[2].doubt, null, again);
    }
    const unsure = await rereadDoubtfulCells(build(firstReading), grid, firstReading, async () => [word(2, '53.4', 30)], build);
    assert.equal(unsure.cells[2].text, '534', 'a second reading read unsurely settles nothing');
    const failed = await rereadDoubtfulCells(build(firstReading), grid, firstReading, async () => null, build);
    assert.equal(failed.cells[2].text, '534');
  });

  it('takes other digits only from a surer second reading', async () => {
    const unsureFirst = [word(0, 'Score'), word(1, '37.4'), word(2, '63.4', 40), word(3, '21.4'), word(4, '40.1')];
    const table = await rereadDoubtfulCells(build(unsureFirst), grid, unsureFirst, async () => [word(2, '53.4', 96)], build);
    assert.equal(table.cells[2].text, '53.4');
  });

  it('asks nothing when no cell is in doubt', async () => {
    const words = [word(0, 'Score'), word(1, '37.4'), word(2, '53.4'), word(3, '21.4'), word(4, '40.1')];
    let asked = false;
    await rereadDoubtfulCells(build(words), grid, words, async () => {
      asked = true;
      return [];
    }, build);
    assert.equal(asked, false);
  });
});
