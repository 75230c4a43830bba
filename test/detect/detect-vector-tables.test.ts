import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFOperator, closePath, fill, lineTo, moveTo, rectangle, rgb, type PDFPage } from 'pdf-lib';
import { detectVectorTables } from '../../src/detect/detect-vector-tables.ts';
import type { CellGrid, Ruling } from '../../src/types.ts';
import { drawAndRead } from '../pdf/vector-pdf.ts';

// A 4 x 4 table on a 400 x 300 pt page: columns at x = 40..360 pt, rows from the top at
// y = 40..160 pt (PDF y = 300 - that). At 72 DPI a point is a pixel.
const XS = [40, 120, 200, 280, 360];
const YS = [40, 70, 100, 130, 160];
const HEIGHT_PT = 300;
const BLACK = rgb(0, 0, 0);

/** Rows x columns, then each cell as "row,col rowSpan x colSpan" in row-major order. */
function shape(grid: CellGrid): string {
  return `${grid.rowEdges.length - 1}x${grid.columnEdges.length - 1}`;
}

function spans(grid: CellGrid): string[] {
  return grid.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`);
}

/** The 4 x 4 grid with B2:C2 merged across and A3:A4 merged down. */
const MERGED_SPANS = [
  '0,0 1x1', '0,1 1x1', '0,2 1x1', '0,3 1x1',
  '1,0 1x1', '1,1 1x2', '1,3 1x1',
  '2,0 2x1', '2,1 1x1', '2,2 1x1', '2,3 1x1',
  '3,1 1x1', '3,2 1x1', '3,3 1x1',
];

function assertEdges(actual: number[], expectedPt: number[], dpi: number, what: string, tolerancePx = 1): void {
  const expected = expectedPt.map((v) => (v * dpi) / 72);
  assert.equal(actual.length, expected.length, `${what}: ${actual} vs ${expected}`);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tolerancePx, `${what}[${i}] = ${v}, expected ${expected[i]} ± ${tolerancePx}`));
}

/** Segments of the merged grid's lines, in points from the top-left: [x0, y0, x1, y1]. */
function mergedGridSegments(): [number, number, number, number][] {
  const segs: [number, number, number, number][] = [];
  for (const y of YS) {
    if (y === 130) {
      segs.push([120, y, 360, y]); // A3:A4 merged: no line under A3
    } else {
      segs.push([40, y, 360, y]);
    }
  }
  for (const x of XS) {
    if (x === 200) {
      segs.push([x, 40, x, 70], [x, 100, x, 160]); // B2:C2 merged: no line between them
    } else {
      segs.push([x, 40, x, 160]);
    }
  }
  return segs;
}

const pdfY = (y: number): number => HEIGHT_PT - y;

function drawSegmentsAsLines(page: PDFPage): void {
  for (const [x0, y0, x1, y1] of mergedGridSegments()) {
    page.drawLine({ start: { x: x0, y: pdfY(y0) }, end: { x: x1, y: pdfY(y1) }, thickness: 0.75, color: BLACK });
  }
}

function drawSegmentsAsThinFills(page: PDFPage): void {
  const t = 1;
  for (const [x0, y0, x1, y1] of mergedGridSegments()) {
    if (y0 === y1) page.drawRectangle({ x: x0 - t / 2, y: pdfY(y0) - t / 2, width: x1 - x0 + t, height: t, color: BLACK });
    else page.drawRectangle({ x: x0 - t / 2, y: pdfY(y1) - t / 2, width: t, height: y1 - y0 + t, color: BLACK });
  }
}

/** Every cell outlined on its own (as word processors do): inner borders are drawn twice. */
function drawCellRectangles(page: PDFPage): void {
  for (const c of mergedCells()) {
    page.drawRectangle({ x: c.left, y: pdfY(c.bottom), width: c.right - c.left, height: c.bottom - c.top, borderWidth: 0.5, borderColor: BLACK });
  }
}

/** A black block with every cell cut out (one path, even-odd or holes wound the other way): the bars left are the rules. */
function drawCutOutBlock(evenOdd: boolean): (page: PDFPage) => void {
  return (page) => {
    const t = 0.5;
    const ops = [rectangle(XS[0] - t, pdfY(YS[4] + t), XS[4] - XS[0] + 2 * t, YS[4] - YS[0] + 2 * t)];
    for (const c of mergedCells()) {
      // counter-clockwise outer (re), clockwise holes drawn by hand for the nonzero rule
      const [l, r, top, bottom] = [c.left + t, c.right - t, pdfY(c.top + t), pdfY(c.bottom - t)];
      ops.push(moveTo(l, bottom), lineTo(l, top), lineTo(r, top), lineTo(r, bottom), closePath());
    }
    page.pushOperators(...ops, evenOdd ? PDFOperator.of('f*' as never) : fill());
  };
}

function mergedCells(): { left: number; top: number; right: number; bottom: number }[] {
  const cells = [];
  for (const s of MERGED_SPANS) {
    const [rc, size] = s.split(' ');
    const [row, col] = rc.split(',').map(Number);
    const [rowSpan, colSpan] = size.split('x').map(Number);
    cells.push({ left: XS[col], top: YS[row], right: XS[col + colSpan], bottom: YS[row + rowSpan] });
  }
  return cells;
}

async function gridsOf(draw: (page: PDFPage) => void, options: { rotate?: number; dpis?: number[] } = {}) {
  const pages = await drawAndRead(draw, { widthPt: 400, heightPt: HEIGHT_PT, dpis: [72, 150], ...options });
  return [...pages].map(([dpi, p]) => ({ dpi, grids: detectVectorTables(p.graphics, p.page) }));
}

describe('detectVectorTables', () => {
  const drawings: [string, (page: PDFPage) => void][] = [
    ['stroked lines', drawSegmentsAsLines],
    ['thin filled rectangles', drawSegmentsAsThinFills],
    ['cells outlined one by one (doubled edges)', drawCellRectangles],
    ['a block with the cells cut out, even-odd', drawCutOutBlock(true)],
    ['a block with the cells cut out, nonzero', drawCutOutBlock(false)],
  ];
  for (const [name, draw] of drawings) {
    it(`finds a ruled 4x4 grid with a merged cell across and one down, drawn as ${name}, at 72 and 150 DPI`, async () => {
      for (const { dpi, grids } of await gridsOf(draw)) {
        assert.equal(grids.length, 1, `${dpi} dpi: ${grids.length} grids`);
        assert.equal(shape(grids[0]), '4x4');
        assertEdges(grids[0].columnEdges, XS, dpi, `${dpi} dpi columns`);
        assertEdges(grids[0].rowEdges, YS, dpi, `${dpi} dpi rows`);
        assert.deepEqual(spans(grids[0]), MERGED_SPANS, `${dpi} dpi spans`);
      }
    });
  }

  it('finds the grid of a /Rotate 90 page in rotated pixel space', async () => {
    for (const { dpi, grids } of await gridsOf(drawSegmentsAsLines, { rotate: 90 })) {
      // 90° clockwise: PDF (x, y) lands at pixel (y, x), so the table's rows run across
      assert.equal(grids.length, 1);
      assert.equal(shape(grids[0]), '4x4');
      assertEdges(grids[0].columnEdges, YS.map(pdfY).reverse(), dpi, 'columns');
      assertEdges(grids[0].rowEdges, XS, dpi, 'rows');
      // B2:C2 (across) is now down, A3:A4 (down) across: rows = old columns, columns = old rows reversed
      assert.deepEqual(spans(grids[0]), [
        '0,0 1x2', '0,2 1x1', '0,3 1x1',
        '1,0 1x1', '1,1 1x1', '1,2 2x1', '1,3 1x1',
        '2,0 1x1', '2,1 1x1', '2,3 1x1',
        '3,0 1x1', '3,1 1x1', '3,2 1x1', '3,3 1x1',
      ]);
    }
  });

  it('finds a table drawn as filled cells with white gutters and no lines (dark header, shaded body)', async () => {
    const results = await gridsOf((page) => {
      for (const c of mergedCells()) {
        const color = c.top === YS[0] ? rgb(0.1, 0.2, 0.4) : c.left === XS[0] ? rgb(0.6, 0.7, 0.85) : rgb(0.85, 0.9, 0.95);
        page.drawRectangle({ x: c.left + 0.5, y: pdfY(c.bottom) + 0.5, width: c.right - c.left - 1, height: c.bottom - c.top - 1, color });
      }
    });
    for (const { dpi, grids } of results) {
      assert.equal(grids.length, 1, `${dpi} dpi`);
      assertEdges(grids[0].columnEdges, [40.5, 120, 200, 280, 359.5], dpi, 'columns');
      assertEdges(grids[0].rowEdges, [40.5, 70, 100, 130, 159.5], dpi, 'rows');
      assert.deepEqual(spans(grids[0]), MERGED_SPANS);
    }
  });

  it('finds the rows of a zebra-shaded table without lines (one column: nothing separates them)', async () => {
    // 7 rows of 15 pt from y = 40: a dark header band, then every other row light grey
    const results = await gridsOf((page) => {
      page.drawRectangle({ x: 40, y: pdfY(55), width: 320, height: 15, color: rgb(0.1, 0.2, 0.4) });
      for (const top of [70, 100, 130]) page.drawRectangle({ x: 40, y: pdfY(top + 15), width: 320, height: 15, color: rgb(0.9, 0.9, 0.9) });
    });
    for (const { dpi, grids } of results) {
      assert.equal(grids.length, 1, `${dpi} dpi`);
      assertEdges(grids[0].rowEdges, [40, 55, 70, 85, 100, 115, 130, 145], dpi, 'rows');
      assertEdges(grids[0].columnEdges, [40, 360], dpi, 'columns');
    }
  });

  it('combines zebra rows with column rules, and takes the last row from where the rules end', async () => {
    const results = await gridsOf((page) => {
      for (const top of [40, 70, 100, 130]) page.drawRectangle({ x: 40, y: pdfY(top + 15), width: 320, height: 15, color: rgb(0.9, 0.9, 0.9) });
      for (const x of XS) page.drawLine({ start: { x, y: pdfY(40) }, end: { x, y: pdfY(160) }, thickness: 0.5, color: BLACK });
    });
    for (const { dpi, grids } of results) {
      assert.equal(grids.length, 1, `${dpi} dpi`);
      assert.equal(shape(grids[0]), '8x4');
      // an undrawn side is placed on the last pixel the rules reach (raster convention): up to 1 px short
      assertEdges(grids[0].rowEdges, [40, 55, 70, 85, 100, 115, 130, 145, 160], dpi, 'rows', 1.5);
      assertEdges(grids[0].columnEdges, XS, dpi, 'columns');
      assert.ok(grids[0].cells.every((c) => c.rowSpan === 1 && c.colSpan === 1));
    }
  });

  it('finds nothing on pages with only a frame, a framed box, underlines, a shaded box or shaded paragraphs', async () => {
    const results = await gridsOf((page) => {
      page.drawRectangle({ x: 10, y: 10, width: 380, height: 280, borderWidth: 1, borderColor: BLACK }); // page frame
      page.drawRectangle({ x: 40, y: 200, width: 150, height: 60, borderWidth: 0.5, borderColor: BLACK }); // text box
      page.drawLine({ start: { x: 220, y: 240 }, end: { x: 340, y: 240 }, thickness: 0.5 }); // underline
      page.drawRectangle({ x: 220, y: 200, width: 120, height: 1, color: BLACK }); // rule as a fill
      page.drawRectangle({ x: 40, y: 100, width: 150, height: 60, color: rgb(0.9, 0.9, 0.8) }); // shaded box
      // paragraph shading drawn line by line, and two stacked boxes: no table
      for (let y = 100; y < 160; y += 12) page.drawRectangle({ x: 220, y, width: 150, height: 12, color: rgb(0.8, 0.9, 0.8) });
      page.drawRectangle({ x: 40, y: 30, width: 150, height: 20, color: rgb(0.3, 0.3, 0.3) });
      page.drawRectangle({ x: 40, y: 60, width: 150, height: 20, color: rgb(0.3, 0.3, 0.3) });
    });
    for (const { dpi, grids } of results) assert.deepEqual(grids, [], `${dpi} dpi`);
  });

  it('drops a chart: gridlines in a frame crossed by a data series, stroked or filled as an outline', async () => {
    const chart = (page: PDFPage, left: number, filled: boolean): void => {
      page.drawRectangle({ x: left, y: pdfY(160), width: 160, height: 120, borderWidth: 0.5, borderColor: BLACK });
      for (let y = 60; y < 160; y += 20) page.drawLine({ start: { x: left, y: pdfY(y) }, end: { x: left + 160, y: pdfY(y) }, thickness: 0.25 });
      const ys = [150, 120, 135, 90, 100, 55, 70];
      const points = ys.map((y, i) => ({ x: left + 10 + 23 * i, y: pdfY(y) }));
      if (!filled) {
        for (let i = 1; i < points.length; i++) page.drawLine({ start: points[i - 1], end: points[i], thickness: 1, color: rgb(0.8, 0, 0) });
      } else {
        // the series' outline: along the points and back 1 pt higher
        const back = points.map((p) => ({ x: p.x, y: p.y + 1 })).reverse();
        page.pushOperators(
          moveTo(points[0].x, points[0].y),
          ...points.slice(1).map((p) => lineTo(p.x, p.y)),
          ...back.map((p) => lineTo(p.x, p.y)),
          closePath(),
          fill(),
        );
      }
    };
    const results = await gridsOf((page) => {
      chart(page, 20, false);
      chart(page, 210, true);
    });
    for (const { dpi, grids } of results) assert.deepEqual(grids, [], `${dpi} dpi`);
  });

  it('keeps a table with a diagonal line inside its corner cell', async () => {
    const results = await gridsOf((page) => {
      drawSegmentsAsLines(page);
      page.drawLine({ start: { x: 40, y: pdfY(40) }, end: { x: 120, y: pdfY(70) }, thickness: 0.5 });
    });
    for (const { dpi, grids } of results) {
      assert.equal(grids.length, 1, `${dpi} dpi`);
      assert.deepEqual(spans(grids[0]), MERGED_SPANS);
    }
  });

  it('gives two tables side by side and one below in reading order', async () => {
    const table = (page: PDFPage, left: number, top: number): void => {
      for (let i = 0; i <= 3; i++) page.drawLine({ start: { x: left, y: pdfY(top + 20 * i) }, end: { x: left + 120, y: pdfY(top + 20 * i) } });
      for (let j = 0; j <= 2; j++) page.drawLine({ start: { x: left + 60 * j, y: pdfY(top) }, end: { x: left + 60 * j, y: pdfY(top + 60) } });
    };
    const results = await gridsOf((page) => {
      table(page, 220, 150); // below
      table(page, 220, 30); // top right, starts a little higher than the top left one
      table(page, 40, 40); // top left
    });
    for (const { dpi, grids } of results) {
      assert.deepEqual(grids.map(shape), ['3x2', '3x2', '3x2']);
      const corners = grids.map((g) => [Math.round((g.box.left * 72) / dpi), Math.round((g.box.top * 72) / dpi)]);
      assert.deepEqual(corners, [[40, 40], [220, 30], [220, 150]]);
    }
  });
});

describe('detectVectorTables on given graphics', () => {
  const page = { width: 1000, height: 800, dpi: 100 };
  const h = (position: number, start: number, end: number, thickness = 1): Ruling => ({ orientation: 'horizontal', position, start, end, thickness });
  const v = (position: number, start: number, end: number, thickness = 1): Ruling => ({ orientation: 'vertical', position, start, end, thickness });

  it('merges near-duplicate lines and bridges small gaps at crossings', () => {
    const rulings: Ruling[] = [];
    for (const y of [100, 150, 200]) {
      rulings.push(h(y, 100, 500), h(y + 0.6, 100, 300)); // drawn twice, half a pixel apart
    }
    for (const x of [100, 300, 500]) {
      rulings.push(v(x, 101.5, 148.5), v(x, 151.5, 198.5)); // stops 1.5 px short of every crossing
    }
    const grids = detectVectorTables({ rulings, fills: [], imageBoxes: [], obliqueSegments: [] }, page);
    assert.equal(grids.length, 1);
    assert.equal(shape(grids[0]), '2x2');
    assert.deepEqual(grids[0].columnEdges, [100, 300, 500]);
    assert.deepEqual(grids[0].rowEdges, [100, 150, 200]);
  });

  it('drops thick bars and keeps a short border only between long rulings', () => {
    const rulings = [
      h(100, 100, 500), h(150, 100, 500), h(200, 100, 500),
      v(100, 100, 200), v(500, 100, 200),
      v(300, 100, 150), // short, meets rulings at both ends: a border
      v(400, 160, 175), // short, meets nothing: a mark
      v(200, 150, 200, 12), // a bar 0.12" thick: no border
    ];
    const grids = detectVectorTables({ rulings, fills: [], imageBoxes: [], obliqueSegments: [] }, page);
    assert.equal(grids.length, 1);
    assert.equal(shape(grids[0]), '2x2');
    assert.deepEqual(spans(grids[0]), ['0,0 1x1', '0,1 1x1', '1,0 1x2']);
  });
});
