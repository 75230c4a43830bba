import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { gridFromArea } from '../../src/layout/area-table.ts';
import { areasInPixels, parseArea, resolveAreas } from '../../src/page-area.ts';
import { graphicsInAreas, withOnlyAreas } from '../../src/pipeline/worker/page-areas.ts';
import type { PageImage, Word } from '../../src/types.ts';

const word = (text: string, left: number, top: number, width = 40, height = 20): Word => ({ text, confidence: 100, box: { left, top, right: left + width, bottom: top + height } });

describe('--area and --columns', () => {
  it('parses top,left,bottom,right in points or percentages, and refuses what is not an area', () => {
    assert.deepEqual(parseArea('100,50.5,400,10%'), { top: { value: 100, unit: 'pt' }, left: { value: 50.5, unit: 'pt' }, bottom: { value: 400, unit: 'pt' }, right: { value: 10, unit: '%' } });
    for (const bad of ['1,2,3', '10,20,5,30', '10,40,50,20', 'a,b,c,d', '0,0,120%,50', '-5,0,10,10']) {
      assert.throws(() => parseArea(bad), (error: unknown) => error instanceof UsageError && /^option --area: /.test(error.message), bad);
    }
  });

  it('pairs --columns with the areas: one for all, one each, or the whole page without --area', () => {
    const [first, second] = resolveAreas(['0,0,50%,100%', '50%,0,100%,100%'], ['100']);
    assert.deepEqual(first.columns, [{ value: 100, unit: 'pt' }]);
    assert.deepEqual(second.columns, first.columns);
    const paired = resolveAreas(['0,0,50%,100%', '50%,0,100%,100%'], ['100', '200,300']);
    assert.deepEqual(paired[1].columns?.map((length) => length.value), [200, 300]);
    assert.equal(resolveAreas([], ['50%']).length, 1, 'the whole page');
    assert.deepEqual(resolveAreas([], []), []);
    assert.throws(() => resolveAreas(['0,0,10,10', '20,0,30,10', '40,0,50,10'], ['1', '2']), /--columns: given 2 times for 3 areas/);
  });

  it('turns points and percentages into pixels at the rendering DPI, clipped to the page', () => {
    const [area] = areasInPixels(resolveAreas(['72,36,144,50%'], ['72,1000']), 1000, 2000, 144);
    assert.deepEqual(area.box, { left: 72, top: 144, right: 500, bottom: 288 });
    assert.deepEqual(area.columns, [144], 'a separator outside the area is left out');
    assert.deepEqual(areasInPixels(resolveAreas(['5000,0,6000,100'], []), 1000, 2000, 144), [], 'an area off the page');
  });

  it('reads an area as one table: a row per line, columns at the gaps, or where --columns puts them', () => {
    const words = [word('Name', 10, 10), word('Qty', 200, 10), word('Apple', 10, 50), word('3', 200, 50), word('Pear', 10, 90), word('12', 200, 90), word('outside', 10, 400)];
    const grid = gridFromArea(words, { box: { left: 0, top: 0, right: 300, bottom: 130 }, columns: null }, 150)!;
    assert.equal(grid.rowEdges.length - 1, 3);
    assert.equal(grid.columnEdges.length - 1, 2);
    assert.ok(grid.columnEdges[1] > 50 && grid.columnEdges[1] < 200);
    const split = gridFromArea(words, { box: { left: 0, top: 0, right: 300, bottom: 130 }, columns: [30, 120] }, 150)!;
    assert.deepEqual(split.columnEdges, [0, 30, 120, 300]);
    assert.equal(gridFromArea(words, { box: { left: 500, top: 0, right: 600, bottom: 100 }, columns: null }, 150), null, 'no words, no table');
  });

  it('keeps only what lies in the areas: pixels, and vector rulings clipped to them', () => {
    const image: PageImage = { pageNumber: 1, dpi: 72, width: 10, height: 10, gray: new Uint8Array(100).fill(0) };
    const masked = withOnlyAreas(image, [{ box: { left: 2, top: 2, right: 5, bottom: 4 }, columns: null }]);
    assert.equal(masked.gray.filter((value) => value === 0).length, 6);
    assert.equal(masked.gray[2 * 10 + 2], 0);
    assert.equal(masked.gray[0], 255);
    const graphics = graphicsInAreas(
      { rulings: [{ orientation: 'horizontal', position: 3, start: 0, end: 10, thickness: 1 }, { orientation: 'vertical', position: 8, start: 0, end: 10, thickness: 1 }], fills: [], imageBoxes: [], obliqueSegments: [0, 0, 9, 9] },
      [{ box: { left: 2, top: 2, right: 5, bottom: 4 }, columns: null }],
    );
    assert.deepEqual(graphics.rulings, [{ orientation: 'horizontal', position: 3, start: 2, end: 5, thickness: 1 }]);
    assert.deepEqual(graphics.obliqueSegments, []);
  });
});
