import type { PixelBox } from '../types.js';

/**
 * Sort items with boxes into reading order: top to bottom, and left to right among items whose
 * vertical extents overlap (side-by-side tables), even when one of them starts a little lower.
 */
export function sortReadingOrder<T extends { box: PixelBox }>(items: readonly T[]): T[] {
  const byTop = [...items].sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
  const bands: { top: number; bottom: number; members: T[] }[] = [];
  for (const item of byTop) {
    const band = bands[bands.length - 1];
    if (band && item.box.top < band.bottom) {
      band.members.push(item);
      band.bottom = Math.max(band.bottom, item.box.bottom);
    } else {
      bands.push({ top: item.box.top, bottom: item.box.bottom, members: [item] });
    }
  }
  return bands.flatMap((b) => b.members.sort((x, y) => x.box.left - y.box.left || x.box.top - y.box.top));
}
