// Rendering one page to an 8-bit grayscale bitmap.
import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { PageImage } from '../types.js';
import { paintImageOnlyPage } from './paint-image-page.js';
import { POINTS_PER_INCH } from '../measure.js';

export interface RenderSettings {
  dpi: number;
  /** Largest bitmap allowed; a larger page is rendered at a lower DPI (see pageViewportFor). */
  maxPagePixels: number;
}

const READBACK_BAND_ROWS = 256;

/** The DPI to render at: the requested one, or lower so that the bitmap stays within the pixel cap. */
export function chooseRenderDpi(widthPt: number, heightPt: number, settings: RenderSettings): number {
  const pixelsAt = (dpi: number) => Math.ceil((widthPt * dpi) / POINTS_PER_INCH) * Math.ceil((heightPt * dpi) / POINTS_PER_INCH);
  if (pixelsAt(settings.dpi) <= settings.maxPagePixels) return settings.dpi;
  let dpi = Math.floor(settings.dpi * Math.sqrt(settings.maxPagePixels / pixelsAt(settings.dpi)));
  while (dpi > 1 && pixelsAt(dpi) > settings.maxPagePixels) dpi--;
  return Math.max(1, dpi);
}

/** Converts RGBA to gray with integer BT.601 luma weights (299/587/114 in 1/1024ths). */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, pixelCount: number): Uint8Array {
  const gray = new Uint8Array(pixelCount);
  for (let i = 0, j = 0; i < pixelCount; i++, j += 4) {
    gray[i] = (rgba[j] * 306 + rgba[j + 1] * 601 + rgba[j + 2] * 117) >> 10;
  }
  return gray;
}

/** The page's pixel space at the DPI it will be rendered at (lowered to fit the pixel cap), /Rotate included. */
export function pageViewportFor(page: PDFPageProxy, settings: RenderSettings): { viewport: PageViewport; dpi: number; warning: string | null } {
  const pointViewport = page.getViewport({ scale: 1 }); // includes the page's /Rotate
  const dpi = chooseRenderDpi(pointViewport.width, pointViewport.height, settings);
  const warning = dpi < settings.dpi
    ? `page ${page.pageNumber} is too large to render at ${settings.dpi} DPI; rendered at ${dpi} DPI instead`
    : null;
  return { viewport: page.getViewport({ scale: dpi / POINTS_PER_INCH }), dpi, warning };
}

/**
 * Renders a page in `viewport` (from pageViewportFor) on a white background to gray pixels: a page
 * of images only (a scan) is painted directly, any other through the canvas. A page the painter
 * declines has its operator list built twice (the canvas asks pdf.js for its own), unless the text
 * layer path already read it for the vector graphics (same list, cached).
 */
export async function renderPage(page: PDFPageProxy, viewport: PageViewport, dpi: number): Promise<PageImage> {
  return (await paintImageOnlyPage(page, viewport, dpi)) ?? renderPageOnCanvas(page, viewport, dpi);
}

/** Renders a page with pdf.js on a @napi-rs/canvas and reads it back as gray. */
export async function renderPageOnCanvas(page: PDFPageProxy, viewport: PageViewport, dpi: number): Promise<PageImage> {
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({
    canvas: canvas as never, // @napi-rs/canvas stands in for the DOM canvas types pdfjs declares
    canvasContext: context as never,
    viewport,
  }).promise;
  // Read back in bands, so the page never exists twice in RGBA (33 MB at 300 DPI) beside the canvas.
  // @napi-rs/canvas rasterizes lazily: the first read is where the drawing time goes.
  const gray = new Uint8Array(width * height);
  for (let top = 0; top < height; top += READBACK_BAND_ROWS) {
    const rows = Math.min(READBACK_BAND_ROWS, height - top);
    gray.set(rgbaToGray(context.getImageData(0, top, width, rows).data, width * rows), top * width);
  }
  // The canvas's pixels are native memory that V8 does not see: free them now (resizing drops the
  // surface) rather than whenever the garbage collector gets to the canvas object.
  canvas.width = 1;
  canvas.height = 1;
  return { pageNumber: page.pageNumber, dpi, width, height, gray };
}
