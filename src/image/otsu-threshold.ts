import { grayHistogram } from './gray-histogram.js';

/**
 * Otsu's global threshold of an 8-bit gray image (or of its 256-bin histogram).
 *
 * Returns `t` such that pixels with gray <= t form the dark (ink) class. When several
 * thresholds give the same between-class variance (a plateau, e.g. a clean two-level image),
 * the middle of the plateau is returned, which is the most robust split.
 */
export function otsuThreshold(grayOrHistogram: Uint8Array | Uint32Array): number {
  const histogram = grayOrHistogram instanceof Uint32Array ? grayOrHistogram : grayHistogram(grayOrHistogram);
  let total = 0;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v];
    sumAll += v * histogram[v];
  }
  if (total === 0) return 127;
  let weightDark = 0;
  let sumDark = 0;
  let bestVariance = -1;
  let bestFirst = 127;
  let bestLast = 127;
  for (let t = 0; t < 255; t++) {
    weightDark += histogram[t];
    sumDark += t * histogram[t];
    const weightLight = total - weightDark;
    if (weightDark === 0 || weightLight === 0) continue;
    const meanDark = sumDark / weightDark;
    const meanLight = (sumAll - sumDark) / weightLight;
    const diff = meanDark - meanLight;
    const variance = weightDark * weightLight * diff * diff;
    // relative tolerance so float noise does not break a plateau
    if (variance > bestVariance * (1 + 1e-12)) {
      bestVariance = variance;
      bestFirst = t;
      bestLast = t;
    } else if (variance >= bestVariance * (1 - 1e-12)) {
      bestLast = t;
    }
  }
  return Math.floor((bestFirst + bestLast) / 2);
}
