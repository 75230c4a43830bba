// Drawing a page whose only visible content is images (a scan) straight into gray pixels.
// pdf.js paints an image through a temporary RGBA canvas of the image's size onto the page canvas:
// at 300 DPI that is two ~33 MB surfaces, Skia's drawing and a readback, on top of the decoded
// image. Copying the decoded image into the gray bitmap needs none of it (about a third of the
// render's memory and time). A page this cannot reproduce exactly (vector drawing, visible text,
// masks, transparency, annotations, images turned at an angle, clips that are not rectangles)
// is left to the canvas renderer.
import { ImageKind, OPS } from './pdfjs.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { PageImage, PixelBox } from '../types.js';
import { intersectBoxes, type Matrix } from './device-geometry.js';
import { OperatorWalk, type WalkedState } from './operator-walk.js';

/** A decoded image as pdf.js hands it to its canvas code. */
interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** One image to paint: where its unit square lands (device pixels) and what limits it. */
interface PlacedImage {
  /** The image XObject's id in the page's (or, for `g_` ids, the document's) objects; or inline data. */
  source: string | DecodedImage;
  matrix: Matrix;
  clip: PixelBox;
}

interface State extends WalkedState {
  /** PDF text rendering mode: 3 draws nothing (an OCR'd scan's invisible text layer). */
  textMode: number;
}

const INVISIBLE_TEXT_MODE = 3;

/** Operators that set state without drawing anything. */
const NON_DRAWING_OPS = new Set<number>([
  OPS.dependency, OPS.setLineWidth, OPS.setLineCap, OPS.setLineJoin, OPS.setMiterLimit, OPS.setDash,
  OPS.setRenderingIntent, OPS.setFlatness, OPS.beginText, OPS.endText, OPS.setCharSpacing,
  OPS.setWordSpacing, OPS.setHScale, OPS.setLeading, OPS.setFont, OPS.setTextRise, OPS.moveText,
  OPS.setLeadingMoveText, OPS.setTextMatrix, OPS.nextLine, OPS.setCharWidth, OPS.setCharWidthAndBounds,
  OPS.setStrokeColorSpace, OPS.setFillColorSpace, OPS.setStrokeColor, OPS.setStrokeColorN,
  OPS.setFillColor, OPS.setFillColorN, OPS.setStrokeGray, OPS.setFillGray, OPS.setStrokeRGBColor,
  OPS.setFillRGBColor, OPS.setStrokeCMYKColor, OPS.setFillCMYKColor, OPS.setStrokeTransparent,
  OPS.setFillTransparent, OPS.markPoint, OPS.markPointProps, OPS.beginMarkedContent,
  OPS.endMarkedContent, OPS.beginCompat, OPS.endCompat,
]);
const SHOW_TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
/** Graphics-state keys that do not change how an image is painted (line style, font, stroke alpha). */
const HARMLESS_GSTATE_KEYS = new Set(['LW', 'LC', 'LJ', 'ML', 'D', 'RI', 'FL', 'Font', 'CA']);
/** An image whose unit square is this far (device pixels) off an axis-aligned rectangle is drawn by the canvas. */
const MAX_SHEAR_PX = 0.5;

/**
 * Reads the operator list; returns the images to paint in order, or null when the page draws
 * anything else (then the canvas must render it).
 */
function imagesOfPage(fnArray: number[], argsArray: unknown[][], base: Matrix, page: PixelBox): PlacedImage[] | null {
  const walk = new OperatorWalk<State>({ ctm: base, clip: { ...page }, textMode: 0 });
  const images: PlacedImage[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (NON_DRAWING_OPS.has(fn)) continue;
    if (walk.follow(fn, args)) {
      // The canvas draws a form XObject only inside its bounding box, so the painter clips to it too.
      if (fn === OPS.paintFormXObjectBegin && !clipToFormBBox(walk, args[1] as ArrayLike<number> | null)) return null;
      continue;
    }
    const state = walk.state;
    switch (fn) {
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (HARMLESS_GSTATE_KEYS.has(key)) continue;
          if (key === 'ca' && value === 1) continue;
          if (key === 'BM' && value === 'source-over') continue;
          if (key === 'SMask' && value === false) continue;
          return null; // transparency, blending, soft masks, transfer functions
        }
        break;
      case OPS.setTextRenderingMode:
        state.textMode = args[0] as number;
        break;
      case OPS.beginMarkedContentProps:
        if (args[0] === 'OC') return null; // optional content may be hidden
        break;
      case OPS.constructPath: {
        // Only a clip to a rectangle (`re W n`) is followed; a path that paints goes to the canvas.
        if (args[0] !== OPS.endPath || !walk.pendingClip) return null;
        walk.pendingClip = false;
        if (!walk.clipToPath((args[1] as (Float32Array | null)[] | undefined)?.[0])) return null;
        break;
      }
      case OPS.paintImageXObject:
        images.push({ source: args[0] as string, matrix: state.ctm, clip: state.clip });
        break;
      case OPS.paintInlineImageXObject:
        images.push({ source: args[0] as DecodedImage, matrix: state.ctm, clip: state.clip });
        break;
      default:
        if (SHOW_TEXT_OPS.has(fn) && state.textMode === INVISIBLE_TEXT_MODE) break;
        return null;
    }
  }
  return images;
}

