// tesseract.js wants an encoded image; a binary PGM (P5) is a header plus the raw gray bytes,
// so it costs one copy and no compression.

export function encodePgm(width: number, height: number, gray: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const image = new Uint8Array(header.length + width * height);
  image.set(header, 0);
  image.set(gray.subarray(0, width * height), header.length);
  return image;
}
