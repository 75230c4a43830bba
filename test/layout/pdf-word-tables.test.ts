// detectWordTables on the text layer of born-digital pages drawn with pdf-lib (Helvetica 10 pt,
// read at 300 DPI like the pipeline), and on the fixtures' ruled pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_DOCUMENT, PARAGRAPH_ONLY_PAGE, SIDE_BY_SIDE_PAGE, makeTextPdf } from '../../fixtures/lib/index.ts';
import { gridProblem } from './mono-words.ts';
import { readPdfPage, rowsOf, spansOf, wordTablesOf } from './pdf-pages.ts';
import {
  BOOKTABS_ROWS,
  BORDERLESS_ROWS,
  FRAME_ROWS,
  MULTILINE_ROWS,
  SPANNING_ROWS,
  STACKED_ROWS_A,
  STACKED_ROWS_B,
  booktabsPage,
  borderlessPage,
  framePage,
  keyValuePage,
  multiLinePage,
  numberedListPage,
  prosePage,
  spanningHeaderPage,
  stackedPage,
  twoColumnPage,
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
    assert.equal(read.horizontalRules.length, 3);
    const { grids, tables } = wordTablesOf(read);
    assert.equal(tables.length, 1);
    assert.deepEqual(rowsOf(tables[0]), BOOKTABS_ROWS);
    const headerRule = [...read.horizontalRules].sort((a, b) => a.position - b.position)[1];
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
