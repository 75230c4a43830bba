// A PDF's objects read from its bytes without pdf.js, for the checks made before pdf.js is given a
// page. The objects are found by a scan of the file for `N G obj`, as a repairing reader does, so
// a damaged cross-reference table does not matter; objects packed in object streams are found by
// unpacking those. Where an object number appears more than once, the last one in the file wins
// (an incremental update appends its changes). Only Flate-encoded and plain streams are decoded.
import { open, type FileHandle } from 'node:fs/promises';
import { inflateSync, constants as zlib } from 'node:zlib';
import { EndOfBytes, PdfKeyword, PdfRef, SyntaxReader, dictOf, endsToken, isWhitespace, nameOf, type PdfDict, type PdfValue } from './raw-syntax.js';

export interface PdfStream {
  dict: PdfDict;
  /** Where its data starts in the file (read only when asked for: an image's dictionary says enough). */
  dataStart: number;
}

export interface RawObject {
  value: PdfValue;
  stream: PdfStream | null;
}

type Location = { kind: 'file'; offset: number } | { kind: 'packed'; container: number; index: number };

const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;
// Room to look back from `obj` at its numbers, and ahead at the start of its dictionary.
const LOOK_BACK_BYTES = 32;
const LOOK_AHEAD_BYTES = 512;
// An object is first read in a window this big, grown up to the maximum when it does not fit.
const FIRST_WINDOW_BYTES = 16 * 1024;
const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
// A stream is decoded up to this size: a page's content this large would be some ten million
// operators (1 million take 6 MB), and a Flate "bomb" must not take the memory.
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;
// Objects kept in memory at most (then forgotten all at once): a few MB.
const MAX_CACHED_OBJECTS = 20_000;
// A chain of references longer than this is a loop.
const MAX_REFERENCE_HOPS = 32;

const OBJ = Buffer.from('obj', 'latin1');
const OBJECT_STREAM = Buffer.from('/ObjStm', 'latin1');
const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');
const isDigit = (byte: number) => byte >= 48 && byte <= 57;

/** The object numbers and offsets of the `N G obj` headers in `chunk` (whose first byte is at `base`). */
function objectHeaders(chunk: Buffer, from: number, to: number, base: number, found: (objectNumber: number, offset: number, isObjectStream: boolean) => void): void {
  for (let at = chunk.indexOf(OBJ, from); at !== -1 && at < to; at = chunk.indexOf(OBJ, at + OBJ.length)) {
    if (at + 3 < chunk.length && !endsToken(chunk[at + 3])) continue;
    // Back over: whitespace, the generation, whitespace, the object number.
    let cursor = at - 1;
    const skip = (test: (byte: number) => boolean) => {
      const end = cursor;
      while (cursor >= 0 && test(chunk[cursor])) cursor--;
      return end - cursor;
    };
    if (skip(isWhitespace) === 0 || skip(isDigit) === 0 || skip(isWhitespace) === 0) continue;
    const numberEnd = cursor + 1;
    if (skip(isDigit) === 0 || (cursor >= 0 && !endsToken(chunk[cursor]))) continue;
    const objectNumber = Number(chunk.toString('latin1', cursor + 1, numberEnd));
    const ahead = chunk.subarray(at, Math.min(chunk.length, at + LOOK_AHEAD_BYTES));
    const streamAt = ahead.indexOf(STREAM);
    const packs = ahead.indexOf(OBJECT_STREAM);
    found(objectNumber, base + cursor + 1, packs !== -1 && (streamAt === -1 || packs < streamAt));
  }
}

export class RawPdfObjects {
  private readonly locations = new Map<number, Location>();
  private readonly objectStreams: number[] = [];
  /** Set once the object streams are being unpacked (on the first object not found in the scan). */
  private packedIndexed: Promise<void> | null = null;
  /** Objects read so far: pages of a file share their resources. */
  private readonly cache = new Map<number, Promise<RawObject | null>>();
  private readonly unpacked = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();

  private constructor(private readonly file: FileHandle, private readonly size: number) {}

