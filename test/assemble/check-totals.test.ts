import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typeTable } from '../../src/assemble/table-values.ts';
import type { ExtractedTable, TypedTable } from '../../src/types.ts';

/** A table from rows of texts; `doubts` marks cells (`row,col`) OCR's reading of is in doubt. */
function table(rows: string[][], source: ExtractedTable['source'] = 'text-layer', doubts: Record<string, string> = {}): ExtractedTable {
  const cells = rows.flatMap((row, r) =>
    row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text, confidence: source === 'ocr' && text !== '' ? 95 : null, doubt: doubts[`${r},${c}`] ?? null })),
  );
  return { pageNumber: 1, tableIndex: 0, rowCount: rows.length, columnCount: rows[0].length, cells, box: { left: 0, top: 0, right: 1, bottom: 1 }, columnEdges: [], dpi: 300, source, continuations: [], warnings: [] };
}

const typed = (rows: string[][], source: ExtractedTable['source'] = 'text-layer', doubts: Record<string, string> = {}) =>
  typeTable(table(rows, source, doubts), { typing: true, decimal: 'auto', lowConfidence: 60 });

const cellAt = (result: TypedTable, row: number, col: number) => result.cells.find((cell) => cell.row === row && cell.col === col)!;
const marked = (result: TypedTable) => result.cells.filter((cell) => cell.check !== null).map((cell) => `${cell.row},${cell.col}`);

describe('checkTotals (through typeTable)', () => {
  it('leaves a statement whose totals add up alone, and counts the checks', () => {
    const result = typed([
      ['Item', 'Q1', 'Q2'],
      ['Rent', '1,200.00', '1,200.00'],
      ['Salaries', '3,450.50', '3,610.25'],
      ['Supplies', '199.99', '87.10'],
      ['Total', '4,850.49', '4,897.35'],
    ]);
    assert.deepEqual(marked(result), []);
    assert.deepEqual(result.totals, [
      { row: 4, col: 1, addsUp: true },
      { row: 4, col: 2, addsUp: true },
    ]);
  });

  it('comments a total 100 off its items, with a fill, and leaves the correct total beside it alone', () => {
    const result = typed([
      ['Item', 'Q1', 'Q2'],
      ['Rent', '1,200.00', '1,200.00'],
      ['Salaries', '3,450.50', '3,610.25'],
      ['Supplies', '199.99', '87.10'],
      ['Total', '4,950.49', '4,897.35'],
    ]);
    assert.deepEqual(marked(result), ['4,1']);
    const total = cellAt(result, 4, 1);
    assert.equal(total.doubtfulValue, true);
    assert.match(total.check!, /does not add up.*sum to 4,850\.49, 100 less than the total/);
    assert.equal(result.values[4][1].kind, 'number', 'the total keeps its printed value, typed');
    assert.deepEqual(result.totals.map((total) => total.addsUp), [false, true]);
  });

  it('accepts an invoice: subtotal of the items, tax, and a total due that is subtotal plus tax', () => {
    const result = typed([
      ['Description', 'Qty', 'Unit price', 'Amount'],
      ['Widget', '4', '12.50', '50.00'],
      ['Gadget', '2', '30.00', '60.00'],
      ['Service', '1', '45.00', '45.00'],
      ['Subtotal', '', '', '155.00'],
      ['Tax 8%', '', '', '12.40'],
      ['Total due', '', '', '167.40'],
    ]);
    assert.deepEqual(marked(result), []);
    assert.deepEqual(result.totals.map(({ row, col, addsUp }) => [row, col, addsUp]), [[4, 3, true], [6, 3, true]]);
  });

  it('accepts totals of totals and section totals after a section label', () => {
    const result = typed([
      ['', '2024'],
      ['Current assets', ''],
      ['Cash', '120'],
      ['Receivables', '80'],
      ['Total current assets', '200'],
      ['Non-current assets', ''],
      ['Plant', '500'],
      ['Total non-current assets', '500'],
      ['Total assets', '700'],
    ]);
    assert.deepEqual(marked(result), []);
    assert.equal(result.totals.length, 3);
    assert.ok(result.totals.every((total) => total.addsUp));
  });

  it('checks a Chinese total printed above its rows, and skips a breakdown marked 其中', () => {
    const adds = typed([['地区', '人口'], ['合计', '1,000'], ['东部', '600'], ['西部', '400']]);
    assert.deepEqual(adds.totals, [{ row: 1, col: 1, addsUp: true }]);
    const wrong = typed([['地区', '人口'], ['合 计', '1,100'], ['东部', '600'], ['西部', '400']]);
    assert.deepEqual(marked(wrong), ['1,1']);
    const partial = typed([['地区', '人口'], ['合计', '1,000'], ['其中：东部', '600'], ['西部', '300']]);
    assert.deepEqual(partial.totals, []);
  });

  it('does not check percentages, ratios, prices or a balance', () => {
    const result = typed([
      ['Item', 'Share', 'Growth rate', 'Unit price', 'Balance'],
      ['A', '40%', '1.5', '10.00', '100'],
      ['B', '50%', '2.5', '12.00', '250'],
      ['Total', '100%', '1.9', '11.00', '250'],
    ]);
    assert.deepEqual(result.totals, []);
    assert.deepEqual(marked(result), []);
  });

  it('rounding: a total of rounded figures may be off by their rounding', () => {
    const result = typed([['Item', 'Share'], ['A', '33.3'], ['B', '33.3'], ['C', '33.3'], ['Total', '100.0']]);
    assert.deepEqual(result.totals, [{ row: 4, col: 1, addsUp: true }]);
  });

  it('names the one doubtful figure whose other reading makes the column add up; the figure keeps its mark', () => {
    const result = typed(
      [['Task', 'Score'], ['A', '37.4'], ['B', '534'], ['C', '21.4'], ['D', '40.1'], ['Total', '152.3']],
      'ocr',
      { '2,1': '0 decimal places where its column has 1: a separator may be misread' },
    );
    const total = cellAt(result, 5, 1);
    assert.match(total.check!, /Read as 53\.4, the doubtful figure in row 3 of this table would make it add up/);
    const figure = cellAt(result, 2, 1);
    assert.equal(figure.doubtfulValue, true);
    assert.deepEqual(result.values[2][1], { kind: 'text', text: '534' }, 'a doubtful number is written as its text, never typed');
  });
});

