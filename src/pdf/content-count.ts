// One pass over a content stream's bytes that counts what makes pdf.js slow: how deep `q` nests
// the graphics state, how many operators there are, and which forms `Do` draws how often.
// Strings, comments and inline image data are skipped, so a `q` inside them is not counted.
import { endsToken, isWhitespace } from './raw-syntax.js';

const CHAR = (text: string) => text.charCodeAt(0);
const [PERCENT, OPEN_PAREN, CLOSE_PAREN, LESS, GREATER, SLASH, BACKSLASH, SAVE, RESTORE, LETTER_D, LETTER_E, LETTER_I, LETTER_O, QUOTE, DOUBLE_QUOTE] = [
  ...'%()<>/\\qQDEIo\'"',
].map(CHAR);

const isLetter = (byte: number) => (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122);

/** A count over a page's content, carried from one of its content streams to the next. */
export interface ContentCount {
  /** The nesting at the end so far. */
  depth: number;
  /** The deepest nesting so far. */
  deepest: number;
  operators: number;
  /** How often `Do` was given each name (as written, `#xx` escapes left as they are). */
  drawsByName: Map<string, number>;
}

export const emptyCount = (): ContentCount => ({ depth: 0, deepest: 0, operators: 0, drawsByName: new Map() });

/** Adds the operators of `content` to `count`. */
export function countContent(content: Uint8Array, count: ContentCount = emptyCount()): ContentCount {
  const length = content.length;
  let at = 0;
  // The last name seen: the operand of a `Do`.
  let nameStart = 0;
  let nameEnd = 0;
  while (at < length) {
    const byte = content[at];
    if (isWhitespace(byte)) at++;
    else if (byte === PERCENT) {
      while (at < length && content[at] !== 10 && content[at] !== 13) at++;
    } else if (byte === OPEN_PAREN) {
      let open = 1;
      for (at++; at < length && open > 0; at++) {
        if (content[at] === BACKSLASH) at++;
        else if (content[at] === OPEN_PAREN) open++;
        else if (content[at] === CLOSE_PAREN) open--;
      }
    } else if (byte === LESS) {
      if (content[at + 1] === LESS) at += 2;
      else {
        while (at < length && content[at] !== GREATER) at++;
        at++;
      }
    } else if (byte === SLASH) {
      nameStart = ++at;
      while (at < length && !endsToken(content[at])) at++;
      nameEnd = at;
    } else if (endsToken(byte)) at++;
    else {
      const start = at;
      while (at < length && !endsToken(content[at])) at++;
      // Operands are numbers (and true, false, null: too rare to matter); operators start with a
      // letter or a quote.
      if (!isLetter(byte) && byte !== QUOTE && byte !== DOUBLE_QUOTE) continue;
      count.operators++;
      const size = at - start;
      if (size === 1 && byte === SAVE) count.deepest = Math.max(count.deepest, ++count.depth);
      else if (size === 1 && byte === RESTORE) count.depth = Math.max(0, count.depth - 1);
      else if (size === 2 && byte === LETTER_I && content[start + 1] === LETTER_D) at = afterInlineImage(content, at + 1);
      else if (size === 2 && byte === LETTER_D && content[start + 1] === LETTER_O && nameEnd > nameStart) {
        const name = Buffer.from(content.buffer, content.byteOffset + nameStart, nameEnd - nameStart).toString('latin1');
        count.drawsByName.set(name, (count.drawsByName.get(name) ?? 0) + 1);
      }
    }
  }
  return count;
}

/** Where an inline image's data ends: after `EI` with whitespace before it and a token end after. */
function afterInlineImage(content: Uint8Array, from: number): number {
  for (let at = from; at + 1 < content.length; at++) {
    if (content[at] === LETTER_E && content[at + 1] === LETTER_I && isWhitespace(content[at - 1]) && (at + 2 >= content.length || endsToken(content[at + 2]))) return at + 2;
  }
  return content.length;
}
