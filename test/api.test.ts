// The programmatic API: extractTables gives the same tables the CLI writes, as typed data.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { InputError, extractTables, type ExtractProgress } from '../src/index.ts';
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

describe('extractTables (API): bytes, progress, abort', () => {
  const scanned = path.join(projectRoot, 'fixtures/sample-scanned.pdf');

  it('takes the PDF as bytes, and reports progress as pages and tables are read', async () => {
    const seen: ExtractProgress[] = [];
    const result = await extractTables(new Uint8Array(await readFile(path.join(projectRoot, 'fixtures/sample-text.pdf'))), { workers: 1, onProgress: (progress) => seen.push(progress) });
    assert.equal(result.tables.length, 3);
    const last = seen[seen.length - 1];
    assert.deepEqual(last, { pagesDone: 2, pages: 2, tablesDone: 3, tables: 3 });
    assert.ok(seen.some((progress) => progress.pagesDone === 1), 'heard before the end');
  });

  it('an AbortSignal stops the run: it rejects with the signal\'s reason, and leaves no temporary copy', async () => {
    const before = (await readdir(os.tmpdir())).filter((name) => name.startsWith('pdf2xlsx-input-'));
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    const run = extractTables(new Uint8Array(await readFile(scanned)), { workers: 2, signal: controller.signal, onProgress: (progress) => progress.pagesDone >= 1 && controller.abort(reason) });
    await assert.rejects(run, (error: unknown) => error === reason);
    assert.deepEqual((await readdir(os.tmpdir())).filter((name) => name.startsWith('pdf2xlsx-input-')), before);
    await assert.rejects(extractTables(scanned, { signal: AbortSignal.abort(reason) }), (error: unknown) => error === reason, 'aborted before it starts');
  });
});