/** Narrows the clip to a form XObject's bounding box under its CTM; false when the box is not kept axis-aligned. */
function clipToFormBBox(walk: OperatorWalk<State>, bbox: ArrayLike<number> | null): boolean {
  if (!bbox || bbox.length !== 4) return true;
  const box = transformedRectangle(walk.state.ctm, bbox);
  if (!box) return false;
  walk.state.clip = intersectBoxes(walk.state.clip, box);
  return true;
}

/** The device box of a rectangle in user space, when the CTM keeps it axis-aligned; else null. */
function transformedRectangle(m: Matrix, rectangle: ArrayLike<number>): PixelBox | null {
  const [x0, y0, x1, y1] = Array.from(rectangle);
  if (!isAxisAligned(m, Math.abs(x1 - x0), Math.abs(y1 - y0))) return null;
  const xs = [m[0] * x0 + m[2] * y0 + m[4], m[0] * x1 + m[2] * y1 + m[4]];
  const ys = [m[1] * x0 + m[3] * y0 + m[5], m[1] * x1 + m[3] * y1 + m[5]];
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** Whether `m` maps a `width` × `height` rectangle to an axis-aligned one (to within MAX_SHEAR_PX), turned by a multiple of 90° or not. */
function isAxisAligned(m: Matrix, width: number, height: number): boolean {
  const straight = Math.abs(m[1]) * width <= MAX_SHEAR_PX && Math.abs(m[2]) * height <= MAX_SHEAR_PX;
  const turned = Math.abs(m[0]) * width <= MAX_SHEAR_PX && Math.abs(m[3]) * height <= MAX_SHEAR_PX;
  return straight || turned;
}

function decodedImageOf(page: PDFPageProxy, source: string | DecodedImage): Promise<unknown> {
  if (typeof source !== 'string') return Promise.resolve(source);
  // As pdf.js's canvas code does: `g_` ids are document-wide (an image used on several pages).
  const objects = source.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objects.get(source, resolve));
}

/** Bytes per pixel (0 for 1 bit per pixel) of the image kinds this module reads. */
const BYTES_PER_PIXEL: Record<number, number> = { [ImageKind.GRAYSCALE_1BPP]: 0, [ImageKind.RGB_24BPP]: 3, [ImageKind.RGBA_32BPP]: 4 };

function isReadableImage(value: unknown): value is DecodedImage {
  const image = value as Partial<DecodedImage> | null;
  if (!image || typeof image !== 'object' || !image.data || !(image.kind! in BYTES_PER_PIXEL)) return false;
  const { width, height, kind, data } = image as DecodedImage;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) return false;
  const rowBytes = kind === ImageKind.GRAYSCALE_1BPP ? (width + 7) >> 3 : width * BYTES_PER_PIXEL[kind];
  return data.length >= rowBytes * height;
}

/**
 * The image as gray (BT.601 weights, as the canvas path's rgbaToGray) and, for images with a soft
 * mask, alpha; 1-bit images have set bits white, as pdf.js hands them over.
 */
function grayOf(image: DecodedImage): { gray: Uint8Array; alpha: Uint8Array | null } {
  const { width, height, kind, data } = image;
  const count = width * height;
  const gray = new Uint8Array(count);
  if (kind === ImageKind.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0, out = 0; y < height; y++) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x++, out++) gray[out] = data[row + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    }
    return { gray, alpha: null };
  }
  const step = BYTES_PER_PIXEL[kind];
  for (let i = 0, j = 0; i < count; i++, j += step) gray[i] = (data[j] * 306 + data[j + 1] * 601 + data[j + 2] * 117) >> 10;
  if (kind !== ImageKind.RGBA_32BPP) return { gray, alpha: null };
  const alpha = new Uint8Array(count);
  for (let i = 0, j = 3; i < count; i++, j += 4) alpha[i] = data[j];
  return { gray, alpha };
}

/**
 * For each device pixel along one axis from `first` to `last` (exclusive), the range of image
 * samples it covers: `devicePerSample` device pixels per image sample, sample 0 starting at
 * `origin` (a negative step runs the image backwards). A device pixel smaller than a sample takes
 * the sample under its centre (as the canvas does when enlarging); a larger one averages the
 * samples whose centres it covers.
 */
