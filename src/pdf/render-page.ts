// Rendering one page to an 8-bit grayscale bitmap.
import { createCanvas } from '@napi-rs/canvas';
import type { PageImage } from '../types.js';
import type { PdfDocument } from './open-pdf.js';

export interface RenderSettings {
  dpi: number;
  /** Largest bitmap allowed; a larger page is rendered at a lower DPI (see RenderedPage.warning). */
  maxPagePixels: number;
}

export interface RenderedPage {
  image: PageImage;
  /** Page size in PDF points after /Rotate, for mapping pixels back to points. */
  widthPt: number;
  heightPt: number;
  /** Set when the DPI had to be lowered to stay within maxPagePixels. */
  warning: string | null;
}

const POINTS_PER_INCH = 72;

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

/** Renders page `pageNumber` (1-based) honouring its /Rotate, white background, to gray pixels. */
export async function renderPage(document: PdfDocument, pageNumber: number, settings: RenderSettings): Promise<RenderedPage> {
  const page = await document.getPage(pageNumber);
  try {
    const pointViewport = page.getViewport({ scale: 1 }); // includes the page's /Rotate
    const dpi = chooseRenderDpi(pointViewport.width, pointViewport.height, settings);
    const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
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
    // @napi-rs/canvas rasterizes lazily: this call is where the drawing time goes.
    const rgba = context.getImageData(0, 0, width, height).data;
    const gray = rgbaToGray(rgba, width * height);
    const warning = dpi < settings.dpi
      ? `page ${pageNumber} is too large to render at ${settings.dpi} DPI; rendered at ${dpi} DPI instead`
      : null;
    return {
      image: { pageNumber, dpi, width, height, gray },
      widthPt: pointViewport.width,
      heightPt: pointViewport.height,
      warning,
    };
  } finally {
    page.cleanup();
  }
}
