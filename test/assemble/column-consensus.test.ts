import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctByColumn } from '../../src/assemble/column-consensus.ts';

/** One column: a header cell, then `body`. */
function column(body: string[]): string[] {
  const texts = ['Header', ...body];
  return correctByColumn(texts, texts.map(() => 0), texts.map((_, i) => i === 0)).slice(1);
}

describe('correctByColumn', () => {
  it('reads O as 0 after the letter prefix its column\'s codes share', () => {
    assert.deepEqual(column(['EMPO6150', 'EMP6800', 'EMPOO313', 'EMP7717', 'EMPOB636']), ['EMP06150', 'EMP6800', 'EMP00313', 'EMP7717', 'EMP08636']);
  });

  it('leaves codes alone when no code of the column shows the prefix before digits', () => {
    assert.deepEqual(column(['EMPO6150', 'EMPO6800', 'EMPO0313']), ['EMPO6150', 'EMPO6800', 'EMPO0313']);
    // Mixed codes (registration numbers with letters inside) are not digit runs.
    assert.deepEqual(column(['91495969M6KLQL0U0W', '91640711RN2U8OR0O46', 'AB12']), ['91495969M6KLQL0U0W', '91640711RN2U8OR0O46', 'AB12']);
  });

  it('capitalises a look-alike lower-case first letter in a column of capitalised labels', () => {
    assert.deepEqual(
      column(['senior\nAnalyst', 'Team Lead', 'Coordinator', 'customer\nService', 'Assistant', 'Engineer', 'Director']),
      ['Senior\nAnalyst', 'Team Lead', 'Coordinator', 'Customer\nService', 'Assistant', 'Engineer', 'Director'],
    );
  });

  it('keeps lower case where the column is not capitalised, and letters whose cases differ in shape', () => {
    assert.deepEqual(column(['cm', 'kg', 'Box', 'ea']), ['cm', 'kg', 'Box', 'ea']);
    assert.deepEqual(column(['van Dijk', 'Weber', 'Rossi', 'Novak', 'Berg']), ['van Dijk', 'Weber', 'Rossi', 'Novak', 'Berg']);
  });

  it('drops a ruling edge read as | or [ beside a figure shaped like the rest of its column', () => {
    assert.deepEqual(
      column(['|06/22/2015', '06/30/2015', '[07/01/2015', '07/02/2015', '07/06/2015', '07/07/2015', '07/08/2015', '07/09/2015|']),
      ['06/22/2015', '06/30/2015', '07/01/2015', '07/02/2015', '07/06/2015', '07/07/2015', '07/08/2015', '07/09/2015'],
    );
    assert.deepEqual(column(['|A|', 'B', 'C', 'D']), ['|A|', 'B', 'C', 'D'], 'a column without figures is left alone');
  });

  it('does not touch the header row or a column of too few cells', () => {
    const texts = ['sales', 'EMPO1', 'customer'];
    assert.deepEqual(correctByColumn(texts, [0, 1, 2], [true, false, false]), texts);
  });
});
