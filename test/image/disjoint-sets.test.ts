import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DisjointSets } from '../../src/image/disjoint-sets.ts';

describe('disjoint sets', () => {
  it('joins sets whose root is always their smallest member, whatever the order of the joins', () => {
    const sets = new DisjointSets(6);
    assert.equal(sets.join(5, 3), 3);
    assert.equal(sets.join(4, 5), 3);
    sets.join(1, 2);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => sets.root(i)), [0, 1, 1, 3, 3, 3]);
    assert.equal(sets.join(2, 4), 1);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => sets.root(i)), [0, 1, 1, 1, 1, 1]);
    assert.ok(sets.isRoot(0) && sets.isRoot(1) && !sets.isRoot(3));
  });

  it('grows as singletons are added', () => {
    const sets = new DisjointSets(0, 2);
    for (let i = 0; i < 100; i++) assert.equal(sets.add(), i);
    assert.equal(sets.size, 100);
    sets.join(99, 0);
    assert.equal(sets.root(99), 0);
  });
});
