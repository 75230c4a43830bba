// PP-OCR's text detector (DB, "differentiable binarization"), the parts around the model: the
// page scaled and normalised into its input tensor, and its probability map turned into text
// boxes. The boxes are upright rectangles: pages reach OCR deskewed and turned upright.
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import { forEachRegion } from '../../image/regions.js';
import { scaleGrayBilinear } from '../../image/scale-gray.js';
import type { PixelBox } from '../../types.js';

/** The detector's settings, as PaddleOCR ships them for PP-OCRv4 (det_db_*), and our input cap. */
export interface DetectionSettings {
  /** The longer side of the detector's input at most (px); larger images are scaled down. */
  maxSidePx: number;
  /** A pixel is text where the map's probability is above this (det_db_thresh). */
  pixelThreshold: number;
  /** A region is kept when its mean probability reaches this (det_db_box_thresh). */
  boxThreshold: number;
  /** The shrunk text kernel the model finds is grown back by area × ratio / perimeter (det_db_unclip_ratio). */
  unclipRatio: number;
}

// The model's input sides must be multiples of this (its feature pyramid halves the size 5 times).
const SIDE_MULTIPLE = 32;
// ImageNet normalisation, which the detector was trained with (a gray pixel fills all three channels).
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
// Regions thinner than this (detector pixels) are specks; boxes thinner once grown are dropped too.
const MIN_REGION_SIDE = 3;
const MIN_BOX_SIDE = 5;

export interface DetectionInput {
  /** NCHW float32, N = 1. */
  data: Float32Array;
  width: number;
  height: number;
  /** Detector pixels per image pixel. */
  scale: number;
}

/**
 * The image as the detector's input: scaled so its longer side is at most `maxSidePx` (never
 * enlarged), padded with white to multiples of 32, normalised.
 */
export function detectionInput(image: GrayBitmap, maxSidePx: number): DetectionInput {
  const scale = Math.min(1, maxSidePx / Math.max(image.width, image.height));
  const scaled = scale === 1 ? image : scaleGrayBilinear(image, { left: 0, top: 0, right: image.width, bottom: image.height }, scale, 0);
  const width = Math.max(SIDE_MULTIPLE, Math.ceil(scaled.width / SIDE_MULTIPLE) * SIDE_MULTIPLE);
  const height = Math.max(SIDE_MULTIPLE, Math.ceil(scaled.height / SIDE_MULTIPLE) * SIDE_MULTIPLE);
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  // A lookup per channel: 256 levels, not a division per pixel.
  const levels = MEAN.map((mean, channel) => Float32Array.from({ length: 256 }, (_, level) => (level / 255 - mean) / STD[channel]));
  for (let channel = 0; channel < 3; channel++) data.fill(levels[channel][255], channel * plane, (channel + 1) * plane);
  for (let y = 0; y < scaled.height; y++) {
    for (let x = 0; x < scaled.width; x++) {
      const level = scaled.gray[y * scaled.width + x];
      const at = y * width + x;
      data[at] = levels[0][level];
      data[plane + at] = levels[1][level];
      data[2 * plane + at] = levels[2][level];
    }
  }
  return { data, width, height, scale: scaled.width / image.width };
}

/** A text box found by the detector, in the image's pixels, with its mean probability (0–1). */
export interface TextBox {
  box: PixelBox;
  score: number;
}

/**
 * The text boxes of a probability map (`width` × `height`, detector pixels), in the pixels of an
 * image `scale` times smaller, within `imageWidth` × `imageHeight`, top to bottom, then left to right.
 */
export function textBoxesOf(
  probabilities: Float32Array,
  width: number,
  height: number,
  scale: number,
  imageSize: { width: number; height: number },
  settings: DetectionSettings,
): TextBox[] {
  const boxes: TextBox[] = [];
  let sum = 0;
  const isText = (index: number) => probabilities[index] > settings.pixelThreshold;
  const addProbability = (index: number) => (sum += probabilities[index]);
  forEachRegion(width, height, isText, 8, (region) => {
    const score = sum / region.count;
    sum = 0;
    const regionWidth = region.right - region.left;
    const regionHeight = region.bottom - region.top;
    if (Math.min(regionWidth, regionHeight) < MIN_REGION_SIDE || score < settings.boxThreshold) return;
    // The model marks a shrunk kernel of each text line: grow it back by area × ratio / perimeter.
    const grow = (regionWidth * regionHeight * settings.unclipRatio) / (2 * (regionWidth + regionHeight));
    if (Math.min(regionWidth, regionHeight) + 2 * grow < MIN_BOX_SIDE) return;
    const box = {
      left: Math.max(0, Math.floor((region.left - grow) / scale)),
      top: Math.max(0, Math.floor((region.top - grow) / scale)),
      right: Math.min(imageSize.width, Math.ceil((region.right + grow) / scale)),
      bottom: Math.min(imageSize.height, Math.ceil((region.bottom + grow) / scale)),
    };
    if (box.right - box.left >= 2 && box.bottom - box.top >= 2) boxes.push({ box, score });
  }, addProbability);
  return sortReadingOrder(boxes);
}

/** Top to bottom; boxes on one line (their middles within half a box height) left to right. */
function sortReadingOrder(boxes: TextBox[]): TextBox[] {
  const byTop = [...boxes].sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
  const lines: TextBox[][] = [];
  for (const box of byTop) {
    const middle = (box.box.top + box.box.bottom) / 2;
    const line = lines.at(-1);
    const anchor = line?.[0].box;
    if (line && anchor && Math.abs(middle - (anchor.top + anchor.bottom) / 2) <= (anchor.bottom - anchor.top) / 2) line.push(box);
    else lines.push([box]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.box.left - b.box.left));
}
