// PDF object syntax (ISO 32000-1, 7.2 and 7.3) read straight from a file's bytes, for the checks
// made before pdf.js is given a page (see content-nesting.ts). Only what those checks need:
// strings are skipped, not decoded, and a malformed object ends the parse with an error.

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(readonly objectNumber: number, readonly generation: number) {}
}

/** A bare word outside a value: `obj`, `stream`, `endobj`, `R`… */
export class PdfKeyword {
  constructor(readonly word: string) {}
}

export type PdfDict = Map<string, PdfValue>;
/** Strings are read as `''`: no check looks inside them. */
export type PdfValue = number | boolean | null | string | PdfName | PdfRef | PdfValue[] | PdfDict;

/** Thrown when the bytes end inside a value: the caller may read more of the file and try again. */
export class EndOfBytes extends Error {}

const WHITESPACE = new Uint8Array(256);
for (const code of [0, 9, 10, 12, 13, 32]) WHITESPACE[code] = 1;
const DELIMITER = new Uint8Array(256);
for (const char of '()<>[]{}/%') DELIMITER[char.charCodeAt(0)] = 1;

export const isWhitespace = (byte: number): boolean => WHITESPACE[byte] === 1;
/** Whitespace or a delimiter: what ends a token. */
export const endsToken = (byte: number): boolean => WHITESPACE[byte] === 1 || DELIMITER[byte] === 1;

const CHAR = (text: string) => text.charCodeAt(0);
const [PERCENT, OPEN_PAREN, CLOSE_PAREN, LESS, GREATER, OPEN_BRACKET, CLOSE_BRACKET, SLASH, BACKSLASH] = [...'%()<>[]/\\'].map(CHAR);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const INTEGER = /^\d+$/;
// Deeper than any real file nests arrays and dictionaries; a hostile one cannot overflow the stack.
const MAX_VALUE_DEPTH = 100;

export class SyntaxReader {
  /** `complete`: the bytes are all there are, so they may end right after a token. */
  constructor(private readonly bytes: Uint8Array, public position = 0, private readonly complete = false) {}

  get atEnd(): boolean {
    this.skipSpace();
    return this.position >= this.bytes.length;
  }

  /** Skips whitespace and comments. */
  skipSpace(): void {
    const { bytes } = this;
    while (this.position < bytes.length) {
      const byte = bytes[this.position];
      if (isWhitespace(byte)) this.position++;
      else if (byte === PERCENT) {
        while (this.position < bytes.length && bytes[this.position] !== 10 && bytes[this.position] !== 13) this.position++;
      } else return;
    }
  }

  private byte(offset = 0): number {
    const at = this.position + offset;
    if (at >= this.bytes.length) throw new EndOfBytes('the bytes end inside a value');
    return this.bytes[at];
  }

  private readToken(): string {
    const start = this.position;
    while (this.position < this.bytes.length && !endsToken(this.bytes[this.position])) this.position++;
    if (this.position >= this.bytes.length && !this.complete) throw new EndOfBytes('the bytes end inside a token');
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.position - start).toString('latin1');
  }

  /** The next value, or the keyword (or `]`, `>>`) found in its place. */
  read(depth = 0): PdfValue | PdfKeyword {
    if (depth > MAX_VALUE_DEPTH) throw new Error('values nested too deep');
    this.skipSpace();
    const byte = this.byte();
    if (byte === SLASH) {
      this.position++;
      return new PdfName(this.readToken());
    }
    if (byte === OPEN_PAREN) return this.skipLiteralString();
    if (byte === LESS) {
      if (this.byte(1) === LESS) {
        this.position += 2;
        return this.readDict(depth);
      }
      while (this.byte() !== GREATER) this.position++;
      this.position++;
      return '';
    }
    if (byte === OPEN_BRACKET) {
      this.position++;
      const array: PdfValue[] = [];
      for (;;) {
        const value = this.read(depth + 1);
        if (value instanceof PdfKeyword) {
          if (value.word === ']') return array;
          throw new Error(`'${value.word}' inside an array`);
        }
        array.push(value);
      }
    }
    if (byte === CLOSE_BRACKET || (byte === GREATER && this.byte(1) === GREATER)) {
      this.position += byte === CLOSE_BRACKET ? 1 : 2;
      return new PdfKeyword(byte === CLOSE_BRACKET ? ']' : '>>');
    }
    if (endsToken(byte)) {
      this.position++;
      throw new Error(`unexpected '${String.fromCharCode(byte)}'`);
    }
    const token = this.readToken();
    if (NUMBER.test(token)) return INTEGER.test(token) ? this.referenceOrInteger(Number(token)) : Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    return new PdfKeyword(token);
  }

  /** `N G R` is a reference; otherwise N alone is a number (and the reader stays after it). */
  private referenceOrInteger(objectNumber: number): number | PdfRef {
    const after = this.position;
    try {
      this.skipSpace();
      const generation = this.readToken();
      this.skipSpace();
      if (INTEGER.test(generation) && this.readToken() === 'R') return new PdfRef(objectNumber, Number(generation));
    } catch (error) {
      if (!(error instanceof EndOfBytes)) throw error;
    }
    this.position = after;
    return objectNumber;
  }

  private readDict(depth: number): PdfDict {
    const dict: PdfDict = new Map();
    for (;;) {
      const key = this.read(depth + 1);
      if (key instanceof PdfKeyword && key.word === '>>') return dict;
      if (!(key instanceof PdfName)) throw new Error('a dictionary key that is not a name');
      const value = this.read(depth + 1);
      if (value instanceof PdfKeyword) throw new Error(`'${value.word}' as a dictionary value`);
      dict.set(key.name, value);
    }
  }

  private skipLiteralString(): string {
    this.position++;
    let open = 1;
    while (open > 0) {
      const byte = this.byte();
      this.position += byte === BACKSLASH ? 2 : 1;
      if (byte === OPEN_PAREN) open++;
      else if (byte === CLOSE_PAREN) open--;
    }
    return '';
  }
}

export const dictOf = (value: PdfValue | undefined): PdfDict | null => (value instanceof Map ? value : null);
export const nameOf = (value: PdfValue | undefined): string | null => (value instanceof PdfName ? value.name : null);
