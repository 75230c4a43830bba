import type { LineSegments } from './find-line-segments.js';

/** Larger slopes are diagonal strokes (charts, signatures), not skewed rulings; our scans stay under 2°. */
const MAX_SKEW_DEGREES = 4;

/**
 * Estimate the page skew from long thin line segments: the length-weighted median of their
 * angles, in degrees, positive when the content is rotated clockwise on screen (y down).
 * Horizontal lines give atan(dy/dx); vertical lines give -atan(dx/dy), the same rotation.
 * Returns 0 when no segment qualifies.
 */
export function estimateSkewDegrees(
  segments: LineSegments,
  minLengthPx: number,
  maxThicknessPx: number,
): number {
  const angles: { degrees: number; weight: number }[] = [];
  const collect = (list: LineSegments['horizontal'], sign: number): void => {
    for (const s of list) {
      const length = s.end - s.start;
      if (length < minLengthPx || s.thickness > maxThicknessPx) continue;
      const degrees = (sign * Math.atan(s.slope) * 180) / Math.PI;
      if (Math.abs(degrees) > MAX_SKEW_DEGREES) continue;
      angles.push({ degrees, weight: length });
    }
  };
  collect(segments.horizontal, 1);
  collect(segments.vertical, -1);
  if (angles.length === 0) return 0;
  angles.sort((a, b) => a.degrees - b.degrees);
  let total = 0;
  for (const a of angles) total += a.weight;
  let acc = 0;
  for (const a of angles) {
    acc += a.weight;
    if (acc >= total / 2) return a.degrees;
  }
  return angles[angles.length - 1].degrees;
}
