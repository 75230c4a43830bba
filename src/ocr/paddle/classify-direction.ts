// PP-OCR's direction classifier, the parts around the model: text-line images scaled into its
// 3 × 48 × 192 input, and its output read as "upside down or not".
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import { scaleGrayBilinear } from '../../image/scale-gray.js';

const CLASSIFIER_HEIGHT = 48;
const CLASSIFIER_WIDTH = 192;

/** Lines scaled to 48 px high (at most 192 wide), normalised to −1…1, padded with 0, as one NCHW tensor. */
export function classifierBatch(images: GrayBitmap[]): { data: Float32Array; dims: [number, number, number, number] } {
  const plane = CLASSIFIER_HEIGHT * CLASSIFIER_WIDTH;
  const data = new Float32Array(images.length * 3 * plane);
  images.forEach((image, index) => {
    const scale = Math.min(CLASSIFIER_HEIGHT / image.height, CLASSIFIER_WIDTH / image.width);
    const line = scaleGrayBilinear(image, { left: 0, top: 0, right: image.width, bottom: image.height }, scale, 0);
    const base = index * 3 * plane;
    for (let y = 0; y < Math.min(CLASSIFIER_HEIGHT, line.height); y++) {
      for (let x = 0; x < Math.min(CLASSIFIER_WIDTH, line.width); x++) {
        const value = line.gray[y * line.width + x] / 127.5 - 1;
        const at = base + y * CLASSIFIER_WIDTH + x;
        data[at] = value;
        data[at + plane] = value;
        data[at + 2 * plane] = value;
      }
    }
  });
  return { data, dims: [images.length, 3, CLASSIFIER_HEIGHT, CLASSIFIER_WIDTH] };
}

/** Per line, the probability (0–1) that it is upside down: the second of the model's two classes (0°, 180°). */
export function upsideDownProbabilities(output: Float32Array, count: number): number[] {
  return Array.from({ length: count }, (_, index) => output[2 * index + 1]);
}

/** A copy of the image turned by 180°. */
export function turnedHalfway(image: GrayBitmap): GrayBitmap {
  return { width: image.width, height: image.height, gray: image.gray.slice().reverse() };
}
