import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SheetNames } from '../../src/output/sheet-names.ts';

describe('SheetNames', () => {
  it('keeps names unique regardless of case', () => {
    const names = new SheetNames();
    assert.deepEqual([names.take('Page 1'), names.take('page 1'), names.take('Page 1')], ['Page 1', 'page 1 (2)', 'Page 1 (3)']);
  });
  it('replaces the characters Excel forbids and trims apostrophes', () => {
    const names = new SheetNames();
    assert.equal(names.take("'a/b\\\\c?d*e:f[g]'"), 'a_b__c_d_e_f_g_');
    assert.equal(names.take("''"), 'Sheet');
  });
  it('cuts names to 31 characters, the suffix included', () => {
    const names = new SheetNames();
    const long = 'x'.repeat(40);
    const first = names.take(long);
    const second = names.take(long);
    assert.equal(first.length, 31);
    assert.equal(second.length, 31);
    assert.ok(second.endsWith(' (2)'));
  });
});
