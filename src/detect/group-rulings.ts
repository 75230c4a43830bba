import type { Ruling } from '../types.js';
import { DisjointSets } from '../image/disjoint-sets.js';

/**
 * Split rulings into connected groups: a horizontal and a vertical ruling are connected when
 * they cross or touch (within `touchTolerancePx` plus half their thickness). Each group with at
 * least one ruling of each orientation is a candidate table; lone lines (underlines, rules
 * between paragraphs) are left out. Groups come back in no particular order.
 */
export function groupRulings(rulings: readonly Ruling[], touchTolerancePx: number): Ruling[][] {
  const n = rulings.length;
  const sets = new DisjointSets(n);
  for (let i = 0; i < n; i++) {
    const h = rulings[i];
    if (h.orientation !== 'horizontal') continue;
    for (let j = 0; j < n; j++) {
      const v = rulings[j];
      if (v.orientation !== 'vertical') continue;
      const slackX = touchTolerancePx + h.thickness / 2 + v.thickness / 2;
      if (v.position < h.start - slackX || v.position > h.end + slackX) continue;
      if (h.position < v.start - slackX || h.position > v.end + slackX) continue;
      sets.join(i, j);
    }
  }
  const byRoot = new Map<number, Ruling[]>();
  for (let i = 0; i < n; i++) {
    const r = sets.root(i);
    let list = byRoot.get(r);
    if (!list) byRoot.set(r, (list = []));
    list.push(rulings[i]);
  }
  return [...byRoot.values()].filter(
    (g) => g.some((r) => r.orientation === 'horizontal') && g.some((r) => r.orientation === 'vertical'),
  );
}
