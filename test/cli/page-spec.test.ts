import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { parsePageSpec, selectPages } from '../../src/page-spec.ts';

describe('page spec', () => {
  it('parses single pages, ranges and open ranges', () => {
    assert.deepEqual(parsePageSpec('1-3,5,7-end'), [
      { first: 1, last: 3 },
      { first: 5, last: 5 },
      { first: 7, last: null },
    ]);
    assert.deepEqual(selectPages(parsePageSpec('1-3,5,7-end'), 9), [1, 2, 3, 5, 7, 8, 9]);
  });

  it('sorts and removes repeats', () => {
    assert.deepEqual(selectPages(parsePageSpec('4,2-3, 3,1'), 5), [1, 2, 3, 4]);
  });

  it("understands 'end' alone", () => {
    assert.deepEqual(selectPages(parsePageSpec('end'), 6), [6]);
    assert.deepEqual(selectPages(parsePageSpec('2,end'), 6), [2, 6]);
  });

  it('selects every page when no spec is given', () => {
    assert.deepEqual(selectPages(null, 3), [1, 2, 3]);
  });

  for (const bad of ['', '0', '3-1', 'a', '1,,2', '1-2-3', '-2', '1.5', 'end-2']) {
    it(`rejects '${bad}' naming the option`, () => {
      assert.throws(() => parsePageSpec(bad), (error: unknown) => error instanceof UsageError && /--pages/.test(error.message));
    });
  }

  it('rejects pages beyond the last one', () => {
    assert.throws(() => selectPages(parsePageSpec('2-4'), 3), /page 4 is out of range: the document has 3 pages/);
    assert.throws(() => selectPages(parsePageSpec('5'), 1), /the document has 1 page\b/);
  });
});
