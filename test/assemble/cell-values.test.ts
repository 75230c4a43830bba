import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from 'numfmt';
import type { CellValue } from '../../src/types.ts';
import {
  type DecimalSeparator,
  decideDecimalSeparator,
  parseCellValue,
  typeTableValues,
} from '../../src/assemble/cell-values.ts';

/** Formats a typed cell back to text with numfmt, an independent Excel number-format implementation (en-US). */
function formatBack(cell: CellValue): string {
  if (cell.kind === 'text') return cell.text;
  if (cell.kind === 'number') return format(cell.numFmt, cell.value);
  const serial = (cell.value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000; // Excel's day count
  return format(cell.numFmt, serial);
}

// [text, decimal separator, value, numFmt, text formatted back]. The formatted-back text differs from
// the written one only by: en-US separators (',' groups, '.' decimal) and full-width → ASCII.
const NUMBERS: [string, DecimalSeparator, number, string, string][] = [
  // plain and grouped
  ['2024', '.', 2024, '0', '2024'],
  ['0', '.', 0, '0', '0'],
  ['0.5', '.', 0.5, '0.0', '0.5'],
  ['12.50', '.', 12.5, '0.00', '12.50'],
  ['1234.56', '.', 1234.56, '0.00', '1234.56'],
  ['1,234.56', '.', 1234.56, '#,##0.00', '1,234.56'],
  ['1,234,567', '.', 1234567, '#,##0', '1,234,567'],
  ['123456789012345', '.', 123456789012345, '0', '123456789012345'],
  ['  42 ', '.', 42, '0', '42'],
  // decimal comma
  ['1.234,56', ',', 1234.56, '#,##0.00', '1,234.56'],
  ['1.234.567', ',', 1234567, '#,##0', '1,234,567'],
  ['1,5', ',', 1.5, '0.0', '1.5'],
  ['0,5', ',', 0.5, '0.0', '0.5'],
  ['1,234', ',', 1.234, '0.000', '1.234'],
  ['1,234', '.', 1234, '#,##0', '1,234'],
  // space-like thousands separators (OCR, typesetting)
  ['12 345', '.', 12345, '#,##0', '12,345'],
  ['1\u00a0234,56', ',', 1234.56, '#,##0.00', '1,234.56'],
  ['1\u202f234\u202f567.5', '.', 1234567.5, '#,##0.0', '1,234,567.5'],
  ['1\u2009234', ',', 1234, '#,##0', '1,234'],
  // signs
  ['-12', '.', -12, '0', '-12'],
  ['\u221212.5', '.', -12.5, '0.0', '-12.5'],
  ['+12', '.', 12, '+0;-0', '+12'],
  ['(1,234)', '.', -1234, '#,##0;(#,##0)', '(1,234)'],
  ['(1.234,5)', ',', -1234.5, '#,##0.0;(#,##0.0)', '(1,234.5)'],
  // percent
  ['12.5%', '.', 0.125, '0.0%', '12.5%'],
  ['-3%', '.', -0.03, '0%', '-3%'],
  ['12,5 %', ',', 0.125, '0.0 %', '12.5 %'],
  ['(4.25%)', '.', -0.0425, '0.00%;(0.00%)', '(4.25%)'],
  // currency
  ['$1,234.56', '.', 1234.56, '"$"#,##0.00', '$1,234.56'],
  ['-$12.00', '.', -12, '"$"0.00', '-$12.00'],
  ['$-12.00', '.', -12, '"$"0.00;"$"-0.00', '$-12.00'],
  ['($12.00)', '.', -12, '"$"0.00;("$"0.00)', '($12.00)'],
  ['+$5', '.', 5, '+"$"0;-"$"0', '+$5'],
  ['€ 12.50', '.', 12.5, '"€ "0.00', '€ 12.50'],
  ['12,50 €', ',', 12.5, '0.00" €"', '12.50 €'],
  ['-1.000€', ',', -1000, '#,##0"€"', '-1,000€'],
  ['£3', '.', 3, '"£"0', '£3'],
  ['¥1,000', '.', 1000, '"¥"#,##0', '¥1,000'],
  ['￥1,000', '.', 1000, '"¥"#,##0', '¥1,000'],
  // full-width digits and punctuation
  ['１２３', '.', 123, '0', '123'],
  ['１，２３４．５', '.', 1234.5, '#,##0.0', '1,234.5'],
  ['－１２％', '.', -0.12, '0%', '-12%'],
  ['（１２３）', '.', -123, '0;(0)', '(123)'],
];

const DATES: [string, [number, number, number], string, string][] = [
  ['2024-03-01', [2024, 3, 1], 'yyyy-mm-dd', '2024-03-01'],
  ['2024/03/01', [2024, 3, 1], 'yyyy/mm/dd', '2024/03/01'],
  ['2024.03.01', [2024, 3, 1], 'yyyy.mm.dd', '2024.03.01'],
  ['2024-3-1', [2024, 3, 1], 'yyyy-m-d', '2024-3-1'],
  ['2024-12-31', [2024, 12, 31], 'yyyy-mm-dd', '2024-12-31'],
  ['2024-02-29', [2024, 2, 29], 'yyyy-mm-dd', '2024-02-29'],
  ['2024年3月1日', [2024, 3, 1], 'yyyy"年"m"月"d"日"', '2024年3月1日'],
  ['2024年03月01日', [2024, 3, 1], 'yyyy"年"mm"月"dd"日"', '2024年03月01日'],
  ['２０２４年３月１日', [2024, 3, 1], 'yyyy"年"m"月"d"日"', '2024年3月1日'],
];

// Must stay text under either decimal separator.
const TEXTS = [
  '007', '00.5', '0012.5', '00', '-007', '$007', // leading zeros: codes
  '1234567890123456', '12345678901234567890', '1,234,567,890,123,456', '1234567890.123456', // > 15 digits
  'A12', '12B', '1e5', '1E5', '12 kg', 'No. 5', '0x1F', '1/2', '10²', '①', // letters, units, other symbols
  '555-1234', '+1 555 123 4567', '+1 555 123 456', '(555) 123-4567', // phone-like
  '-', '.', ',', '%', '$', '()', '.5', '12-', '--12', '+-12', '(-12)', '(12', '12)', '$12%', '$12€', '12 %%',
  '12 34', '1 234 5678', '12  345', '1,234 567', '12:30', '1.2.3', '1,23,4', '1.23.4',
  '2024-03', '2024年3月', '01/03/2024', '3/1/24', '2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '1899-12-31',
  '2024-03-01 12:00', '2024-03-01T00:00:00Z',
];

describe('parseCellValue: numbers', () => {
  for (const [text, decimal, value, numFmt, back] of NUMBERS) {
    it(`${JSON.stringify(text)} (decimal '${decimal}') → ${value}, ${numFmt}, formats back to ${JSON.stringify(back)}`, () => {
      const cell = parseCellValue(text, decimal);
      assert.deepEqual(cell, { kind: 'number', value, numFmt });
      assert.equal(formatBack(cell), back);
    });
  }

  it('never yields -0', () => {
    const cell = parseCellValue('-0.00', '.');
    assert.equal(cell.kind, 'number');
    assert.ok(cell.kind === 'number' && Object.is(cell.value, 0));
  });
});

describe('parseCellValue: dates', () => {
  for (const [text, [y, m, d], numFmt, back] of DATES) {
    it(`${JSON.stringify(text)} → ${y}-${m}-${d}, ${numFmt}`, () => {
      const cell = parseCellValue(text, '.');
      assert.deepEqual(cell, { kind: 'date', value: new Date(Date.UTC(y, m - 1, d)), numFmt });
      assert.equal(formatBack(cell), back);
      assert.deepEqual(parseCellValue(text, ','), cell); // the decimal separator plays no part
    });
  }
});

describe('parseCellValue: what stays text', () => {
  for (const text of TEXTS) {
    it(`${JSON.stringify(text)} stays text`, () => {
      assert.deepEqual(parseCellValue(text, '.'), { kind: 'text', text });
      assert.deepEqual(parseCellValue(text, ','), { kind: 'text', text });
    });
  }

  it('keeps empty and blank text as written', () => {
    assert.deepEqual(parseCellValue('', '.'), { kind: 'text', text: '' });
    assert.deepEqual(parseCellValue('  ', ','), { kind: 'text', text: '  ' });
    assert.deepEqual(parseCellValue(' 007 ', '.'), { kind: 'text', text: ' 007 ' });
  });

  it('reads separators only as the chosen decimal separator allows', () => {
    for (const text of ['1,5', '12,50', '1,2345', '1,234.56,7', '1.234,56']) assert.equal(parseCellValue(text, '.').kind, 'text', text);
    for (const text of ['12.5', '1,234.56', '1.2345', '1.234.567,8.9', '1.23']) assert.equal(parseCellValue(text, ',').kind, 'text', text);
  });
});

describe('decideDecimalSeparator', () => {
  it('follows the unambiguous values', () => {
    assert.equal(decideDecimalSeparator(['1.234,56', '12,5', '1,234']), ',');
    assert.equal(decideDecimalSeparator(['0,75', 'total', '2024-03-01', '12', '']), ',');
    assert.equal(decideDecimalSeparator(['1,234.5', '1,234']), '.');
    assert.equal(decideDecimalSeparator(['12.5', '1,234,567']), '.');
  });

  it('takes the majority', () => {
    assert.equal(decideDecimalSeparator(['12,5', '0,75', '3.5']), ',');
    assert.equal(decideDecimalSeparator(['12,5', '3.5', '4.5']), '.');
  });

  it("is '.' on a tie or when nothing decides", () => {
    assert.equal(decideDecimalSeparator([]), '.');
    assert.equal(decideDecimalSeparator(['1,234', '1.234', '12', 'abc']), '.');
    assert.equal(decideDecimalSeparator(['12,5', '12.5']), '.');
  });
});

describe('typeTableValues', () => {
  const rows = [
    ['Item', 'EU', 'US'],
    ['a', '1.234,56', '1,234.5'],
    ['b', '12,5', '1,234'],
    ['c', '1,234', ''],
    ['d'], // a short row keeps its shape
  ];
  const values = (cells: CellValue[]) => cells.map((cell) => (cell.kind === 'text' ? cell.text : cell.value));

  it('decides the decimal separator per column', () => {
    const typed = typeTableValues(rows, 'auto');
    assert.deepEqual(typed.map((row) => row.length), [3, 3, 3, 3, 1]);
    assert.deepEqual(values(typed.map((row) => row[1]).slice(0, 4)), ['EU', 1234.56, 12.5, 1.234]);
    assert.deepEqual(values(typed.map((row) => row[2]).slice(0, 4)), ['US', 1234.5, 1234, '']);
    assert.deepEqual(values(typed[4]), ['d']);
  });

  it('uses a given separator for every column', () => {
    const typed = typeTableValues(rows, '.');
    assert.deepEqual(values(typed.map((row) => row[1]).slice(0, 4)), ['EU', '1.234,56', '12,5', 1234]);
    assert.deepEqual(values(typed.map((row) => row[2]).slice(0, 4)), ['US', 1234.5, 1234, '']);
  });

  it('handles an empty table', () => {
    assert.deepEqual(typeTableValues([], 'auto'), []);
  });
});
