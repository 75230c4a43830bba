import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimCaptionRows } from '../../src/grid/trim-caption-rows.js';
import type { CellGrid, GridCell } from '../../src/types.js';

/** Grid with the given row edges, 3 columns; `fullRows` are single cells spanning all columns. */
function grid(rowEdges: number[], fullRows: number[]): CellGrid {
  const columnEdges = [0, 100, 200, 300];
  const cells: GridCell[] = [];
  for (let r = 0; r + 1 < rowEdges.length; r++) {
    const box = (c: number, span: number) => ({ left: columnEdges[c], top: rowEdges[r], right: columnEdges[c + span], bottom: rowEdges[r + 1] });
    if (fullRows.includes(r)) cells.push({ row: r, col: 0, rowSpan: 1, colSpan: 3, box: box(0, 3) });
    else for (let c = 0; c < 3; c++) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, box: box(c, 1) });
  }
  return { box: { left: 0, top: rowEdges[0], right: 300, bottom: rowEdges[rowEdges.length - 1] }, columnEdges, rowEdges, cells };
}

test('a tall full-width caption row on top and a notes row below are trimmed', () => {
  const g = grid([0, 100, 140, 180, 220, 400], [0, 4]);
  const t = trimCaptionRows(g);
  assert.deepEqual(t.rowEdges, [100, 140, 180, 220]);
  assert.deepEqual(t.box, { left: 0, top: 100, right: 300, bottom: 220 });
  assert.equal(t.cells.length, 9);
  assert.deepEqual(t.cells.map((c) => c.row), [0, 0, 0, 1, 1, 1, 2, 2, 2]);
  assert.deepEqual(t.cells[0].box, { left: 0, top: 100, right: 100, bottom: 140 });
});

test('a full-width title row of ordinary height is kept', () => {
  const g = grid([0, 40, 80, 120, 160], [0]);
  assert.equal(trimCaptionRows(g), g);
});

test('a tall row that does not span all columns is kept', () => {
  const g = grid([0, 150, 190, 230], []);
  assert.equal(trimCaptionRows(g), g);
});
