import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitImplicitRows } from '../../src/grid/split-implicit-rows.ts';
import type { CellGrid } from '../../src/types.ts';

const WIDTH = 400;
const SETTINGS = { marginPx: 3, minGapPx: 3, minLineHeightPx: 5 };

/** A grid of one row with columns at `edges`, 0..height tall. */
function oneRowGrid(edges: number[], height: number): CellGrid {
  return {
    box: { left: edges[0], top: 0, right: edges[edges.length - 1], bottom: height },
    columnEdges: edges,
    rowEdges: [0, height],
    cells: edges.slice(1).map((right, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, box: { left: edges[col], top: 0, right, bottom: height } })),
  };
}

/** A mask with ink rectangles [left, top, width, height]. */
function maskWith(height: number, blobs: [number, number, number, number][]): Uint8Array {
  const mask = new Uint8Array(WIDTH * height);
  for (const [left, top, w, h] of blobs) for (let y = top; y < top + h; y++) mask.fill(1, y * WIDTH + left, y * WIDTH + left + w);
  return mask;
}

describe('splitImplicitRows', () => {
  it('splits a tall row whose columns each hold one line per row (a list ruled only between columns)', () => {
    const grid = oneRowGrid([0, 200, 400], 130);
    const lines = [10, 50, 90];
    const mask = maskWith(130, lines.flatMap((top): [number, number, number, number][] => [[20, top, 100, 12], [220, top, 60, 12]]));
    const split = splitImplicitRows(grid, mask, WIDTH, SETTINGS);
    assert.equal(split.rowEdges.length, 4);
    assert.deepEqual(split.rowEdges, [0, 36, 76, 130]);
    assert.equal(split.cells.length, 6);
    assert.deepEqual(split.cells.map((cell) => [cell.row, cell.col]), [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]);
  });

  it('splits at a short heading line that only the first column holds (Operating expenses:)', () => {
    const grid = oneRowGrid([0, 200, 300, 400], 170);
    // First column: Gross profit / Operating expenses: / Research / Sales; the figures beside all but the heading.
    const mask = maskWith(170, [
      [10, 10, 60, 12], [10, 50, 80, 12], [20, 90, 70, 12], [20, 130, 50, 12],
      [220, 10, 50, 12], [220, 90, 50, 12], [220, 130, 50, 12],
      [320, 10, 50, 12], [320, 90, 50, 12], [320, 130, 50, 12],
    ]);
    const split = splitImplicitRows(grid, mask, WIDTH, SETTINGS);
    assert.deepEqual(split.rowEdges, [0, 36, 76, 116, 170]);
  });

  it('does not take a wrapped first-column label (a line reaching across its cell) for a heading', () => {
    const grid = oneRowGrid([0, 200, 300, 400], 130);
    const mask = maskWith(130, [
      [10, 10, 180, 12], [10, 50, 60, 12], [10, 90, 60, 12],
      [220, 10, 50, 12], [220, 90, 50, 12],
      [320, 10, 50, 12], [320, 90, 50, 12],
    ]);
    assert.equal(splitImplicitRows(grid, mask, WIDTH, SETTINGS), grid);
  });

  it('keeps one row when one column wraps and the others hold one line', () => {
    const grid = oneRowGrid([0, 200, 400], 130);
    const mask = maskWith(130, [[20, 10, 100, 12], [20, 50, 100, 12], [20, 90, 100, 12], [220, 10, 60, 12]]);
    assert.equal(splitImplicitRows(grid, mask, WIDTH, SETTINGS), grid);
  });

  it('keeps a header whose labels wrap to different numbers of lines', () => {
    const grid = oneRowGrid([0, 200, 400], 130);
    const mask = maskWith(130, [[20, 10, 100, 12], [20, 50, 100, 12], [20, 90, 100, 12], [220, 10, 60, 12], [220, 50, 60, 12]]);
    assert.equal(splitImplicitRows(grid, mask, WIDTH, SETTINGS), grid);
  });

  it('does not take a two-line first row apart (a wrapped header), nor specks for lines', () => {
    const grid = oneRowGrid([0, 200, 400], 90);
    const mask = maskWith(90, [[20, 10, 100, 12], [220, 10, 60, 12], [20, 50, 100, 12], [220, 50, 60, 12], [300, 80, 2, 2]]);
    assert.equal(splitImplicitRows(grid, mask, WIDTH, SETTINGS), grid);
  });
});
