// Work given up past --timeout with --workers 1 runs on after its engine was terminated. Its next
// call must reject with an error of ours: tesseract.js, called after termination, throws inside a
// promise it leaves unhandled, and that ended the whole run with a stack trace (issue 35).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveLanguageData } from '../../src/ocr/language-data.ts';
import { TesseractEngine } from '../../src/ocr/tesseract-engine.ts';

it('a terminated tesseract.js engine rejects further work instead of leaving an unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const engine = await TesseractEngine.create(resolveLanguageData(['eng'], null), 60_000);
    await engine.terminate();
    await assert.rejects(engine.configure({ pageSegmentationMode: 7 }, 300), /OCR engine was stopped/);
    await assert.rejects(engine.recognize(2, 2, new Uint8Array(4).fill(255)), /OCR engine was stopped/);
    await engine.terminate(); // twice is harmless
    // Unhandled rejections are reported after the microtask queue drains.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
