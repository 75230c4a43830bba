import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etaText } from '../../src/report/progress.ts';

describe('the time left in the progress bar', () => {
  it('is unknown until something is done, then the pace so far times what is left', () => {
    assert.equal(etaText(5000, 0, 10), '--');
    assert.equal(etaText(4000, 2, 10), '16s');
    assert.equal(etaText(60_000, 1, 3), '2m00s');
    assert.equal(etaText(3_600_000, 1, 3), '2h00m');
    assert.equal(etaText(1000, 5, 5), '0s');
  });
});
