import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectTables, type DetectionTrace } from '../../src/detect/detect-tables.js';
import { rotateGray } from '../../src/image/rotate-gray.js';
import type { CellGrid, PageImage, Ruling } from '../../src/types.js';
import { addSaltAndPepper, blankPage, drawGrid, drawWord, fillCells, fillRect, hLine, random, vLine } from './synthetic-page.js';

const XS = [100, 260, 420, 580];
const YS = [120, 180, 240, 300, 360];

function page(): PageImage {
  return blankPage(900, 700, 200);
}

function shape(grid: CellGrid): string {
  return `${grid.rowEdges.length - 1}x${grid.columnEdges.length - 1}`;
}

function spans(grid: CellGrid): string[] {
  return grid.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);
}

function assertNear(actual: number[], expected: number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual} vs ${expected}`);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tolerance, `${what}[${i}] = ${v}, expected ${expected[i]} ± ${tolerance}`));
}

function positions(rulings: Ruling[], orientation: Ruling['orientation']): number[] {
  return rulings
    .filter((r) => r.orientation === orientation)
    .map((r) => r.position)
    .sort((a, b) => a - b);
}

test('a drawn 4x3 grid gives its rulings at the drawn positions and a 4x3 grid of single cells', () => {
  const p = page();
  drawGrid(p, XS, YS, 2);
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assert.equal(det.skewDegrees, 0);
  assert.equal(det.image, p, 'an unskewed page is not copied');
  // a 2-px line drawn "at y" covers rows y-1 and y: centre y - 0.5
  assertNear(positions(det.rulings, 'horizontal'), YS.map((y) => y - 0.5), 1, 'horizontal');
  assertNear(positions(det.rulings, 'vertical'), XS.map((x) => x - 0.5), 1, 'vertical');
  for (const r of det.rulings) {
    const [from, to] = r.orientation === 'horizontal' ? [XS[0], XS[3]] : [YS[0], YS[4]];
    assert.ok(Math.abs(r.start - (from - 1)) <= 1 && Math.abs(r.end - (to + 1)) <= 1, `extent ${r.start}-${r.end}`);
    assert.equal(r.thickness, 2);
  }
  assert.equal(det.grids.length, 1);
  const grid = det.grids[0];
  assert.equal(shape(grid), '4x3');
  assertNear(grid.rowEdges, YS, 1, 'rowEdges');
  assertNear(grid.columnEdges, XS, 1, 'columnEdges');
  assert.deepEqual(spans(grid), Array.from({ length: 12 }, (_, i) => `${Math.floor(i / 3)},${i % 3} 1x1`));
  assert.deepEqual(grid.cells[4].box, { left: grid.columnEdges[1], top: grid.rowEdges[1], right: grid.columnEdges[2], bottom: grid.rowEdges[2] });
});

test('lines with small gaps, varying thickness and salt-and-pepper noise give the same grid', () => {
  const p = page();
  drawGrid(p, XS, YS, 3);
  hLine(p, YS[2], XS[0], XS[3], 5); // one heavier rule
  // small breaks in every horizontal and vertical line, away from the crossings
  for (const y of YS) for (const x of [140, 330, 500]) fillRect(p, x, y - 4, x + 2, y + 4, 255);
  for (const x of XS) for (const y of [150, 270]) fillRect(p, x - 4, y, x + 4, y + 2, 255);
  addSaltAndPepper(p, 0.01, 11);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assertNear(det.grids[0].rowEdges, YS, 1, 'rowEdges');
  assertNear(det.grids[0].columnEdges, XS, 1, 'columnEdges');
  assert.equal(det.grids[0].cells.length, 12);
});

for (const degrees of [0.5, 1.5, -2]) {
  test(`a page skewed ${degrees}° is deskewed and gives the exact grid`, () => {
    const flat = page();
    drawGrid(flat, XS, YS, 2);
    drawWord(flat, XS[0] + 10, YS[0] + 15, 5);
    addSaltAndPepper(flat, 0.002, 5);
    const skewed: PageImage = { ...flat, gray: rotateGray(flat, degrees) };
    const det = detectTables(skewed);
    assert.ok(Math.abs(det.skewDegrees + degrees) < 0.05, `skewDegrees ${det.skewDegrees}`);
    assert.notEqual(det.image, skewed);
    assert.equal(det.image.width, skewed.width);
    assert.equal(det.grids.length, 1);
    const grid = det.grids[0];
    assert.equal(shape(grid), '4x3');
    assert.equal(grid.cells.length, 12);
    // rotation is about the page centre, so deskewing brings the lines back where they were drawn
    assertNear(grid.rowEdges, YS, 2, 'rowEdges');
    assertNear(grid.columnEdges, XS, 2, 'columnEdges');
  });
}

test('merged cells come out as row and column spans', () => {
  const p = page();
  // row 0: one title cell over all 3 columns; column 1, rows 1-2 merged; rows 3, cols 0-1 merged
  drawGrid(p, XS, YS, 2, [
    [0, 0, 1, 3],
    [1, 1, 2, 1],
    [3, 0, 1, 2],
  ]);
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  const grid = det.grids[0];
  assert.equal(shape(grid), '4x3');
  assert.deepEqual(spans(grid), ['0,0 1x3', '1,0 1x1', '1,1 2x1', '1,2 1x1', '2,0 1x1', '2,2 1x1', '3,0 1x2', '3,2 1x1']);
  assert.deepEqual(grid.cells[2].box, { left: grid.columnEdges[1], top: grid.rowEdges[1], right: grid.columnEdges[2], bottom: grid.rowEdges[3] });
});

test('a page frame, a lone box, an underline or text alone is no table', () => {
  const frame = page();
  fillRect(frame, 20, 20, 880, 23);
  fillRect(frame, 20, 677, 880, 680);
  fillRect(frame, 20, 20, 23, 680);
  fillRect(frame, 877, 20, 880, 680);
  drawWord(frame, 100, 100, 8);
  assert.deepEqual(detectTables(frame).grids, []);

  const box = page();
  drawGrid(box, [100, 500], [100, 300], 2);
  drawWord(box, 150, 150, 6);
  assert.deepEqual(detectTables(box).grids, []);

  const underline = page();
  const word = drawWord(underline, 100, 100, 10);
  hLine(underline, word.bottom + 4, word.left, word.right + 100, 2);
  vLine(underline, 700, 100, 400, 2); // a lone vertical rule elsewhere
  assert.deepEqual(detectTables(underline).grids, []);

  const text = page();
  for (let line = 0; line < 12; line++) {
    for (let w = 0; w < 6; w++) drawWord(text, 60 + w * 130, 60 + line * 45, 3 + ((line + w) % 5));
  }
  const det = detectTables(text);
  assert.deepEqual(det.grids, []);
  assert.deepEqual(det.rulings, []);
});

test('a heavy bar or a filled block is not a ruling', () => {
  const p = page();
  fillRect(p, 100, 100, 700, 130); // a 30-px bar
  fillRect(p, 100, 200, 130, 600);
  assert.deepEqual(detectTables(p).rulings, []);
});

test('two tables side by side and two stacked come in reading order', () => {
  const p = blankPage(1400, 1100, 200);
  const grids = [
    { xs: [80, 200, 320], ys: [110, 170, 230] }, // top left, starts lower than its neighbour
    { xs: [700, 820, 940, 1060], ys: [90, 150, 210, 270] }, // top right
    { xs: [80, 300, 520], ys: [500, 560, 620, 680, 740] }, // middle
    { xs: [80, 300], ys: [850, 910, 970] }, // bottom: 2 rows x 1 column
  ];
  for (const g of grids) {
    drawGrid(p, g.xs, g.ys, 2);
    fillCells(p, g.xs, g.ys);
  }
  const det = detectTables(p);
  assert.deepEqual(det.grids.map(shape), ['2x2', '3x3', '4x2', '2x1']);
  assert.deepEqual(
    det.grids.map((g) => g.box.left),
    [80, 700, 80, 80],
  );
});

test('gray-filled header cells do not swallow the rules next to them', () => {
  const p = page();
  fillRect(p, XS[0], YS[0], XS[3], YS[1], 200); // header row shaded
  fillRect(p, XS[0], YS[2], XS[3], YS[3], 230); // a zebra stripe
  drawGrid(p, XS, YS, 2); // rules drawn over the fills, as PDF producers do
  fillCells(p, XS, YS);
  // body text below the table, as on a real page
  for (let line = 0; line < 5; line++) for (let w = 0; w < 8; w++) drawWord(p, 60 + w * 100, 420 + line * 40, 3 + ((line + w) % 4));
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assert.equal(det.grids[0].cells.length, 12);
});

test('a double rule is one grid line, not two rows', () => {
  const p = page();
  drawGrid(p, XS, YS, 2);
  hLine(p, YS[1] + 4, XS[0], XS[3], 2); // second rule of a double rule under the header
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assert.ok(Math.abs(det.grids[0].rowEdges[1] - (YS[1] + 2)) <= 2, `edge at ${det.grids[0].rowEdges[1]}`);
});

test('a row of touching bold letters is not a ruling', () => {
  const p = page();
  drawGrid(p, XS, YS, 2);
  fillCells(p, XS, YS);
  // condensed bold "boxes" touching each other inside the middle cell: their top and bottom
  // bars make 126-px dark runs, longer than the shortest ruling (0.4" = 80 px)
  const top = YS[2] + 20;
  for (let k = 0; k < 9; k++) {
    const left = XS[1] + 15 + k * 14;
    fillRect(p, left, top, left + 14, top + 4); // top bar (touches the next letter)
    fillRect(p, left, top + 18, left + 14, top + 22); // bottom bar
    fillRect(p, left, top, left + 4, top + 22); // stem
    if (k % 2 === 0) fillRect(p, left + 10, top + 4, left + 14, top + 18);
  }
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assert.ok(!det.rulings.some((r) => r.orientation === 'horizontal' && r.position > top - 3 && r.position < top + 25), 'no ruling through the word');
});

test('a grid whose cells are all blank is no table', () => {
  const p = page();
  drawGrid(p, XS, YS, 2);
  assert.deepEqual(detectTables(p).grids, []);
  drawWord(p, XS[2] + 20, YS[3] + 20, 3); // one word anywhere makes it a table
  assert.equal(detectTables(p).grids.length, 1);
});

test('a gridded chart with data lines crossing the gridlines is not a table', () => {
  const p = page();
  drawGrid(p, [100, 250, 400, 550, 700], [100, 170, 240, 310, 380, 450], 2);
  drawWord(p, 120, 120, 4); // a legend, so it is not merely blank
  // three polylines across the plot
  const rnd = random(4);
  for (let s = 0; s < 3; s++) {
    let y = 150 + s * 90;
    for (let x = 110; x < 690; x++) {
      y = Math.min(440, Math.max(110, y + (rnd() - 0.45) * 3));
      fillRect(p, x, Math.round(y) - 1, x + 1, Math.round(y) + 2);
    }
  }
  const det = detectTables(p);
  assert.deepEqual(det.grids, []);
});

test('a light-gray hairline grid (anti-aliased over two pixel rows) is found', () => {
  const p = page();
  // each rule as two rows of 190 and 160: both lighter than the text's Otsu threshold
  for (const y of YS) {
    fillRect(p, XS[0], y - 1, XS[3] + 1, y, 190);
    fillRect(p, XS[0], y, XS[3] + 1, y + 1, 160);
  }
  for (const x of XS) {
    fillRect(p, x - 1, YS[0], x, YS[4] + 1, 190);
    fillRect(p, x, YS[0], x + 1, YS[4] + 1, 160);
  }
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assert.equal(det.grids[0].cells.length, 12);
});

test('degenerate pages give no tables and do not throw', () => {
  for (const [w, h, fill] of [[0, 0, 255], [1, 1, 0], [50, 3, 255], [300, 200, 0], [300, 200, 255], [300, 200, 128]] as const) {
    const p = blankPage(w, h, 200);
    p.gray.fill(fill);
    const det = detectTables(p);
    assert.deepEqual(det.grids, [], `${w}x${h} filled ${fill}`);
  }
});

test('a table on an unevenly lit scan (dark shadow over half the page) is found', () => {
  const p = page();
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) p.gray[y * p.width + x] = 110 + Math.round((140 * x) / (p.width - 1));
  }
  // rules and text 70 levels darker than the paper under them
  const darken = (x0: number, y0: number, x1: number, y1: number): void => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p.gray[y * p.width + x] = Math.max(0, 40 + Math.round((60 * x) / (p.width - 1)));
  };
  for (const y of YS) darken(XS[0] - 1, y - 1, XS[3] + 1, y + 1);
  for (const x of XS) darken(x - 1, YS[0] - 1, x + 1, YS[4] + 1);
  for (let i = 0; i + 1 < YS.length; i++) for (let j = 0; j + 1 < XS.length; j++) darken(XS[j] + 15, YS[i] + 15, XS[j] + 45, YS[i] + 30);
  const trace: DetectionTrace = { binarization: 'otsu', threshold: 0, candidates: [] };
  const det = detectTables(p, trace);
  assert.equal(trace.binarization, 'adaptive');
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assert.equal(det.grids[0].cells.length, 12);
});

test('a light inner rule in a grid of dark ones is a column boundary too', () => {
  const p = page();
  const dark = [XS[0], XS[1], XS[3]];
  drawGrid(p, dark, YS);
  // the rule between the 2nd and 3rd columns, blurred and light (a faint printed rule as scanned:
  // 180 at its core); dark rules elsewhere keep the plain mask's grid
  fillRect(p, XS[2] - 2, YS[0], XS[2] + 2, YS[4] + 1, 212);
  fillRect(p, XS[2] - 1, YS[0], XS[2] + 1, YS[4] + 1, 180);
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
  assertNear(det.grids[0].columnEdges, XS, 3, 'column edges');
});

test('a grid of heavy rules (2-px rules at 72 DPI, resampled smoothly to 0.04") is found', () => {
  const p = page();
  drawGrid(p, XS, YS, 8); // 0.04" at 200 DPI
  fillCells(p, XS, YS);
  const det = detectTables(p);
  assertNear(positions(det.rulings, 'horizontal'), YS, 2, 'row rules');
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '4x3');
});

test('a stamp over a long filled table: its ring crosses a few borders and its strokes make no columns', () => {
  const p = blankPage(900, 1000, 200);
  const xs = [60, 260, 460, 660, 860];
  const ys = Array.from({ length: 15 }, (_, i) => 60 + i * 60);
  drawGrid(p, xs, ys, 2);
  fillCells(p, xs, ys);
  // A stamp's ring over the lower right cells (crossing several borders), and two short upright
  // strokes of it, each the height of one row, inside the last column.
  const [cx, cy, radius] = [700, 700, 110];
  for (let a = 0; a < 2 * Math.PI; a += 0.002) {
    const x = Math.round(cx + radius * Math.cos(a));
    const y = Math.round(cy + radius * Math.sin(a));
    fillRect(p, x - 1, y - 1, x + 2, y + 2);
  }
  vLine(p, 720, ys[10], ys[11], 3);
  vLine(p, 790, ys[11], ys[12], 3);
  const det = detectTables(p);
  assert.equal(det.grids.length, 1);
  assert.equal(shape(det.grids[0]), '14x4');
  assert.deepEqual(det.grids[0].columnEdges.map((x) => Math.abs(x - xs[det.grids[0].columnEdges.indexOf(x)]) <= 2), [true, true, true, true, true]);
});
