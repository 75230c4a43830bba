// A small fixed-seed fuzz run inside npm test (the full one is `npm run fuzz`): mutated fixture
// PDFs end with a documented exit code, in time, without a stack trace or leftover files.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runFuzz, summarise } from '../../fuzz/fuzz-run.ts';
import { MUTATION_KINDS, mutate } from '../../fuzz/mutate.ts';
import { projectRoot } from '../e2e/cli-helpers.ts';
import { readFile } from 'node:fs/promises';

describe('fuzz', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-fuzz-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('each mutation changes the file, the same way for the same seed', async () => {
    const pdf = new Uint8Array(await readFile(path.join(projectRoot, 'fixtures/sample-text.pdf')));
    for (const kind of MUTATION_KINDS) {
      const a = mutate(pdf, kind, 42);
      const b = mutate(pdf, kind, 42);
      assert.equal(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes)), 0, kind);
      assert.notEqual(Buffer.compare(Buffer.from(a.bytes), Buffer.from(pdf)), 0, kind);
    }
  });

  it('16 mutated inputs end cleanly', async () => {
    const results = await runFuzz({
      count: 16,
      seed: 20261126,
      sources: [path.join(projectRoot, 'fixtures/sample-text.pdf'), path.join(projectRoot, 'fixtures/sample-scanned.pdf')],
      timeBoundMs: 60_000,
      workDir: dir,
    });
    const summary = summarise(results);
    assert.equal(results.filter((result) => result.problems.length > 0).length, 0, summary);
  });
});
