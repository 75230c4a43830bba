// Matrices and boxes in device pixels, shared by the readers of pdf.js operator lists.
import type { PixelBox } from '../types.js';

/** A PDF/canvas transform [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: readonly number[]): Matrix {
  // m × n in pdf.js/canvas order: apply n first, then m.
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function intersectBoxes(a: PixelBox, b: PixelBox): PixelBox {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
}

export function boxArea(b: PixelBox): number {
  return (b.right - b.left) * (b.bottom - b.top);
}
