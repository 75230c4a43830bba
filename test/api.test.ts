// The programmatic API: extractTables gives the same tables the CLI writes, as typed data.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, extractTables } from '../src/index.ts';
import { projectRoot } from './e2e/cli-helpers.ts';

describe('extractTables (API)', () => {
  it('reads a born-digital PDF into tables with cells, typed values, merges and provenance', async () => {
    const result = await extractTables(path.join(projectRoot, 'fixtures/sample-text.pdf'), { workers: 1 });
    assert.deepEqual(result.pages, [1, 2]);
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.tables.map((table) => [table.page, table.index, table.rows, table.columns, table.source]), [
      [1, 1, 7, 4, 'text-layer'],
      [1, 2, 5, 3, 'text-layer'],
      [2, 1, 6, 4, 'text-layer'],
    ]);
    const invoice = result.tables[0];
    assert.equal(invoice.cells[0].text, 'Product');
    assert.ok(invoice.box.points.top > 0 && invoice.box.points.bottom > invoice.box.points.top);
    assert.ok(invoice.cells.some((cell) => typeof cell.value === 'number'), 'numbers are typed');
    const merged = result.tables[2];
    assert.ok(merged.cells.some((cell) => cell.colSpan === 2), 'merges as spans');
  });

  it('throws an InputError (with its exit code) for a missing file', async () => {
    await assert.rejects(extractTables(path.join(projectRoot, 'nope.pdf')), (error: unknown) => error instanceof InputError && error.exitCode === 3);
  });
});
