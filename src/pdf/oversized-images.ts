// Which images of a PDF are over pdf.js's decoding limit, by object number and size, found by a
// scan of the file's bytes for image dictionaries. pdf.js leaves such an image out of the page and
// says only that "an image" was removed; the user is told which one. An image is a stream, and
// streams are never packed in object streams, so every image's dictionary is in plain sight.
import { open } from 'node:fs/promises';

export interface OversizedImage {
  /** The PDF object number of the image XObject. */
  objectNumber: number;
  width: number;
  height: number;
}

const CHUNK_BYTES = 8 * 1024 * 1024;
// An image's dictionary (from `N 0 obj` to its `stream`) is short; chunks overlap by this much so
// that none is cut in two.
const OVERLAP_BYTES = 8 * 1024;
const IMAGE_OBJECT = /(\d+)\s+\d+\s+obj\s*<<((?:(?!\bendobj\b|\bstream\b)[^])*?\/Subtype\s*\/Image(?:(?!\bendobj\b|\bstream\b)[^])*?)(?:stream|endobj)/g;
const dimension = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+)`).exec(dict)?.[1] ?? NaN);

const found = new Map<string, Promise<OversizedImage[]>>();

/** The images of `file` with more than `maxPixels` pixels (once per file and thread). */
export function findOversizedImages(file: string, maxPixels: number): Promise<OversizedImage[]> {
  const key = `${file}\u0000${maxPixels}`;
  let images = found.get(key);
  if (!images) found.set(key, (images = scan(file, maxPixels).catch(() => [])));
  return images;
}

async function scan(file: string, maxPixels: number): Promise<OversizedImage[]> {
  const handle = await open(file, 'r');
  const images = new Map<number, OversizedImage>();
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, CHUNK_BYTES + OVERLAP_BYTES));
    for (let position = 0; position < size; position += CHUNK_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      for (const match of buffer.toString('latin1', 0, bytesRead).matchAll(IMAGE_OBJECT)) {
        const [objectNumber, width, height] = [Number(match[1]), dimension(match[2], 'Width'), dimension(match[2], 'Height')];
        if (width * height > maxPixels) images.set(objectNumber, { objectNumber, width, height });
      }
    }
  } finally {
    await handle.close();
  }
  return [...images.values()].sort((a, b) => a.objectNumber - b.objectNumber);
}
