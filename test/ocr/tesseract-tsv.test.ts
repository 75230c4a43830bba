import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsOfTsv } from '../../src/ocr/tesseract-engine.ts';

// Rows as Tesseract's GetTSVText writes them: level, page, block, paragraph, line, word, left,
// top, width, height, confidence, text (levels 1–4 are the page, blocks, paragraphs and lines).
const TSV = [
  '1\t1\t0\t0\t0\t0\t0\t0\t400\t100\t-1\t',
  '2\t1\t1\t0\t0\t0\t10\t12\t380\t40\t-1\t',
  '4\t1\t1\t1\t1\t0\t10\t12\t380\t40\t-1\t',
  '5\t1\t1\t1\t1\t1\t10\t12\t120\t40\t96.614838\tHarbor',
  '5\t1\t1\t1\t1\t2\t140\t14\t60\t36\t76.868118\t12.50',
  '5\t1\t1\t1\t1\t3\t210\t14\t10\t36\t12.5\t ',
  '5\t1\t1\t1\t1\t4\t230\t15\t50\t30\t0\t統計',
  '',
].join('\n');

describe('wordsOfTsv', () => {
  it('gives the words with their boxes and whole-number confidences, skipping other levels and blank words', () => {
    assert.deepEqual(wordsOfTsv(TSV), [
      { text: 'Harbor', confidence: 96, box: { left: 10, top: 12, right: 130, bottom: 52 } },
      { text: '12.50', confidence: 76, box: { left: 140, top: 14, right: 200, bottom: 50 } },
      { text: '統計', confidence: 0, box: { left: 230, top: 15, right: 280, bottom: 45 } },
    ]);
  });

  it('reads an empty result as no words', () => {
    assert.deepEqual(wordsOfTsv(''), []);
  });
});
