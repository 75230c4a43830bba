import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { DEFAULTS, resolveOptions } from '../../src/options.ts';

const base = { input: 'in.pdf', output: 'out.xlsx' };

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const options = resolveOptions(base);
    assert.equal(options.workers, os.availableParallelism());
    assert.equal(options.dpi, 300);
    assert.deepEqual(options.languages, ['eng']);
    assert.equal(options.sheets, 'per-table');
    assert.equal(options.pages, null);
    assert.equal(options.tessdataDir, null);
    assert.equal(options.password, null);
    assert.equal(options.quiet, false);
    assert.equal(DEFAULTS.workers, os.availableParallelism());
  });

  it('parses the given values', () => {
    const options = resolveOptions({ ...base, workers: '16', dpi: '200', lang: 'eng+chi_sim', sheets: 'one', pages: '2-end', password: 'pw', quiet: true });
    assert.equal(options.workers, 16);
    assert.equal(options.dpi, 200);
    assert.deepEqual(options.languages, ['eng', 'chi_sim']);
    assert.equal(options.sheets, 'one');
    assert.deepEqual(options.pages, [{ first: 2, last: null }]);
  });

  it('takes the output format from the output name unless --format is given', () => {
    assert.equal(resolveOptions({ ...base, output: 'tables.csv' }).format, 'csv');
    assert.equal(resolveOptions({ ...base, output: 'Tables.JSON' }).format, 'json');
    assert.equal(resolveOptions({ ...base, output: 'out.xlsx' }).format, 'xlsx');
    assert.equal(resolveOptions({ ...base, output: 'folder' }).format, 'xlsx');
    assert.equal(resolveOptions({ ...base, output: 'folder', format: 'csv' }).format, 'csv');
    assert.equal(resolveOptions({ ...base, output: '-', format: 'json' }).format, 'json');
    assert.equal(resolveOptions({ ...base, output: 'out.json', format: 'json' }).format, 'json');
  });

  it('refuses a --format that the output name contradicts', () => {
    assert.throws(
      () => resolveOptions({ ...base, output: 'out.csv', format: 'json' }),
      (error: unknown) => error instanceof UsageError && /--format json does not match the output out.csv/.test(error.message) && /\.json/.test(error.hint ?? ''),
    );
    assert.throws(() => resolveOptions({ ...base, output: 'out.xlsx', format: 'csv' }), UsageError);
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['--workers', { workers: '0' }, /option --workers: '0' is not valid/],
    ['--workers', { workers: 'many' }, /option --workers: 'many'/],
    ['--workers', { workers: '2.5' }, /option --workers/],
    ['--dpi', { dpi: '10' }, /option --dpi: '10' is not valid/],
    ['--dpi', { dpi: '-300' }, /option --dpi/],
    ['--lang', { lang: 'english!' }, /option --lang: 'english!'/],
    ['--lang', { lang: 'eng+' }, /option --lang/],
    ['--sheets', { sheets: 'many' }, /option --sheets: 'many' is not valid/],
    ['--pages', { pages: '3-1' }, /option --pages: '3-1'/],
  ];
  for (const [name, raw, message] of invalid) {
    it(`rejects a bad ${name} (${Object.values(raw)[0]}) naming option, value and what is allowed`, () => {
      assert.throws(
        () => resolveOptions({ ...base, ...raw }),
        (error: unknown) => error instanceof UsageError && message.test(error.message) && typeof error.hint === 'string' && error.hint.length > 0,
      );
    });
  }
});