function sampleRanges(first: number, last: number, origin: number, devicePerSample: number, samples: number): { start: Int32Array; end: Int32Array } {
  const count = Math.max(0, last - first);
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const clamp = (value: number) => Math.min(samples, Math.max(0, value));
  for (let k = 0; k < count; k++) {
    const a = (first + k - origin) / devicePerSample;
    const b = (first + k + 1 - origin) / devicePerSample;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    let s = clamp(Math.ceil(lo - 0.5));
    let e = clamp(Math.ceil(hi - 0.5));
    if (e <= s) {
      s = clamp(Math.floor((lo + hi) / 2));
      e = Math.min(samples, s + 1);
      if (e === s) s = e - 1;
    }
    start[k] = s;
    end[k] = e;
  }
  return { start, end };
}

/** Paints one image into `out` (width × height gray pixels) at its placement. */
function paintImage(out: Uint8Array, width: number, height: number, image: DecodedImage, placement: PlacedImage): void {
  const m = placement.matrix;
  // The image's unit square: sample column x runs along the square's u axis, row y from its top (v = 1) down.
  const corners = [[m[4], m[5]], [m[0] + m[4], m[1] + m[5]], [m[2] + m[4], m[3] + m[5]], [m[0] + m[2] + m[4], m[1] + m[3] + m[5]]];
  const box = intersectBoxes(intersectBoxes(placement.clip, { left: 0, top: 0, right: width, bottom: height }), {
    left: Math.min(...corners.map(([x]) => x)),
    top: Math.min(...corners.map(([, y]) => y)),
    right: Math.max(...corners.map(([x]) => x)),
    bottom: Math.max(...corners.map(([, y]) => y)),
  });
  // Pixels whose centres lie inside the box.
  const left = Math.max(0, Math.ceil(box.left - 0.5));
  const right = Math.min(width, Math.ceil(box.right - 0.5));
  const top = Math.max(0, Math.ceil(box.top - 0.5));
  const bottom = Math.min(height, Math.ceil(box.bottom - 0.5));
  if (right <= left || bottom <= top) return;
  // Device x follows u (image columns) when the image is upright or flipped, v (rows) when turned.
  const turned = Math.abs(m[0]) < Math.abs(m[2]);
  // Along u: column x starts at u = x / w. Along v: row y starts at v = 1 − y / h, i.e. device
  // position origin + (1 − y/h)·scale = (origin + scale) − y·(scale/h).
  const columnsAlong = (origin: number, scale: number) => ({ origin, perSample: scale / image.width });
  const rowsAlong = (origin: number, scale: number) => ({ origin: origin + scale, perSample: -scale / image.height });
  const xAxis = turned ? rowsAlong(m[4], m[2]) : columnsAlong(m[4], m[0]);
  const yAxis = turned ? columnsAlong(m[5], m[1]) : rowsAlong(m[5], m[3]);
  const xRanges = sampleRanges(left, right, xAxis.origin, xAxis.perSample, turned ? image.height : image.width);
  const yRanges = sampleRanges(top, bottom, yAxis.origin, yAxis.perSample, turned ? image.width : image.height);
  // Offsets into the image (in samples) of a step along device x and device y.
  const xStride = turned ? image.width : 1;
  const yStride = turned ? 1 : image.width;
  const isSingle = (ranges: { start: Int32Array; end: Int32Array }) => ranges.start.every((s, k) => ranges.end[k] - s === 1);
  const magnified = Math.abs(xAxis.perSample) >= MIN_MAGNIFICATION && Math.abs(yAxis.perSample) >= MIN_MAGNIFICATION;
  if (magnified && image.kind !== ImageKind.RGBA_32BPP) {
    paintMagnified(out, width, grayOf(image).gray, { left, right, top, bottom }, xAxis, yAxis, xStride, yStride, turned ? image.height : image.width, turned ? image.width : image.height);
    return;
  }
  if (image.kind === ImageKind.RGB_24BPP && isSingle(xRanges) && isSingle(yRanges)) {
    copyNearestRgb(out, width, image.data, { left, right, top, bottom }, xRanges.start, yRanges.start, xStride, yStride);
    return;
  }
  const { gray, alpha } = grayOf(image);
  for (let row = top; row < bottom; row++) {
    const ys = yRanges.start[row - top];
    const ye = yRanges.end[row - top];
    for (let column = left; column < right; column++) {
      const xs = xRanges.start[column - left];
      const xe = xRanges.end[column - left];
      const target = row * width + column;
      let sum = 0;
      let alphaSum = 0;
      for (let y = ys; y < ye; y++) {
        for (let x = xs, at = y * yStride + xs * xStride; x < xe; x++, at += xStride) {
          if (alpha) {
            sum += gray[at] * alpha[at];
            alphaSum += alpha[at];
          } else {
            sum += gray[at];
          }
        }
      }
      const samples = (ye - ys) * (xe - xs);
      if (alpha) {
        // Premultiplied average over the covered samples, over what is already there.
        const meanAlpha = alphaSum / samples;
        out[target] = Math.round(sum / samples / 255 + (out[target] * (255 - meanAlpha)) / 255);
      } else {
        out[target] = Math.round(sum / samples);
      }
    }
  }
}

