// detectWordTables on the text layer of born-digital pages drawn with pdf-lib (Helvetica 10 pt,
// read at 300 DPI like the pipeline), and on the fixtures' ruled pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_DOCUMENT, PARAGRAPH_ONLY_PAGE, SIDE_BY_SIDE_PAGE, makeTextPdf } from '../../fixtures/lib/index.ts';
import { gridProblem } from './mono-words.ts';
import { layoutHints } from '../../src/pipeline/worker/page-tables.ts';
import { LOREM, drawPage, readPdfPage, rowsOf, spansOf, wordTablesOf } from './pdf-pages.ts';
import {
  BOOKTABS_ROWS,
  BORDERLESS_ROWS,
  FRAME_ROWS,
  MULTILINE_ROWS,
  SPANNING_ROWS,
  STACKED_ROWS_A,
  STACKED_ROWS_B,
  ZEBRA_ROWS,
  booktabsPage,
  borderlessPage,
  framePage,
  keyValuePage,
  multiLinePage,
  numberedListPage,
  prosePage,
  spanningHeaderPage,
  stackedPage,
  tableInColumnPage,
  twoColumnPage,
  zebraPage,
} from './sample-pages.ts';

describe('detectWordTables on text-layer words', () => {
  it('reads a borderless 5x4 table with right-aligned numbers between paragraphs', async () => {
    const { grids, tables } = wordTablesOf(await borderlessPage());
    assert.equal(tables.length, 1);
    assert.equal(gridProblem(grids[0]), '');
    assert.deepEqual(rowsOf(tables[0]), BORDERLESS_ROWS);
  });

  it('reads a booktabs table: caption above and note below left out, header rule as row edge', async () => {
    const read = await booktabsPage();
    assert.equal(layoutHints(read.ruledGrids, read.rulings).horizontalRules.length, 3);
    const { grids, tables } = wordTablesOf(read);
    assert.equal(tables.length, 1);
    assert.deepEqual(rowsOf(tables[0]), BOOKTABS_ROWS);
    const headerRule = [...layoutHints(read.ruledGrids, read.rulings).horizontalRules].sort((a, b) => a.position - b.position)[1];
    assert.equal(grids[0].rowEdges[1], Math.round(headerRule.position));
  });

  it('reads a table with only an outer frame', async () => {
    const read = await framePage();
    assert.equal(read.ruledGrids.length, 0, 'a lone frame is no ruled table');
    const { tables } = wordTablesOf(read);
    assert.equal(tables.length, 1);
    assert.deepEqual(rowsOf(tables[0]), FRAME_ROWS);
  });

  it('makes a header spanning two columns a merged cell', async () => {
    const { tables } = wordTablesOf(await spanningHeaderPage());
    assert.equal(tables.length, 1);
    assert.deepEqual(rowsOf(tables[0]), SPANNING_ROWS);
    assert.deepEqual(spansOf(tables[0]), ['0,1:1x2', '0,3:1x2']);
  });

  it('joins wrapped lines (empty key column) into one cell', async () => {
    const { tables } = wordTablesOf(await multiLinePage());
    assert.equal(tables.length, 1);
    assert.deepEqual(rowsOf(tables[0]), MULTILINE_ROWS);
  });

  it('finds two stacked tables with a paragraph between them, in reading order', async () => {
    const { tables } = wordTablesOf(await stackedPage());
    assert.deepEqual(tables.map(rowsOf), [STACKED_ROWS_A, STACKED_ROWS_B]);
  });

  it('reads a framed table with a header rule when its one-column ruled grid is passed as rules', async () => {
    const read = await drawPage((d) => {
      let y = d.paragraph(LOREM[1], 72, 90, 468, { justify: true }) + 12;
      const top = y;
      y += 16;
      FRAME_ROWS.forEach((row, i) => {
        d.text(row[0], 110, y);
        d.text(row[1], 250, y);
        d.text(row[2], 420, y, { align: 'right' });
        if (i === 0) d.rule(100, 430, y + 5);
        y += 16;
      });
      d.frame(100, top, 430, y - 6);
      d.paragraph(LOREM[2], 72, y + 20, 468, { justify: true });
    });
    // The frame and the header rule make a 2x1 ruled grid: all the body in one cell.
    assert.deepEqual(read.ruledGrids.map((g) => `${g.rowEdges.length - 1}x${g.columnEdges.length - 1}`), ['2x1']);
    const grid = read.ruledGrids[0];
    assert.equal(wordTablesOf(read, { excludeBoxes: [grid.box], horizontalRules: [] }).tables.length, 0, 'excluded, its words are the ruled table’s');
    // The pipeline does not exclude a one-column grid: its row edges become rules for the word layout.
    const { grids, tables } = wordTablesOf(read);
    assert.deepEqual(tables.map(rowsOf), [FRAME_ROWS]);
    assert.equal(grids[0].rowEdges[1], grid.rowEdges[1], 'the header rule is the row edge');
  });

  it('reads a zebra-shaded table when the stripes’ one-column grid is not excluded', async () => {
    const read = await zebraPage();
    // The vector detector makes the stripes a one-column grid (its words still need columns).
    assert.deepEqual(read.ruledGrids.map((g) => g.columnEdges.length - 1), [1]);
    const { tables } = wordTablesOf(read);
    assert.deepEqual(tables.map(rowsOf), [ZEBRA_ROWS]);
  });

  it('finds a table inside one column of a two-column page, not the prose beside it', async () => {
    const { tables } = wordTablesOf(await tableInColumnPage());
    assert.deepEqual(tables.map(rowsOf), [STACKED_ROWS_A]);
  });

  for (const [name, page] of [
    ['body text paragraphs with a page header and footer', prosePage],
    ['a numbered and a bulleted list with wrapped items', numberedListPage],
    ['two-column prose', twoColumnPage],
    ['a short Name: value block', keyValuePage],
  ] as const) {
    it(`finds no table in ${name}`, async () => {
      assert.deepEqual(wordTablesOf(await page()).tables.map(rowsOf), []);
    });
  }

  it('finds nothing more on the fixtures’ ruled pages (their grids excluded) or their memo page', async () => {
    const pdf = await makeTextPdf([...SAMPLE_DOCUMENT, SIDE_BY_SIDE_PAGE, PARAGRAPH_ONLY_PAGE]);
    for (let pageNumber = 1; pageNumber <= 4; pageNumber++) {
      const read = await readPdfPage(pdf, pageNumber);
      assert.equal(read.ruledGrids.length, [2, 1, 2, 0][pageNumber - 1], `page ${pageNumber} ruled grids`);
      assert.equal(wordTablesOf(read).tables.length, 0, `page ${pageNumber}`);
    }
  });
});
