// Disjoint sets (union-find) over 0, 1, 2, …: connected ink, rulings that touch, fills spaced
// like stripes, glyphs chained into lines. Every set's root is its smallest member, so roots do
// not depend on the order of the joins.
export class DisjointSets {
  private parent: Int32Array;
  private count = 0;

  /** `size` singletons; more can be added with add(). */
  constructor(size = 0, capacity = Math.max(size, 16)) {
    this.parent = new Int32Array(capacity);
    for (let i = 0; i < size; i++) this.add();
  }

  get size(): number {
    return this.count;
  }

  /** A new singleton; returns its number. */
  add(): number {
    if (this.count === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.count] = this.count;
    return this.count++;
  }

  /** The smallest member of i's set (path halving keeps the chains short). */
  root(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  isRoot(i: number): boolean {
    return this.parent[i] === i;
  }

  /** Joins the sets of a and b; returns the root of the joined set. */
  join(a: number, b: number): number {
    const rootA = this.root(a);
    const rootB = this.root(b);
    if (rootA === rootB) return rootA;
    // No [low, high] pair: this runs once per touching ink run, and must not allocate.
    if (rootA < rootB) {
      this.parent[rootB] = rootA;
      return rootA;
    }
    this.parent[rootA] = rootB;
    return rootB;
  }
}
