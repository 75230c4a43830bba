import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCellGrid } from '../../src/grid/build-cell-grid.js';
import type { CellGrid, Ruling } from '../../src/types.js';

const DPI = 200;
const h = (position: number, start: number, end: number, thickness = 2): Ruling => ({ orientation: 'horizontal', position, start, end, thickness });
const v = (position: number, start: number, end: number, thickness = 2): Ruling => ({ orientation: 'vertical', position, start, end, thickness });

function spans(grid: CellGrid): string[] {
  return grid.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);
}

/** Every grid position covered by exactly one cell. */
function assertExactCover(grid: CellGrid): void {
  const rows = grid.rowEdges.length - 1;
  const cols = grid.columnEdges.length - 1;
  const count = new Array(rows * cols).fill(0);
  for (const c of grid.cells) {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) count[r * cols + k]++;
  }
  assert.deepEqual(count, new Array(rows * cols).fill(1));
}

test('a full lattice gives one cell per position, edges from the ruling centres', () => {
  const grid = buildCellGrid([h(100, 49, 352), h(160.4, 49, 352), h(219.6, 49, 352), v(50, 99, 221), v(200, 99, 221), v(351, 99, 221)], DPI);
  assert.ok(grid);
  assert.deepEqual(grid.rowEdges, [100, 160, 220]);
  assert.deepEqual(grid.columnEdges, [50, 200, 351]);
  assert.deepEqual(grid.box, { left: 50, top: 100, right: 351, bottom: 220 });
  assert.deepEqual(spans(grid), ['0,0 1x1', '0,1 1x1', '1,0 1x1', '1,1 1x1']);
  assert.deepEqual(grid.cells[3].box, { left: 200, top: 160, right: 351, bottom: 220 });
});

test('missing borders make row and column spans (rectangles only)', () => {
  // 3 rows x 3 columns; the rule between rows 1 and 2 is absent over columns 0-1 (a 2x2 block at
  // rows 1-2, cols 0-1 once the vertical between cols 0 and 1 is absent in rows 1-2 as well),
  // and the vertical between cols 1 and 2 is absent in row 0 (a 1x2 header)
  const xs = [0, 100, 200, 300];
  const ys = [0, 50, 100, 150];
  const rulings = [
    h(0, 0, 301), h(50, 0, 301), h(100, 200, 301), h(150, 0, 301),
    v(0, 0, 151), v(100, 0, 51), v(200, 50, 151), v(300, 0, 151),
  ];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.columnEdges, xs);
  assert.deepEqual(grid.rowEdges, ys);
  assert.deepEqual(spans(grid), ['0,0 1x1', '0,1 1x2', '1,0 2x2', '1,2 1x1', '2,2 1x1']);
  assertExactCover(grid);
});

test('an L-shaped gap in the rulings still yields non-overlapping rectangles', () => {
  // rule between rows 0/1 missing in columns 0 and 1; vertical between cols 0/1 missing in row 1 only
  const rulings = [
    h(0, 0, 301), h(50, 200, 301), h(100, 0, 301), h(150, 0, 301),
    v(0, 0, 151), v(100, 0, 51), v(100, 100, 151), v(200, 0, 151), v(300, 0, 151),
  ];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assertExactCover(grid);
  assert.deepEqual(spans(grid), ['0,0 2x1', '0,1 2x1', '0,2 1x1', '1,2 1x1', '2,0 1x1', '2,1 1x1', '2,2 1x1']);
});

test('a rule covering less than about half of a segment is not a border there', () => {
  const rulings = [h(0, 0, 201), h(60, 0, 40), h(60, 100, 201), h(120, 0, 201), v(0, 0, 121), v(100, 0, 121), v(200, 0, 121)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  // 40 of 100 px covered in column 0: merged; column 1 fully covered: border
  assert.deepEqual(spans(grid), ['0,0 2x1', '0,1 1x1', '1,1 1x1']);
});

test('parallel rules a few pixels apart (a double rule) are one grid line', () => {
  const rulings = [h(0, 0, 201), h(60, 0, 201), h(65, 0, 201), h(120, 0, 201), v(0, 0, 121), v(100, 0, 121), v(200, 0, 121)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.rowEdges, [0, 63, 120]);
  assert.equal(grid.cells.length, 4);
});

test('a table open on the left and right takes its outer edges from where the rules end', () => {
  // horizontals from x=20 to 420, inner verticals only at 150 and 290
  const rulings = [h(100, 20, 421), h(150, 20, 421), h(200, 20, 421), h(250, 20, 421), v(150, 100, 251), v(290, 100, 251)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.columnEdges, [20, 150, 290, 420]);
  assert.deepEqual(grid.rowEdges, [100, 150, 200, 250]);
  assert.equal(grid.cells.length, 9);
  assertExactCover(grid);
});

test('a table without top and bottom rules takes them from where the verticals end', () => {
  const rulings = [h(150, 0, 301), h(200, 0, 301), v(0, 100, 251), v(150, 100, 251), v(300, 100, 251)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.rowEdges, [100, 150, 200, 250]);
  assert.equal(grid.cells.length, 6);
});

test('rules overshooting the frame by a few pixels add no edge', () => {
  const rulings = [h(100, 46, 356), h(160, 46, 356), h(220, 46, 356), v(50, 96, 225), v(200, 96, 225), v(351, 96, 225)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.columnEdges, [50, 200, 351]);
  assert.deepEqual(grid.rowEdges, [100, 160, 220]);
});

test('an inner rule that borders nothing (a stray short piece) is dropped', () => {
  const rulings = [h(0, 0, 301), h(40, 120, 150), h(100, 0, 301), v(0, 0, 101), v(150, 0, 101), v(300, 0, 101)];
  const grid = buildCellGrid(rulings, DPI);
  assert.ok(grid);
  assert.deepEqual(grid.rowEdges, [0, 100]);
  assert.deepEqual(spans(grid), ['0,0 1x1', '0,1 1x1']);
});

test('without rulings of both orientations there is no grid', () => {
  assert.equal(buildCellGrid([h(0, 0, 100), h(50, 0, 100)], DPI), null);
  assert.equal(buildCellGrid([v(0, 0, 100)], DPI), null);
});
