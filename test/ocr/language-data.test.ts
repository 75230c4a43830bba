// Finding Tesseract language data on disk: the npm data package, $TESSDATA_PREFIX, Debian's
// folders, or only --tessdata; a language found nowhere fails naming the file and the fix.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT_CODES, OcrError, UsageError } from '../../src/errors.ts';
import { defaultSearchDirs, resolveLanguageData } from '../../src/ocr/language-data.ts';

const npmEngDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

describe('resolveLanguageData', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-langdata-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A folder under the test's temp folder holding empty (fake) files of these names. */
  async function folderWith(name: string, files: string[]): Promise<string> {
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const file of files) await writeFile(path.join(folder, file), 'not really a model');
    return folder;
  }

  it('finds eng in the @tesseract.js-data/eng npm package (LSTM-only best_int)', () => {
    const [eng] = resolveLanguageData(['eng'], null, {});
    assert.equal(eng.code, 'eng');
    assert.equal(path.dirname(eng.file), npmEngDir);
    assert.match(path.basename(eng.file), /^eng\.traineddata(\.gz)?$/);
  });

  it('finds a language through TESSDATA_PREFIX (the folder itself or its tessdata/)', async () => {
    const prefix = await folderWith('prefix', ['xyz.traineddata']);
    assert.deepEqual(resolveLanguageData(['xyz'], null, { TESSDATA_PREFIX: prefix }), [{ code: 'xyz', file: path.join(prefix, 'xyz.traineddata') }]);
    const nested = await folderWith('nested/tessdata', ['xyz.traineddata']);
    assert.deepEqual(resolveLanguageData(['xyz'], null, { TESSDATA_PREFIX: path.dirname(nested) }), [{ code: 'xyz', file: path.join(nested, 'xyz.traineddata') }]);
  });

  it('uses the env it is given, not process.env', async () => {
    const prefix = await folderWith('env-only', ['xyz.traineddata']);
    const saved = process.env.TESSDATA_PREFIX;
    process.env.TESSDATA_PREFIX = prefix;
    try {
      assert.throws(() => resolveLanguageData(['xyz'], null, {}), OcrError);
    } finally {
      if (saved === undefined) delete process.env.TESSDATA_PREFIX;
      else process.env.TESSDATA_PREFIX = saved;
    }
  });

  it('searches the npm package, then TESSDATA_PREFIX, then Debian', async () => {
    const prefix = await folderWith('order', ['eng.traineddata', 'chi_sim.traineddata']);
    const env = { TESSDATA_PREFIX: prefix };
    const [eng, chiSim] = resolveLanguageData(['eng', 'chi_sim'], null, env);
    assert.equal(path.dirname(eng.file), npmEngDir, 'the npm package wins over TESSDATA_PREFIX');
    assert.equal(chiSim.file, path.join(prefix, 'chi_sim.traineddata'), 'TESSDATA_PREFIX wins over Debian');
    const dirs = defaultSearchDirs('chi_sim', env);
    assert.deepEqual(dirs.slice(-2), ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata']);
    assert.ok(dirs.indexOf(prefix) < dirs.indexOf('/usr/share/tesseract-ocr/5/tessdata'));
  });

  it('finds a gzipped file, and prefers the plain file when a folder has both', async () => {
    const gz = await folderWith('gz', ['xyz.traineddata.gz']);
    assert.deepEqual(resolveLanguageData(['xyz'], gz), [{ code: 'xyz', file: path.join(gz, 'xyz.traineddata.gz') }]);
    const both = await folderWith('both', ['xyz.traineddata', 'xyz.traineddata.gz']);
    assert.equal(resolveLanguageData(['xyz'], both)[0].file, path.join(both, 'xyz.traineddata'));
  });

  it('with --tessdata, looks in that folder first, then in the usual places (issue 35: a folder without eng exited 6)', async () => {
    const tessdata = await folderWith('tessdata-flag', ['xyz.traineddata', 'abc.traineddata.gz', 'eng.traineddata']);
    assert.deepEqual(resolveLanguageData(['xyz', 'abc', 'eng'], tessdata, {}), [
      { code: 'xyz', file: path.join(tessdata, 'xyz.traineddata') },
      { code: 'abc', file: path.join(tessdata, 'abc.traineddata.gz') },
      { code: 'eng', file: path.join(tessdata, 'eng.traineddata') },
    ]);
    // eng is not in this folder: the bundled npm package's model reads it.
    const chineseOnly = await folderWith('tessdata-chinese-only', ['chi_sim.traineddata']);
    const [english] = resolveLanguageData(['eng'], chineseOnly, {});
    assert.match(english.file, /@tesseract\.js-data\/eng\/4\.0\.0_best_int\/eng\.traineddata/);
    assert.throws(
      () => resolveLanguageData(['xyz'], chineseOnly, {}),
      (error: unknown) => error instanceof OcrError && error.message.startsWith(`no language data for 'xyz': xyz.traineddata is not in ${chineseOnly}, `),
    );
  });

  it('a missing language names the file, where it looked and how to install it (exit 6)', async () => {
    const prefix = await folderWith('empty-prefix', []);
    assert.throws(
      () => resolveLanguageData(['eng', 'xyz'], null, { TESSDATA_PREFIX: prefix }),
      (error: unknown) => {
        assert.ok(error instanceof OcrError);
        assert.equal(error.exitCode, EXIT_CODES.ocrFailure);
        assert.match(error.message, /^no language data for 'xyz': xyz\.traineddata is not in /);
        assert.ok(error.message.includes(prefix), error.message);
        assert.ok(error.message.includes('/usr/share/tesseract-ocr/5/tessdata'), error.message);
        assert.match(error.hint ?? '', /apt-get install tesseract-ocr-xyz/);
        assert.match(error.hint ?? '', /--tessdata/);
        return true;
      },
    );
    // Debian's package names use '-' where Tesseract's codes use '_'.
    assert.throws(() => resolveLanguageData(['zz_yy'], null, {}), (error: unknown) => error instanceof OcrError && /apt-get install tesseract-ocr-zz-yy\b/.test(error.hint ?? ''));
  });

  it('a folder named like the data file is not the data file', async () => {
    const tessdata = await folderWith('dir-not-file', []);
    await mkdir(path.join(tessdata, 'xyz.traineddata'));
    assert.throws(() => resolveLanguageData(['xyz'], tessdata), OcrError);
  });

  it('--tessdata that is not a folder is a usage error', async () => {
    const file = path.join(await folderWith('file-not-dir', ['xyz.traineddata']), 'xyz.traineddata');
    assert.throws(() => resolveLanguageData(['xyz'], file), UsageError);
    assert.throws(() => resolveLanguageData(['xyz'], path.join(dir, 'nowhere')), (error: unknown) => error instanceof UsageError && /--tessdata: '.*nowhere' is not a folder/.test(error.message));
  });
});
