import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessTextLayer, largestImageRatio } from '../../src/pdf/assess-text-layer.ts';
import { similarity } from '../../src/ocr/verify-text-layer.ts';

const layer = (text: string) => ({ words: [], text, textRotation: 0 as const });

describe('assessTextLayer', () => {
  it('uses a normal text layer', () => {
    assert.deepEqual(assessTextLayer(layer('Product Quantity 12.50 北京'), 0), { kind: 'usable' });
  });

  it('OCRs a page without text', () => {
    assert.deepEqual(assessTextLayer(layer('  '), 1), { kind: 'unusable', reason: 'the page has no text layer' });
  });

  it('OCRs a garbled text layer: private-use glyphs, control characters, (cid:NN)', () => {
    for (const text of ['\uE001\uE002\uE003 \uE004ab', '\u0001\u0002\u0003\u0004 x', '(cid:12)(cid:7)(cid:44) Total']) {
      const verdict = assessTextLayer(layer(text), 0);
      assert.equal(verdict.kind, 'unusable', text);
      assert.match((verdict as { reason: string }).reason, /garbled/);
    }
    // A stray symbol among normal text is fine.
    assert.equal(assessTextLayer(layer('Product Quantity Price Date Widget 12.50 \uE001'), 0).kind, 'usable');
  });

  it('checks text over a page-covering image against the image', () => {
    assert.deepEqual(assessTextLayer(layer('Product'), 0.97), { kind: 'check-against-image' });
    assert.equal(assessTextLayer(layer('Product'), 0.2).kind, 'usable');
  });

  it('measures the largest image, clipped to the page', () => {
    assert.equal(largestImageRatio([{ left: -10, top: -10, right: 110, bottom: 60 }, { left: 0, top: 0, right: 10, bottom: 10 }], 100, 100), 0.6);
    assert.equal(largestImageRatio([], 100, 100), 0);
  });
});

describe('similarity', () => {
  it('is 1 - normalised edit distance', () => {
    assert.equal(similarity('widget', 'widget'), 1);
    assert.equal(similarity('widget', 'wldget'), 1 - 1 / 6);
    assert.equal(similarity('', 'abc'), 0);
  });
});
