import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { it } from 'node:test';

// tesseract.js picks its WebAssembly build of Tesseract by what the runtime supports (getCore.js):
// with SIMD it loads tesseract-core-simd-lstm, which reads a page in about half the time of the
// plain build. If an upgrade of Node or tesseract.js lost it, OCR would silently be twice as slow.
it('loads the SIMD build of the Tesseract core in this Node', async () => {
  const fromHere = createRequire(import.meta.url);
  const tesseractMain = fromHere.resolve('tesseract.js');
  const fromTesseract = createRequire(tesseractMain);
  const { simd } = fromTesseract('wasm-feature-detect') as { simd: () => Promise<boolean> };
  assert.equal(await simd(), true, 'this Node runs WebAssembly SIMD');
  const core = path.dirname(fromTesseract.resolve('tesseract.js-core/package.json'));
  assert.ok(existsSync(path.join(core, 'tesseract-core-simd-lstm.wasm')), 'the SIMD LSTM build is installed');
});
