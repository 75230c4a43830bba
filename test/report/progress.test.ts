import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgressReporter } from '../../src/report/progress.ts';

/** A stream that records what is written, posing as a terminal or not. */
function fakeStderr(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => text };
}

describe('progress reporter', () => {
  it('draws a bar with pages and tables on a terminal', () => {
    const stderr = fakeStderr(true);
    const progress = createProgressReporter(stderr.stream, false);
    progress.start(2);
    progress.pageDone(3);
    progress.tableDone();
    progress.stop();
    assert.match(stderr.text(), /pages 1\/2 \| tables 1\/3/);
  });

  it('prints nothing but warnings when stderr is not a terminal', () => {
    const stderr = fakeStderr(false);
    const progress = createProgressReporter(stderr.stream, false);
    progress.start(2);
    progress.pageDone(1);
    progress.warn('page 2 was skipped');
    progress.stop();
    assert.equal(stderr.text(), 'pdf2xlsx: warning: page 2 was skipped\n');
  });

  it('prints nothing at all with --quiet', () => {
    const stderr = fakeStderr(true);
    const progress = createProgressReporter(stderr.stream, true);
    progress.start(1);
    progress.pageDone(1);
    progress.warn('ignored');
    progress.stop();
    assert.equal(stderr.text(), '');
  });
});
