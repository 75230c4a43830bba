import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OutputError } from '../../src/errors.ts';
import { temporaryPathFor, writeFileAtomically } from '../../src/output/atomic-write.ts';
import { checkOutputFile } from '../../src/output/check-output-path.ts';

describe('writeFileAtomically', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-atomic-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a new file and leaves no temporary file', async () => {
    const file = path.join(dir, 'new.json');
    await writeFileAtomically(file, '{"a":1}');
    assert.equal(await readFile(file, 'utf8'), '{"a":1}');
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('removes the temporary files a killed run left, and no one else\'s', async () => {
    const folder = path.join(dir, 'killed');
    await mkdir(folder);
    // A process that has ended: its pid names no running process (now, at least).
    const deadPid = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const ours = path.basename(temporaryPathFor(path.join(folder, 'out.xlsx'))); // .out.xlsx.<host>-<pid>.<hex>.tmp
    const host = /\.([A-Za-z0-9-]*)-\d+\.[0-9a-f]{8}\.tmp$/.exec(ours)![1];
    const named = (pid: number, machine = host) => `.out.xlsx.${machine}-${pid}.0123abcd.tmp`;
    const leftByKill = named(deadPid);
    const running = named(process.ppid); // the process that started this one runs
    const otherMachineFresh = named(deadPid, `${host}x`);
    const otherMachineOld = named(deadPid + 1, `${host}y`);
    for (const name of [leftByKill, running, otherMachineFresh, otherMachineOld, 'notes.tmp']) await writeFile(path.join(folder, name), 'part');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(path.join(folder, otherMachineOld), twoDaysAgo, twoDaysAgo);
    await writeFileAtomically(path.join(folder, 'out.xlsx'), 'new');
    assert.deepEqual((await readdir(folder)).sort(), [running, otherMachineFresh, 'notes.tmp', 'out.xlsx'].sort());
  });

  it('keeps the mode of the file it replaces', async () => {
    const file = path.join(dir, 'private.xlsx');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileAtomically(file, 'new');
    assert.equal(await readFile(file, 'utf8'), 'new');
    assert.equal((await stat(file)).mode & 0o777, 0o640);
  });

  it('writes through a symlink: the link stays, its target gets the content', async () => {
    const target = path.join(dir, 'real.xlsx');
    const link = path.join(dir, 'link.xlsx');
    await writeFile(target, 'old');
    await symlink(target, link);
    await writeFileAtomically(link, 'new');
    assert.ok((await lstat(link)).isSymbolicLink(), 'still a link');
    assert.equal(await readFile(target, 'utf8'), 'new');
  });

  it('refuses an output that is a link to the input', async () => {
    const input = path.join(dir, 'in.pdf');
    const link = path.join(dir, 'out.xlsx');
    await writeFile(input, '%PDF-1.4');
    await rm(link, { force: true });
    await symlink(input, link);
    await assert.rejects(checkOutputFile(link, input), (error: unknown) => error instanceof OutputError && /over the input/.test(error.message));
  });
});
