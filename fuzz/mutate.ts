// Mutations of PDF bytes for the fuzz run: the ways real files arrive broken (cut off in transit,
// bit rot, an editor that dropped objects or appended a second xref, a corrupted stream).
import { mulberry32 } from '../fixtures/lib/index.ts';

export type MutationKind = 'truncate' | 'flip-bytes' | 'delete-object' | 'duplicate-xref' | 'corrupt-stream' | 'huge-number';
export const MUTATION_KINDS: readonly MutationKind[] = ['truncate', 'flip-bytes', 'delete-object', 'duplicate-xref', 'corrupt-stream', 'huge-number'];

export interface Mutation {
  kind: MutationKind;
  /** What was done, to reproduce it by eye. */
  detail: string;
  bytes: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const fromLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** All matches of `pattern` (global) as [start, end) ranges. */
function ranges(text: string, pattern: RegExp): [number, number][] {
  return [...text.matchAll(pattern)].map((match) => [match.index!, match.index! + match[0].length]);
}

export function mutate(input: Uint8Array, kind: MutationKind, seed: number): Mutation {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const text = latin1(input);
  switch (kind) {
    case 'truncate': {
      const at = int(Math.floor(input.length * 0.05), input.length - 1);
      return { kind, detail: `cut at byte ${at} of ${input.length}`, bytes: input.slice(0, at) };
    }
    case 'flip-bytes': {
      const bytes = input.slice();
      const count = int(1, 32);
      for (let i = 0; i < count; i++) bytes[int(8, bytes.length - 1)] ^= 1 << int(0, 7);
      return { kind, detail: `${count} bits flipped`, bytes };
    }
    case 'delete-object': {
      const objects = ranges(text, /\d+ \d+ obj[\s\S]*?endobj/g);
      if (objects.length === 0) return mutate(input, 'truncate', seed);
      const [start, end] = objects[int(0, objects.length - 1)];
      return { kind, detail: `deleted '${text.slice(start, start + 12).split('\n')[0]}' (${end - start} bytes)`, bytes: fromLatin1(text.slice(0, start) + text.slice(end)) };
    }
    case 'duplicate-xref': {
      const at = text.lastIndexOf('xref');
      if (at < 0) return mutate(input, 'flip-bytes', seed);
      // A second copy of the xref section and trailer, as an incremental save would append, with
      // its offsets shifted by a random amount.
      const shift = int(-500, 500);
      const tail = text.slice(at).replace(/(\d{10}) (\d{5}) n/g, (_, offset: string, generation: string) => `${String(Math.max(0, Number(offset) + shift)).padStart(10, '0')} ${generation} n`);
      return { kind, detail: `xref appended again, offsets shifted by ${shift}`, bytes: fromLatin1(text + '\n' + tail) };
    }
    case 'corrupt-stream': {
      const streams = ranges(text, /stream\r?\n[\s\S]*?endstream/g).filter(([start, end]) => end - start > 40);
      if (streams.length === 0) return mutate(input, 'flip-bytes', seed);
      const [start, end] = streams[int(0, streams.length - 1)];
      const bytes = input.slice();
      const from = int(start + 8, end - 20);
      const length = int(1, Math.min(512, end - 10 - from));
      for (let i = from; i < from + length; i++) bytes[i] = int(0, 255);
      return { kind, detail: `${length} random bytes in the stream at ${start}`, bytes };
    }
    case 'huge-number': {
      const numbers = ranges(text, /\/(Length|Count|Width|Height|Size|W|First|N) \d+/g);
      if (numbers.length === 0) return mutate(input, 'flip-bytes', seed);
      const [start, end] = numbers[int(0, numbers.length - 1)];
      const name = text.slice(start, end).split(' ')[0];
      const value = [0, 999999999, 2147483647, 4294967296][int(0, 3)];
      return { kind, detail: `${name} set to ${value}`, bytes: fromLatin1(text.slice(0, start) + `${name} ${value}` + text.slice(end)) };
    }
  }
}
