import assert from 'node:assert/strict';
import { it } from 'node:test';
import { logLine, printable } from '../../src/report/log-line.ts';

it('escapes every control character, so a name cannot start a line or drive the terminal', () => {
  assert.equal(printable('a\nb\rc\td'), 'a\\nb\\rc\\td');
  assert.equal(printable('x\u001b[31mred\u0007'), 'x\\x1b[31mred\\x07');
  assert.equal(printable('\u0085\u2028\u2029\u007f'), '\\x85\\u2028\\u2029\\x7f');
  assert.equal(printable('報告 2024 — ok.pdf'), '報告 2024 — ok.pdf', 'printable text is left alone');
  assert.equal(logLine('evil\npdf2xlsx: forged'), 'pdf2xlsx: evil\\npdf2xlsx: forged\n');
  assert.equal(logLine('evil\npdf2xlsx: forged').split('\n').length, 2, 'one line and its end');
});
