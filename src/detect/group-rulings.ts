import type { Ruling } from '../types.js';

/**
 * Split rulings into connected groups: a horizontal and a vertical ruling are connected when
 * they cross or touch (within `touchTolerancePx` plus half their thickness). Each group with at
 * least one ruling of each orientation is a candidate table; lone lines (underlines, rules
 * between paragraphs) are left out. Groups come back in no particular order.
 */
export function groupRulings(rulings: readonly Ruling[], touchTolerancePx: number): Ruling[][] {
  const n = rulings.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (let i = 0; i < n; i++) {
    const h = rulings[i];
    if (h.orientation !== 'horizontal') continue;
    for (let j = 0; j < n; j++) {
      const v = rulings[j];
      if (v.orientation !== 'vertical') continue;
      const slackX = touchTolerancePx + h.thickness / 2 + v.thickness / 2;
      if (v.position < h.start - slackX || v.position > h.end + slackX) continue;
      if (h.position < v.start - slackX || h.position > v.end + slackX) continue;
      const a = root(i);
      const b = root(j);
      if (a !== b) parent[b] = a;
    }
  }
  const byRoot = new Map<number, Ruling[]>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    let list = byRoot.get(r);
    if (!list) byRoot.set(r, (list = []));
    list.push(rulings[i]);
  }
  return [...byRoot.values()].filter(
    (g) => g.some((r) => r.orientation === 'horizontal') && g.some((r) => r.orientation === 'vertical'),
  );
}
