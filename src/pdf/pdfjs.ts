// The one place pdf.js is loaded from: after our canvas package's globals (see canvas-globals.ts).
// Modules are evaluated in import order, so the globals are set when pdf.js looks for them.
import './canvas-globals.js';

export * from 'pdfjs-dist/legacy/build/pdf.mjs';
