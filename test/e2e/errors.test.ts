// Bad input and bad options: one line on stderr, the documented exit code, no stack trace, no output.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chmod, readFile } from 'node:fs/promises';
import { breakXref, ENCRYPTED_PASSWORD, INVOICE_TABLE, makeBenchmarkDocument, makeEncryptedPdf, makeHugeImagePdf, makeNotAPdf, makeScannedPdf, makeTextPdf, makeZeroPagePdf, PARAGRAPH_ONLY_PAGE } from '../../fixtures/lib/index.ts';
import { EXIT_CODES } from '../../src/errors.ts';
import { binPath, projectRoot, readWorkbook, runCli, type CliRun } from './cli-helpers.ts';

const sample = path.join(projectRoot, 'fixtures/sample-scanned.pdf');

function assertCleanFailure(run: CliRun, exitCode: number, message: RegExp) {
  assert.equal(run.code, exitCode, run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got: ${run.stderr}`);
  assert.match(lines[0], /^pdf2xlsx: /);
  assert.match(lines[0], message);
  assert.doesNotMatch(run.stderr, /\n\s+at |Error:/, 'no stack trace');
  assert.equal(run.stdout, '');
}

describe('error paths (built CLI)', () => {
  let dir: string;
  let encrypted: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-errors-'));
    encrypted = path.join(dir, 'encrypted.pdf');
    await writeFile(encrypted, await makeEncryptedPdf());
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The files in `dir` apart from the inputs this suite made. */
  const outputsLeft = async () => (await readdir(dir)).filter((name) => !name.endsWith('.pdf') && name !== 'folder');

  it('missing input', async () => {
    const run = await runCli([path.join(dir, 'nope.pdf'), '-o', path.join(dir, 'out.xlsx')]);
    assertCleanFailure(run, EXIT_CODES.inputUnreadable, /nope\.pdf: no such file/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('a folder as input', async () => {
    await mkdir(path.join(dir, 'folder'), { recursive: true });
    // A folder makes a batch, whose output is a folder.
    const run = await runCli([path.join(dir, 'folder'), '-o', path.join(dir, 'out.xlsx')]);
    assertCleanFailure(run, EXIT_CODES.usage, /a folder, make a batch: -o must be a folder, not .*out\.xlsx/);
  });

  it('not a PDF (a PNG and a text file named .pdf)', async () => {
    for (const kind of ['png', 'text'] as const) {
      const input = path.join(dir, `${kind}.pdf`);
      await writeFile(input, makeNotAPdf(kind));
      const run = await runCli([input, '-o', path.join(dir, 'out.xlsx')]);
      assertCleanFailure(run, EXIT_CODES.inputUnreadable, /not a PDF file/);
    }
    const empty = path.join(dir, 'empty.pdf');
    await writeFile(empty, new Uint8Array(0));
    assertCleanFailure(await runCli([empty, '-o', path.join(dir, 'out.xlsx')]), EXIT_CODES.inputUnreadable, /the file is empty/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('a damaged PDF (header, then garbage)', async () => {
    const input = path.join(dir, 'damaged.pdf');
    await writeFile(input, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]));
    const run = await runCli([input, '-o', path.join(dir, 'out.xlsx')]);
    assertCleanFailure(run, EXIT_CODES.inputUnreadable, /damaged\.pdf/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('--report is written for an input that fails, with its exit code and error', async () => {
    const input = path.join(dir, 'damaged-for-report.pdf');
    await writeFile(input, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]));
    const report = path.join(dir, 'failed-report.json');
    const run = await runCli([input, '-o', path.join(dir, 'out.xlsx'), '--report', report]);
    assert.equal(run.code, EXIT_CODES.inputUnreadable);
    const content = JSON.parse(await readFile(report, 'utf8'));
    assert.equal(content.exitCode, EXIT_CODES.inputUnreadable);
    assert.equal(`pdf2xlsx: ${content.error}\n`, run.stderr, 'the error as printed');
    assert.deepEqual(content.tables, []);
    await rm(report);
    await rm(input);
  });

  it('encrypted without --password, and with a wrong one', async () => {
    assertCleanFailure(await runCli([encrypted, '-o', path.join(dir, 'out.xlsx')]), EXIT_CODES.inputUnreadable, /encrypted; give the password with --password/);
    assertCleanFailure(await runCli([encrypted, '-o', path.join(dir, 'out.xlsx'), '--password', 'wrong']), EXIT_CODES.inputUnreadable, /password is wrong/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('encrypted with the right --password is read', async () => {
    const output = path.join(dir, 'decrypted.xlsx');
    const run = await runCli([encrypted, '-o', output, '--password', ENCRYPTED_PASSWORD, '--workers', '1']);
    assert.equal(run.code, 0, run.stderr);
    const workbook = await readWorkbook(output);
    assert.equal(workbook.worksheets.length, 1);
    assert.equal(workbook.worksheets[0].getCell('A1').value, 'Product');
    await rm(output);
  });

  it('the password from --password-file or PDF2XLSX_PASSWORD (not visible in ps); -p and -w are --pages and --workers', async () => {
    const passwordFile = path.join(dir, 'password.txt');
    await writeFile(passwordFile, `${ENCRYPTED_PASSWORD}\n`);
    for (const [how, args, env] of [
      ['--password-file', ['--password-file', passwordFile], {}],
      ['PDF2XLSX_PASSWORD', [], { PDF2XLSX_PASSWORD: ENCRYPTED_PASSWORD }],
    ] as const) {
      const output = path.join(dir, 'from-file.xlsx');
      const run = await runCli([encrypted, '-o', output, '-w', '1', '-p', '1', ...args], { env });
      assert.equal(run.code, 0, `${how}: ${run.stderr}`);
      assert.equal((await readWorkbook(output)).worksheets[0].getCell('A1').value, 'Product', how);
      await rm(output);
    }
    // --password wins over the variable; a password file that is not there is a usage error.
    assertCleanFailure(await runCli([encrypted, '-o', path.join(dir, 'out.xlsx'), '--password', 'wrong'], { env: { PDF2XLSX_PASSWORD: ENCRYPTED_PASSWORD } }), EXIT_CODES.inputUnreadable, /password is wrong/);
    assertCleanFailure(await runCli([encrypted, '-o', path.join(dir, 'out.xlsx'), '--password-file', path.join(dir, 'nowhere.txt')]), EXIT_CODES.usage, /--password-file: cannot read .*nowhere\.txt/);
    await rm(passwordFile);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('page spec out of range for the document', async () => {
    const run = await runCli([sample, '-o', path.join(dir, 'out.xlsx'), '--pages', '2-9']);
    assertCleanFailure(run, EXIT_CODES.usage, /--pages: page 9 is out of range: the document has 2 pages/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('--tessdata with a folder that lacks eng still reads English with the bundled model', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-tessdata-'));
    try {
      const output = path.join(dir, 'bundled-eng.xlsx');
      const run = await runCli([sample, '-o', output, '--tessdata', folder, '--engine', 'tesseract', '--lang', 'eng', '-p', '1', '-w', '1']);
      assert.equal(run.code, EXIT_CODES.success, run.stderr);
      assert.ok((await readWorkbook(output)).worksheets.length > 0);
      await rm(output);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('output folder missing', async () => {
    const run = await runCli([sample, '-o', path.join(dir, 'missing', 'out.xlsx')]);
    assertCleanFailure(run, EXIT_CODES.outputNotWritable, /does not exist/);
  });

  it('output path equal to the input path is refused, the input untouched', async () => {
    const input = path.join(dir, 'same.pdf');
    const bytes = await makeTextPdf([PARAGRAPH_ONLY_PAGE]);
    await writeFile(input, bytes);
    const run = await runCli([input, '-o', input]);
    assertCleanFailure(run, EXIT_CODES.outputNotWritable, /over the input/);
  });

  it('bad option values name the option, the value and what is allowed', async () => {
    const out = path.join(dir, 'out.xlsx');
    assertCleanFailure(await runCli([sample, '-o', out, '--workers', '0']), EXIT_CODES.usage, /--workers: '0' is not valid; give a whole number from 1 to 256/);
    assertCleanFailure(await runCli([sample, '-o', out, '--dpi', 'high']), EXIT_CODES.usage, /--dpi: 'high'/);
    assertCleanFailure(await runCli([sample, '-o', out, '--pages', '3-1']), EXIT_CODES.usage, /--pages: '3-1'/);
    assertCleanFailure(await runCli([sample, '-o', out, '--lang', 'xyz']), EXIT_CODES.ocrFailure, /no language data for 'xyz'.*xyz\.traineddata/);
    assertCleanFailure(await runCli([sample, '-o', out, '--tessdata', path.join(dir, 'nowhere')]), EXIT_CODES.usage, /--tessdata: .* is not a folder/);
    const sheets = await runCli([sample, '-o', out, '--sheets', 'many']);
    assert.equal(sheets.code, EXIT_CODES.usage);
    assert.match(sheets.stderr, /^pdf2xlsx: option '--sheets <layout>' argument 'many' is invalid. Allowed choices are per-table, per-page, one/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('an unknown option is reported before a missing -o, with a suggestion', async () => {
    const typo = await runCli([sample, '--ouput', path.join(dir, 'x.xlsx')]);
    assert.equal(typo.code, EXIT_CODES.usage);
    // One line, as the README promises of every error.
    assert.equal(typo.stderr, "pdf2xlsx: unknown option '--ouput' (Did you mean --output?); run pdf2xlsx --help for usage\n");
    for (const option of ['--bogus', '-V']) {
      const run = await runCli([sample, option]);
      assert.equal(run.code, EXIT_CODES.usage);
      assert.match(run.stderr, new RegExp(`unknown option '${option}'`));
      assert.doesNotMatch(run.stderr, /not specified/);
    }
    const missing = await runCli([sample]);
    assert.match(missing.stderr, /^pdf2xlsx: required option '-o, --output <path>' not specified; give the file or folder to write/);
  });

  it('usage errors: no arguments, no -o, unknown option', async () => {
    for (const args of [[], [sample], [sample, '-o', path.join(dir, 'out.xlsx'), '--colour']]) {
      const run = await runCli(args);
      assert.equal(run.code, EXIT_CODES.usage, run.stderr);
      assert.match(run.stderr, /^pdf2xlsx: /);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  it('a standard output closed by its reader (| head -c 10) ends quietly, exit 0', async () => {
    const child = spawn(process.execPath, [binPath, sample, '-o', '-', '--format', 'json', '-q', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, EXIT_CODES.success, stderr);
    assert.equal(stderr, '');
  });

  // On a terminal (util-linux `script` gives the CLI one): the one-line summary, and the cursor
  // the progress bar hides is shown again when Ctrl-C ends the run.
  const onTerminal = (command: string) => spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it('on a terminal: a one-line summary, and the cursor shown again after Ctrl-C', { skip: !hasScript && 'no util-linux script' }, async () => {
    const out = path.join(dir, 'tty.xlsx');
    const done = onTerminal(`${process.execPath} ${binPath} ${sample} -o ${out} --workers 1`);
    assert.equal(done.status, 0, done.stdout);
    assert.match(done.stdout, /pdf2xlsx: 3 tables from 2 pages → \S*tty\.xlsx/);
    const big = path.join(dir, 'slow-scan.pdf');
    await writeFile(big, await makeScannedPdf(await makeTextPdf(makeBenchmarkDocument(6)), { dpi: 300, seed: 5 }));
    const stopped = onTerminal(`timeout -s INT 4 ${process.execPath} ${binPath} ${big} -o ${path.join(dir, 'stopped.xlsx')} --workers 1`);
    const hidden = stopped.stdout.lastIndexOf('\x1b[?25l');
    assert.ok(hidden >= 0, 'the bar hid the cursor');
    assert.ok(stopped.stdout.indexOf('\x1b[?25h', hidden) > hidden, 'and it is shown again');
    assert.match(stopped.stdout, /interrupted by SIGINT/);
    await rm(out);
    await rm(big);
  });

  it('--help and --version print to stdout and exit 0', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: pdf2xlsx \[options\] <inputs\.\.\.>/);
    for (const option of ['-w, --workers', '-p, --pages', '--dpi', '--lang', '--tessdata', '--sheets', '--password', '--password-file', '--csv-bom', '--quiet']) assert.match(help.stdout, new RegExp(option));
    assert.match(help.stdout, /Examples:\n  pdf2xlsx \S+\.pdf -o /);
    for (const [name, code] of Object.entries(EXIT_CODES)) assert.match(help.stdout, new RegExp(`^  ${code} `, 'm'), `exit code ${code} (${name}) is listed`);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  it('a page without a table gives a workbook that says so, and a warning', async () => {
    const input = path.join(dir, 'memo.pdf');
    await writeFile(input, await makeTextPdf([PARAGRAPH_ONLY_PAGE]));
    const output = path.join(dir, 'memo.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: no table was found/);
    const workbook = await readWorkbook(output);
    assert.match(String(workbook.worksheets[0].getCell('A1').value), /No table/);
    await rm(output);
  });

  it('a truncated PDF', async () => {
    const whole = await makeTextPdf([{ tables: [{ table: INVOICE_TABLE }] }]);
    const input = path.join(dir, 'truncated.pdf');
    await writeFile(input, whole.subarray(0, Math.floor(whole.length / 3)));
    const run = await runCli([input, '-o', path.join(dir, 'out.xlsx'), '--workers', '1']);
    // pdf.js rebuilds what it can: a cut-off file either reads (what survived) or fails cleanly.
    if (run.code === EXIT_CODES.inputUnreadable) assertCleanFailure(run, EXIT_CODES.inputUnreadable, /truncated\.pdf/);
    else assert.ok(([EXIT_CODES.success, EXIT_CODES.partial] as number[]).includes(run.code!), run.stderr);
    if (run.code !== EXIT_CODES.success) assert.deepEqual(await outputsLeft(), []);
    await rm(path.join(dir, 'out.xlsx'), { force: true });
  });

  it('a PDF with a broken xref that pdf.js can rebuild is read', async () => {
    const input = path.join(dir, 'broken-xref.pdf');
    await writeFile(input, breakXref(await makeTextPdf([{ tables: [{ table: INVOICE_TABLE }] }])));
    const output = path.join(dir, 'broken-xref.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.equal((await readWorkbook(output)).worksheets[0].getCell('A1').value, 'Product');
    await rm(output);
  });

  it('a PDF with an empty page tree: pdf.js repairs it to one blank page, an empty one, so no table (exit 5 with --fail-on-empty)', async () => {
    const input = path.join(dir, 'no-pages.pdf');
    await writeFile(input, await makeZeroPagePdf());
    const run = await runCli([input, '-o', path.join(dir, 'no-pages.xlsx'), '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, /^pdf2xlsx: warning: no table was found in the selected pages \(1 of the 1 are empty\)\n$/);
    await rm(path.join(dir, 'no-pages.xlsx'));
    assertCleanFailure(await runCli([input, '-o', path.join(dir, 'out.xlsx'), '--fail-on-empty', '--workers', '1']), EXIT_CODES.noTables, /no table was found/);
    assert.deepEqual(await outputsLeft(), []);
  });

  it('an image declaring 100000 × 100000 pixels is skipped, not decoded', async () => {
    const input = path.join(dir, 'huge-image.pdf');
    await writeFile(input, await makeHugeImagePdf());
    const output = path.join(dir, 'huge-image.xlsx');
    const started = Date.now();
    const run = await runCli([input, '-o', output, '--workers', '1']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, /no table was found/);
    assert.ok(Date.now() - started < 60_000);
    await rm(output);
  });

  it('a page too large for the pixel budget is rendered at a lower DPI, with a warning', async () => {
    const input = path.join(dir, 'huge-page.pdf');
    await writeFile(input, await makeTextPdf([{ widthPt: 4000, heightPt: 4000, tables: [{ table: INVOICE_TABLE }] }]));
    const output = path.join(dir, 'huge-page.xlsx');
    const run = await runCli([input, '-o', output, '--workers', '1', '--ocr', 'always']);
    assert.equal(run.code, EXIT_CODES.success, run.stderr);
    assert.match(run.stderr, /too large to render at 300 DPI; rendered at \d+ DPI instead/);
    assert.equal((await readWorkbook(output)).worksheets.length, 1);
    await rm(output);
  });

  it('--fail-on-empty: no table exits 5 and writes nothing', async () => {
    const input = path.join(dir, 'paragraph.pdf');
    await writeFile(input, await makeTextPdf([PARAGRAPH_ONLY_PAGE]));
    const run = await runCli([input, '-o', path.join(dir, 'out.xlsx'), '--fail-on-empty', '--workers', '1']);
    assertCleanFailure(run, EXIT_CODES.noTables, /no table was found/);
    assert.deepEqual(await outputsLeft(), []);
  });

  // Root ignores file permissions, so as root the CLI runs as nobody, which needs to reach the
  // project (a checkout under a private folder, e.g. mktemp's, it cannot: then this is skipped).
  const asRoot = process.getuid?.() === 0;
  const nobodyCanRun = !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(binPath)})`], { uid: 65534, gid: 65534 }).status === 0;
  it('an output folder that is not writable', { skip: process.platform === 'win32' || !nobodyCanRun ? 'needs a user other than root who can reach the project' : false }, async () => {
    const locked = path.join(dir, 'locked');
    await mkdir(locked, { recursive: true });
    await chmod(locked, 0o555);
    const input = path.join(dir, 'readable.pdf');
    await writeFile(input, await readFile(sample));
    await chmod(dir, 0o755);
    await chmod(input, 0o644);
    // root ignores permissions: run as nobody then (spawn needs root for that).
    const asNobody = asRoot ? { uid: 65534, gid: 65534 } : {};
    const run = await runCli([input, '-o', path.join(locked, 'out.xlsx')], asNobody);
    assertCleanFailure(run, EXIT_CODES.outputNotWritable, /is not writable/);
    assert.deepEqual(await readdir(locked), []);
  });
});

