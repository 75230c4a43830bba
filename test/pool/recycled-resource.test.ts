import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecycledResource } from '../../src/pool/recycled-resource.ts';

describe('RecycledResource', () => {
  const setup = (maxUses: number) => {
    const made: string[] = [];
    const closed: string[] = [];
    let serial = 0;
    const holder = new RecycledResource<string>((resource) => void closed.push(resource), (_resource, uses) => uses >= maxUses);
    const create = (key: string) => () => {
      const resource = `${key}#${++serial}`;
      made.push(resource);
      return Promise.resolve(resource);
    };
    return { holder, made, closed, create };
  };

  it('reuses one resource for a key, then replaces it after maxUses and closes the old one', async () => {
    const { holder, made, closed, create } = setup(2);
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await holder.use('a', create('a'), async (r) => r));
    assert.deepEqual(seen, ['a#1', 'a#1', 'a#2', 'a#2', 'a#3']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, ['a#1', 'a#2']);
    await holder.closeAll();
    assert.deepEqual(closed, ['a#1', 'a#2', 'a#3']);
    assert.equal(made.length, 3);
  });

  it('a new key replaces the resource', async () => {
    const { holder, closed, create } = setup(100);
    await holder.use('a', create('a'), async () => undefined);
    assert.equal(await holder.use('b', create('b'), async (r) => r), 'b#2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, ['a#1']);
  });

  it('does not close a retired resource while a user still holds it', async () => {
    const { holder, closed, create } = setup(1);
    let finishFirst!: () => void;
    const first = holder.use('a', create('a'), (r) => new Promise<string>((resolve) => (finishFirst = () => resolve(r))));
    assert.equal(await holder.use('a', create('a'), async (r) => r), 'a#2'); // the first use retired a#1
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, []);
    finishFirst();
    assert.equal(await first, 'a#1');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, ['a#1']);
  });

  it('retireCurrent: the next use gets a fresh resource; the old one closes only when its user is done', async () => {
    const { holder, closed, create } = setup(100);
    let finishHung!: () => void;
    const hung = holder.use('a', create('a'), (r) => new Promise<string>((resolve) => (finishHung = () => resolve(r))));
    await new Promise((resolve) => setImmediate(resolve));
    holder.retireCurrent();
    assert.equal(await holder.use('a', create('a'), async (r) => r), 'a#2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, [], 'not closed under its user');
    finishHung();
    await hung;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(closed, ['a#1']);
  });

  it('asks the resource whether it is worn out', async () => {
    const holder = new RecycledResource<{ load: number }>(() => undefined, (resource) => (resource?.load ?? 0) > 10);
    let made = 0;
    const create = () => Promise.resolve({ load: 0, id: ++made });
    for (let i = 0; i < 4; i++) await holder.use('a', create, async (r) => void (r.load += 4));
    assert.equal(made, 2, 'replaced once its load passed 10 (after the third use)');
  });

  it('does not keep a resource that failed to start', async () => {
    const { holder } = setup(10);
    await assert.rejects(holder.use('a', () => Promise.reject(new Error('no start')), async () => undefined), /no start/);
    assert.equal(await holder.use('a', () => Promise.resolve('fresh'), async (r) => r), 'fresh');
  });
});
