// Connected regions of the pixels a test picks, by flood fill: each region's bounds and size, and
// each of its pixels to a callback (for sums over a region).

export interface Region {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  /** Exclusive. */
  bottom: number;
  /** Pixels in the region. */
  count: number;
}

/**
 * Calls `onRegion` for each connected region (4- or 8-connected) of the pixels of a `width` ×
 * `height` raster for which `isOn(index)` holds, in the order of their first pixel (row by row);
 * `onPixel(index)`, when given, for each pixel of the region before its `onRegion`.
 */
export function forEachRegion(
  width: number,
  height: number,
  isOn: (index: number) => boolean,
  connectivity: 4 | 8,
  onRegion: (region: Region) => void,
  onPixel?: (index: number) => void,
): void {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const reach = connectivity === 8 ? 1 : 0;
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || !isOn(start)) continue;
    seen[start] = 1;
    stack.push(start);
    const region: Region = { left: width, top: height, right: 0, bottom: 0, count: 0 };
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      region.count++;
      if (x < region.left) region.left = x;
      if (x >= region.right) region.right = x + 1;
      if (y < region.top) region.top = y;
      if (y >= region.bottom) region.bottom = y + 1;
      onPixel?.(at);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          // 4-connected: only the neighbours sharing a side.
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0) || (reach === 0 && dx !== 0 && dy !== 0)) continue;
          const next = ny * width + nx;
          if (seen[next] || !isOn(next)) continue;
          seen[next] = 1;
          stack.push(next);
        }
      }
    }
    onRegion(region);
  }
}
