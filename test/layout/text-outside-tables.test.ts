import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countGappedBands, inkBandsOutside } from '../../src/layout/text-outside-tables.ts';
import { blankPage, fillRect } from '../detect/synthetic-page.ts';

const DPI = 200;
const LINE = 24; // 0.12" text lines
const PITCH = 36;

/** A page of text lines: `gapped[i]` says whether line i is two columns (a 1" gap) or one run of words. */
function pageOfLines(gapped: boolean[], firstTop = 100) {
  const page = blankPage(1700, 2200, DPI);
  gapped.forEach((twoColumns, i) => {
    const top = firstTop + i * PITCH;
    // words: 0.3" blocks with 0.05" spaces, as prose; two columns leave 1" blank in the middle
    for (let x = 100; x < 1500; x += 70) {
      if (twoColumns && x > 600 && x < 800) continue;
      fillRect(page, x, top, x + 60, top + LINE);
    }
  });
  return page;
}

describe('countGappedBands (a table laid out in columns beside a ruled one)', () => {
  it('counts lines with a column gap in one block, not those apart', () => {
    const block = pageOfLines([false, true, true, true, false]);
    assert.equal(countGappedBands(block, [], inkBandsOutside(block, [])), 3);
    const scattered = pageOfLines([true, false, true, false, true]);
    assert.equal(countGappedBands(scattered, [], inkBandsOutside(scattered, [])), 1);
  });

  it('does not join gapped lines above and below a table box into one run', () => {
    const page = pageOfLines([true, true, false, false, false, false, false, false, false, false, true]);
    // the lines between are a ruled table: its box hides them
    const table = { left: 50, top: 100 + 2 * PITCH - 5, right: 1600, bottom: 100 + 10 * PITCH - 5 };
    fillRect(page, 50, table.top, 1600, table.top + 2);
    const bands = inkBandsOutside(page, [table]);
    assert.equal(bands.length, 3);
    assert.equal(countGappedBands(page, [table], bands), 2);
  });
});
