/**
 * The minimal shape every pixel helper works on: an 8-bit gray bitmap (0 black … 255 white),
 * row-major, `width` bytes per row. A `PageImage` satisfies it, so stages pass pages directly.
 */
export interface GrayBitmap {
  width: number;
  height: number;
  gray: Uint8Array;
}
