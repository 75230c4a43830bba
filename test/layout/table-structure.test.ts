import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseBlock } from '../../src/layout/table-structure.ts';
import { buildTextLines, measureText, splitPhrases } from '../../src/layout/text-lines.ts';
import type { Ruling } from '../../src/types.ts';
import { DPI, LINE_PX, monoWords } from './mono-words.ts';

/** The block's table for lines written as strings, the block starting at line `start`. */
function analyse(text: string[], start: number, rules: Ruling[] = []) {
  const lines = buildTextLines(monoWords(text));
  const metrics = measureText(lines, DPI);
  splitPhrases(lines, metrics.minColumnGapPx);
  const table = analyseBlock(lines, { start, end: lines.length, sections: [] }, 0, metrics, rules);
  return table && { headerRowCount: table.headerRowCount, columnCount: table.columnEdges.length - 1, rows: table.rows.map((row) => row.map((line) => line.words.map((w) => w.text).join(' '))) };
}

describe('analyseBlock: header lines above the block', () => {
  const text = [
    '  Currency           Code       Buy      Sell',
    'Brazilian Real        BRL    5.3730    5.4270',
    'Chinese Yuan          CNY    7.7309    7.8086',
    'Swedish Krona         SEK   11.3116   11.4253',
    'US Dollar             USD    1.0746    1.0854',
  ];
  // A header rule between the header line and the first row.
  const headerRule: Ruling = { orientation: 'horizontal', position: 200 + LINE_PX - 3, start: 190, end: 1240, thickness: 2 };

  it('takes the line above a header rule that labels the columns as the header', () => {
    const table = analyse(text, 1, [headerRule]);
    assert.ok(table);
    assert.equal(table.headerRowCount, 1);
    assert.deepEqual(table.rows[0], ['Currency Code Buy Sell']);
    assert.equal(table.rows.length, 5);
  });

  it('does not take a caption above a rule for a header', () => {
    const table = analyse(['Table 3: reference exchange rates of the day', ...text.slice(1)], 1, [headerRule]);
    assert.ok(table);
    assert.equal(table.headerRowCount, 0);
    assert.equal(table.rows.length, 4);
  });
});

describe('analyseBlock: a column the header labels', () => {
  it('keeps a column with a single figure under its own header label', () => {
    const table = analyse([
      'Model       Params    MMLU    GSM8K    HumanEval',
      'Base-7B     7B        61.2    37.4',
      'Chat-7B     7B        63.8    53.4',
      'Math-7B     7B        58.3    71.9',
      'Math-13B    13B       64.0    78.2     21.4',
      'Coder-13B   13B       57.9    49.6',
    ], 0);
    assert.ok(table);
    assert.equal(table.columnCount, 5);
  });
});

