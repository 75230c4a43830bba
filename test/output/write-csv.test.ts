import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typeTable } from '../../src/assemble/table-values.ts';
import { SETTINGS } from '../../src/options.ts';
import { escapeFormula, tableCsv } from '../../src/output/write-csv.ts';
import type { ExtractedTable } from '../../src/types.ts';

function table(rows: string[][]): ExtractedTable {
  const cells = rows.flatMap((row, r) => row.map((text, c) => ({ row: r, col: c, rowSpan: 1, colSpan: 1, text, confidence: null, doubt: null })));
  return { pageNumber: 1, tableIndex: 0, rowCount: rows.length, columnCount: rows[0].length, cells, box: { left: 0, top: 0, right: 1, bottom: 1 }, columnEdges: [], dpi: 300, source: 'text-layer', continuations: [], warnings: [] };
}

describe('CSV formula escaping (OWASP CSV injection)', () => {
  it('puts a quote before text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '=HYPERLINK("http://x","y")', '@SUM(A1)', "+cmd|' /C calc'!A0", '-2+3', '-cmd', '\tTAB', '\rCR', '=']) {
      assert.equal(escapeFormula(text, false), `'${text}`, JSON.stringify(text));
    }
  });

  it('leaves numbers, sign-only placeholders and ordinary text alone', () => {
    for (const text of ['-2', '+3.5', '-1,234.50', '- 1 234,5', '-12%', '-', '--', '+-', 'Total', 'a=b', '', ' =x']) {
      assert.equal(escapeFormula(text, false), text, JSON.stringify(text));
    }
    assert.equal(escapeFormula('-(1,234)', true), '-(1,234)', 'a typed number is data');
  });

  it('escapes in a table unless raw text is asked for; quoting still applies', () => {
    const typed = typeTable(table([['Item', 'Value'], ['=1+1', '-2'], ['@SUM(A1)', '+3.5'], ['=HYPERLINK("http://x","y")', '7']]), { typing: true, decimal: 'auto', lowConfidence: SETTINGS.lowConfidence });
    assert.equal(tableCsv(typed, { csvRaw: false }), `Item,Value\r\n'=1+1,-2\r\n'@SUM(A1),+3.5\r\n"'=HYPERLINK(""http://x"",""y"")",7\r\n`);
    assert.equal(tableCsv(typed, { csvRaw: true }), `Item,Value\r\n=1+1,-2\r\n@SUM(A1),+3.5\r\n"=HYPERLINK(""http://x"",""y"")",7\r\n`);
  });

  it('TSV: tabs between fields; a field holding a tab, a quote or a line break is quoted, commas are not', () => {
    const typed = typeTable(table([['Name', 'Note'], ['a,b', 'x\ty'], ['say "hi"', 'two\nlines']]), { typing: true, decimal: 'auto', lowConfidence: SETTINGS.lowConfidence });
    assert.equal(tableCsv(typed, { csvRaw: false }, 'tsv'), `Name\tNote\r\na,b\t"x\ty"\r\n"say ""hi"""\t"two\nlines"\r\n`);
  });
});
