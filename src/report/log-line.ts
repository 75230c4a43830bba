// Lines for a log (stderr): a file name or any text read from a PDF can hold control characters;
// written as they are, a newline in a name would start a forged line of its own and an escape
// sequence would drive the terminal. They are shown escaped, as \n, \r, \t or \xNN / \uNNNN.
// (--json carries the exact names.)
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape: safe on one line of a log. */
export function printable(text: string): string {
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? (ch.charCodeAt(0) > 0xff ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** One line of the log: `pdf2xlsx: <message>` and a newline, the message made printable. */
export const logLine = (message: string): string => `pdf2xlsx: ${printable(message)}\n`;

/** `1 page`, `2 pages`. */
export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
