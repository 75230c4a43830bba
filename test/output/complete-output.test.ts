import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSV_COMPLETE_MARKER, isCompleteOutput, zipEntryNames } from '../../src/output/complete-output.ts';
import { workbookBytes } from '../../src/output/write-workbook.ts';

describe('isCompleteOutput (--skip-existing)', () => {
  let dir = '';
  let workbook: Uint8Array;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-complete-'));
    workbook = await workbookBytes([], { sheets: 'per-table', markLowConfidence: false, borders: true });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trusts a whole workbook and no part of one', async () => {
    const whole = path.join(dir, 'whole.xlsx');
    await writeFile(whole, workbook);
    assert.ok((await zipEntryNames(whole))!.includes('xl/workbook.xml'));
    assert.equal(await isCompleteOutput(whole, 'xlsx'), true);
    for (const keep of [0.5, 0.9, 0.99]) {
      const cut = path.join(dir, `cut-${keep}.xlsx`);
      await writeFile(cut, workbook.subarray(0, Math.floor(workbook.length * keep)));
      assert.equal(await isCompleteOutput(cut, 'xlsx'), false, `${keep * 100}% of it`);
    }
    const garbage = path.join(dir, 'garbage.xlsx');
    await writeFile(garbage, Buffer.alloc(5000, 0x50));
    assert.equal(await isCompleteOutput(garbage, 'xlsx'), false);
    assert.equal(await isCompleteOutput(path.join(dir, 'missing.xlsx'), 'xlsx'), false);
  });

  it('trusts a JSON document that parses as ours', async () => {
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ pdf2xlsx: '0.1.0', input: 'a.pdf', tables: [] }));
    assert.equal(await isCompleteOutput(good, 'json'), true);
    const cut = path.join(dir, 'cut.json');
    await writeFile(cut, (await readFile(good, 'utf8')).slice(0, 20));
    assert.equal(await isCompleteOutput(cut, 'json'), false);
  });

  it('trusts a CSV folder only with the marker a finished run writes last', async () => {
    const folder = path.join(dir, 'tables');
    await mkdir(folder);
    await writeFile(path.join(folder, 'p1-t1.csv'), 'a,b\r\n');
    assert.equal(await isCompleteOutput(folder, 'csv'), false);
    await writeFile(path.join(folder, CSV_COMPLETE_MARKER), 'p1-t1.csv\n');
    assert.equal(await isCompleteOutput(folder, 'csv'), true);
  });
});