// An image enlarged at least this much (a 96-dpi screenshot or a 72-dpi crop painted at 300 DPI)
// is interpolated: taking the sample under each pixel's centre turns every sample into a block
// with stair-stepped edges, which Tesseract reads as extra strokes; and below this, a sample
// covers about one pixel and the nearest one is as good.
const MIN_MAGNIFICATION = 1.4;

/**
 * Paints an enlarged image with bilinear interpolation between the four samples around each
 * pixel's centre. `xAxis`/`yAxis` map device x/y to samples along the image axis they follow
 * (`xSamples`/`ySamples` long); `xStride`/`yStride` step one such sample in `gray`.
 */
function paintMagnified(
  out: Uint8Array, width: number, gray: Uint8Array, area: PixelBox,
  xAxis: { origin: number; perSample: number }, yAxis: { origin: number; perSample: number },
  xStride: number, yStride: number, xSamples: number, ySamples: number,
): void {
  const along = (first: number, last: number, axis: { origin: number; perSample: number }, samples: number) => {
    const count = last - first;
    const low = new Int32Array(count);
    const high = new Int32Array(count);
    const weight = new Float32Array(count);
    for (let k = 0; k < count; k++) {
      const position = Math.min(samples - 1, Math.max(0, (first + k + 0.5 - axis.origin) / axis.perSample - 0.5));
      low[k] = Math.floor(position);
      high[k] = Math.min(samples - 1, low[k] + 1);
      weight[k] = position - low[k];
    }
    return { low, high, weight };
  };
  const xs = along(area.left, area.right, xAxis, xSamples);
  const ys = along(area.top, area.bottom, yAxis, ySamples);
  for (let row = area.top; row < area.bottom; row++) {
    const k = row - area.top;
    const row0 = ys.low[k] * yStride;
    const row1 = ys.high[k] * yStride;
    const fy = ys.weight[k];
    let target = row * width + area.left;
    for (let j = 0; j < xs.low.length; j++, target++) {
      const x0 = xs.low[j] * xStride;
      const x1 = xs.high[j] * xStride;
      const fx = xs.weight[j];
      const upper = gray[row0 + x0] + (gray[row0 + x1] - gray[row0 + x0]) * fx;
      const lower = gray[row1 + x0] + (gray[row1 + x1] - gray[row1 + x0]) * fx;
      out[target] = Math.round(upper + (lower - upper) * fy);
    }
  }
}

/**
 * The common case, a colour or gray scan at about the output resolution: each device pixel takes
 * one sample, converted to gray on the way (no gray copy of the whole image).
 */
function copyNearestRgb(out: Uint8Array, width: number, rgb: Uint8Array | Uint8ClampedArray, area: PixelBox, columnSample: Int32Array, rowSample: Int32Array, xStride: number, yStride: number): void {
  const columnOffset = Int32Array.from(columnSample, (sample) => sample * xStride * 3);
  for (let row = area.top; row < area.bottom; row++) {
    const rowOffset = rowSample[row - area.top] * yStride * 3;
    let target = row * width + area.left;
    for (let k = 0; k < columnOffset.length; k++, target++) {
      const at = rowOffset + columnOffset[k];
      out[target] = (rgb[at] * 306 + rgb[at + 1] * 601 + rgb[at + 2] * 117) >> 10;
    }
  }
}

/**
 * Draws the page into gray pixels without a canvas when all it shows is images (placed upright,
 * flipped or turned by quarter turns; clipped to rectangles at most), plus invisible text. Returns
 * null for any other page: the caller renders it with the canvas.
 */
export async function paintImageOnlyPage(page: PDFPageProxy, viewport: PageViewport, dpi: number): Promise<PageImage | null> {
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const opList = await page.getOperatorList();
  const placed = imagesOfPage(opList.fnArray, opList.argsArray, viewport.transform as Matrix, { left: 0, top: 0, right: width, bottom: height });
  if (!placed) return null;
  const decoded = await Promise.all(placed.map((image) => decodedImageOf(page, image.source)));
  if (!decoded.every(isReadableImage)) return null; // e.g. an ImageBitmap, where pdf.js made one
  if (!placed.every((image) => isAxisAligned(image.matrix, 1, 1))) return null;
  const gray = new Uint8Array(width * height).fill(255);
  placed.forEach((image, k) => paintImage(gray, width, height, decoded[k] as DecodedImage, image));
  return { pageNumber: page.pageNumber, dpi, width, height, gray };
}