  /** Opens `path` and finds its objects. */
  static async open(path: string): Promise<RawPdfObjects> {
    const file = await open(path, 'r');
    try {
      const objects = new RawPdfObjects(file, (await file.stat()).size);
      await objects.scan();
      return objects;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private async scan(): Promise<void> {
    const buffer = Buffer.alloc(LOOK_BACK_BYTES + SCAN_CHUNK_BYTES + LOOK_AHEAD_BYTES);
    for (let start = 0; start < this.size; start += SCAN_CHUNK_BYTES) {
      const base = Math.max(0, start - LOOK_BACK_BYTES);
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, base);
      const chunk = buffer.subarray(0, bytesRead);
      objectHeaders(chunk, start - base, start - base + SCAN_CHUNK_BYTES, base, (objectNumber, offset, isObjectStream) => {
        this.locations.set(objectNumber, { kind: 'file', offset });
        if (isObjectStream) this.objectStreams.push(objectNumber);
      });
    }
  }

  /** The object `objectNumber`: its value, and its stream when it is one; null when it is not found or cannot be read. */
  object(objectNumber: number): Promise<RawObject | null> {
    let read = this.cache.get(objectNumber);
    if (!read) {
      if (this.cache.size >= MAX_CACHED_OBJECTS) this.cache.clear();
      read = this.readObject(objectNumber).catch(() => null);
      this.cache.set(objectNumber, read);
    }
    return read;
  }

  private async readObject(objectNumber: number): Promise<RawObject | null> {
    if (!this.locations.has(objectNumber)) await (this.packedIndexed ??= this.indexPackedObjects());
    const location = this.locations.get(objectNumber);
    if (!location) return null;
    if (location.kind === 'packed') {
      const container = this.unpacked.get(location.container)!;
      const value = new SyntaxReader(container.data, location.index, true).read();
      return value instanceof PdfKeyword ? null : { value, stream: null };
    }
    return this.readFileObject(location.offset);
  }

  /** Follows references to a direct value (null for a missing object or a loop). */
  async resolve(value: PdfValue | undefined): Promise<PdfValue> {
    for (let hops = 0; value instanceof PdfRef; hops++) {
      if (hops >= MAX_REFERENCE_HOPS) return null;
      value = (await this.object(value.objectNumber))?.value ?? null;
    }
    return value ?? null;
  }

  private async readFileObject(offset: number): Promise<RawObject> {
    for (let window = FIRST_WINDOW_BYTES; ; window *= 2) {
      const bytes = await this.readBytes(offset, window);
      const complete = offset + bytes.length >= this.size;
      const reader = new SyntaxReader(bytes, 0, complete);
      try {
        reader.read(); // object number
        reader.read(); // generation
        const value = reader.read(); // `obj` then the value
        const body = value instanceof PdfKeyword && value.word === 'obj' ? reader.read() : value;
        if (body instanceof PdfKeyword) throw new Error(`'${body.word}' where an object was expected`);
        const dict = dictOf(body);
        const next = dict && !(complete && reader.atEnd) ? reader.read() : null;
        if (!dict || !(next instanceof PdfKeyword) || next.word !== 'stream') return { value: body, stream: null };
        return { value: body, stream: { dict, dataStart: offset + streamDataStart(bytes, reader.position) } };
      } catch (error) {
        if (!(error instanceof EndOfBytes) || window >= MAX_OBJECT_BYTES || offset + window >= this.size) throw error;
      }
    }
  }

  /**
   * The stream's data with its filters undone; null when they are other than Flate (or fail),
   * 'too-large' when it decodes to more than MAX_DECODED_BYTES.
   */
  async decode(stream: PdfStream): Promise<Uint8Array | 'too-large' | null> {
    return decodeData(stream.dict, await this.storedBytes(stream));
  }

  /** A stream's stored bytes: /Length of them when `endstream` follows there, else up to `endstream`. */
  private async storedBytes({ dict, dataStart }: PdfStream): Promise<Uint8Array> {
    const length = await this.resolve(dict.get('Length'));
    if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= MAX_OBJECT_BYTES) {
      const bytes = await this.readBytes(dataStart, length + 64);
      const tail = bytes.subarray(length);
      let skip = 0;
      while (skip < tail.length && isWhitespace(tail[skip])) skip++;
      if (Buffer.from(tail.buffer, tail.byteOffset + skip, tail.length - skip).subarray(0, ENDSTREAM.length).equals(ENDSTREAM)) return bytes.subarray(0, length);
    }
    for (let window = FIRST_WINDOW_BYTES; ; window *= 2) {
      const bytes = Buffer.from(await this.readBytes(dataStart, window));
      const end = bytes.indexOf(ENDSTREAM);
      if (end !== -1) return bytes.subarray(0, end);
      if (window >= MAX_OBJECT_BYTES || dataStart + window >= this.size) return bytes;
    }
  }

  private async readBytes(offset: number, length: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(Math.max(0, Math.min(length, this.size - offset)));
    const { bytesRead } = await this.file.read(bytes, 0, bytes.length, offset);
    return bytes.subarray(0, bytesRead);
  }

  /** Unpacks every object stream once, to know where the objects packed in them are. */
  private async indexPackedObjects(): Promise<void> {
    for (const container of this.objectStreams) {
      const stream = (await this.object(container).catch(() => null))?.stream;
      const decoded = stream && (await this.decode(stream).catch(() => null));
      const data = decoded instanceof Uint8Array ? decoded : null;
      const count = stream?.dict.get('N');
      const first = stream?.dict.get('First');
      if (!data || typeof count !== 'number' || typeof first !== 'number') continue;
      const reader = new SyntaxReader(data, 0, true);
      const offsets = new Map<number, number>();
      try {
        for (let i = 0; i < count; i++) {
          const [objectNumber, offset] = [reader.read(), reader.read()];
          if (typeof objectNumber !== 'number' || typeof offset !== 'number') break;
          offsets.set(objectNumber, first + offset);
        }
      } catch {
        // A damaged header: keep the objects read so far.
      }
      this.unpacked.set(container, { data, offsets });
      for (const [objectNumber, index] of offsets) {
        // An object written out in full elsewhere in the file is taken from there.
        if (!this.locations.has(objectNumber)) this.locations.set(objectNumber, { kind: 'packed', container, index });
      }
    }
  }
}

/** Where a stream's data starts: after `stream` and its end of line (CR LF or LF). */
function streamDataStart(bytes: Uint8Array, afterKeyword: number): number {
  if (bytes[afterKeyword] === 13 && bytes[afterKeyword + 1] === 10) return afterKeyword + 2;
  return bytes[afterKeyword] === 10 || bytes[afterKeyword] === 13 ? afterKeyword + 1 : afterKeyword;
}

function decodeData(dict: PdfDict, stored: Uint8Array): Uint8Array | 'too-large' | null {
  const filter = dict.get('Filter');
  const filters = Array.isArray(filter) ? filter.map(nameOf) : filter === undefined || filter === null ? [] : [nameOf(filter)];
  if (filters.length === 0) return stored;
  if (filters.length > 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) return null;
  const parameters = dictOf(dict.get('DecodeParms')) ?? dictOf(dict.get('DP'));
  const predictor = parameters?.get('Predictor');
  if (typeof predictor === 'number' && predictor > 1) return null;
  try {
    // A truncated stream gives what it holds, as pdf.js reads it.
    return inflateSync(stored, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    return null;
  }
}