describe('a dash read as a digit', () => {
  it('names a short doubtful figure that, read as nothing, makes the total add up', () => {
    const result = typed(
      [['Line item', 'FY2017'], ['Research', '(24.4)'], ['Sales', '(67.5)'], ['General', '(52.0)'], ['Restructuring', '1'], ['Total operating expenses', '(143.9)']],
      'ocr',
      { '4,1': 'a number read with 28% confidence' },
    );
    assert.match(cellAt(result, 5, 1).check!, /Read as 0, the doubtful figure in row 5 of this table would make it add up/);
  });
});

describe('typing per cell', () => {
  it('keeps a column of codes with leading zeros as text throughout', () => {
    const result = typed([['Part no.', 'Qty'], ['0007054', '3'], ['65247', '12'], ['0012', '1']]);
    assert.deepEqual(result.values.slice(1).map((row) => row[0].kind), ['text', 'text', 'text']);
    assert.deepEqual(result.values.slice(1).map((row) => row[1].kind), ['number', 'number', 'number']);
  });

  it('marks the one word in an OCR column of numbers and keeps its numbers typed', () => {
    const result = typed([['Item', 'Count'], ['a', '120'], ['b', 'l2S'], ['c', '87'], ['d', '412'], ['e', '9'], ['f', '-']], 'ocr');
    assert.deepEqual(marked(result), ['2,1']);
    assert.equal(cellAt(result, 2, 1).doubtfulValue, true);
    assert.equal(result.values[1][1].kind, 'number');
    assert.deepEqual(marked(typed([['Item', 'Count'], ['a', '120'], ['b', 'n/a'], ['c', '87'], ['d', '412'], ['e', '9']], 'ocr')), [], 'a placeholder is not a misread number');
  });
});

describe('totals that decide and that say nothing', () => {
  it('types a column of open separators the way that makes its total add up (3.597 is 3,597)', () => {
    const result = typed([['Topic', 'Enquiries'], ['A', '3.597'], ['B', '1.847'], ['C', '732'], ['D', '556'], ['Total', '6.732']]);
    assert.deepEqual(result.values.slice(1).map((row) => row[1].kind === 'number' && row[1].value), [3597, 1847, 732, 556, 6732]);
    assert.deepEqual(result.totals, [{ row: 5, col: 1, addsUp: true }]);
    assert.deepEqual(marked(result), []);
  });

  it('adds up Japanese accounts, whose negatives are printed after △', () => {
    const result = typed([['', '利益剰余金'], ['当期首残高', '12,017'], ['当期変動額', ''], ['剰余金の配当', '△525'], ['当期純利益', '1,269'], ['自己株式の取得', '△0'], ['その他', '85'], ['当期変動額合計', '829']]);
    assert.deepEqual(result.totals, [{ row: 7, col: 1, addsUp: true }]);
  });

  it('says nothing where the rows a total closes are not understood (far off every way, no misread to explain it)', () => {
    // Net lines are implicit subtotals of the two lines above them: the plain sum counts them twice.
    const result = typed([
      ['', '2024'],
      ['Interest income', '198,381'],
      ['Interest expense', '-104,954'],
      ['Net interest income', '93,427'],
      ['Fee income', '27,844'],
      ['Fee expense', '-3,732'],
      ['Net fee income', '24,112'],
      ['Total operating income', '117,539'],
    ]);
    assert.deepEqual(result.totals, []);
    assert.deepEqual(marked(result), []);
  });

  it('checks a total printed above its rows only when labelled by the total word alone', () => {
    const result = typed([['', '2009', '2010'], ['Total data sets available', '47', '272,768'], ['Applications', '0', '237'], ['Downloads', '0', '652,412']]);
    assert.deepEqual(result.totals, []);
  });
});

describe('"of which" breakdowns', () => {
  it('leaves out the rows that break down the row above them', () => {
    const result = typed([
      ['', '2024'],
      ['股本', '19,406'],
      ['其他权益工具', '69,948'],
      ['其中：优先股', '19,953'],
      ['永续债', '49,995'],
      ['资本公积', '80,713'],
      ['股东权益合计', '170,067'],
    ]);
    assert.deepEqual(result.totals, [{ row: 6, col: 1, addsUp: true }]);
    assert.deepEqual(marked(result), []);
  });
});

describe('a total labelled in its own cell', () => {
  it('checks "Subtotal $ 112.00" in the amount column against the amounts above it', () => {
    const rows = [['Description', 'Qty', 'Amount'], ['Beeswax', '1.00 kg', '$ 42.00'], ['Office chair', '1 unit', '$ 70.00'], ['', '', 'Subtotal $ 112.00']];
    assert.deepEqual(typed(rows).totals, [{ row: 3, col: 2, addsUp: true }]);
    const off = typed([...rows.slice(0, 3), ['', '', 'Subtotal $ 122.00']]);
    assert.deepEqual(off.totals, [{ row: 3, col: 2, addsUp: false }]);
    assert.deepEqual(marked(off), ['3,2']);
  });
});
