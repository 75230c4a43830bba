// pdf.js paints with the DOMMatrix, Path2D and ImageData it finds on globalThis, and fills in the
// missing ones from the @napi-rs/canvas that *it* resolves. Installed from npm, pdfjs-dist gets its
// own copy of that package (its range is 0.1.x, ours 1.x; `overrides` only applies in our own
// clone), and a Path2D of one copy is "not of type 'Path2D'" on a canvas of the other: every
// page pdf.js draws was skipped. So the globals come from our copy, the one our canvases come
// from, before pdf.js is loaded (src/pdf/pdfjs.ts imports this module first).
import { DOMMatrix, ImageData, Path2D } from '@napi-rs/canvas';

const scope = globalThis as Record<string, unknown>;
scope.DOMMatrix = DOMMatrix;
scope.ImageData = ImageData;
scope.Path2D = Path2D;
