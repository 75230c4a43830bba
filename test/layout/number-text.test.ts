import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ONE_WORD_NUMBER, isNumeric, isNumericOrBlank } from '../../src/layout/number-text.ts';

describe('number text (layout)', () => {
  it('takes one word as a number with its sign, currency, brackets, percent sign and a footnote mark', () => {
    for (const text of ['12', '-1,234.50', '−3', '(1,234)', '$12.00', '€5', '12%', '12*', '(3)†']) assert.ok(ONE_WORD_NUMBER.test(text), text);
    for (const text of ['abc', '12a', '1 234', '12**', 'Q1', '$', '']) assert.ok(!ONE_WORD_NUMBER.test(text), text);
  });

  it('takes a cell text as a number with its digit groups spaced apart and several footnote marks', () => {
    for (const text of ['1 234 567', ' 12 ', '12**', '(1 234)']) assert.ok(isNumeric(text), text);
    for (const text of ['Total 12', '12 apples', 'n/a']) assert.ok(!isNumeric(text), text);
  });

  it('takes what a table writes for a missing number as blank', () => {
    for (const text of ['-', '—', 'n/a', 'NA', 'nil', '..', '12']) assert.ok(isNumericOrBlank(text), text);
    assert.ok(!isNumericOrBlank('none given'));
  });
});
