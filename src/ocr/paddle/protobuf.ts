// The protobuf wire format, as far as rewriting an ONNX model's graph needs it: a message's fields
// in order (each with its raw bytes, so untouched ones are copied as they were), and encoders for
// length-delimited, varint and float fields.

const WIRE = { varint: 0, fixed64: 1, length: 2, fixed32: 5 } as const;

export interface ProtoField {
  number: number;
  wireType: number;
  /** A varint field's value (below 2^53 for what is read here). */
  value?: number;
  /** A length-delimited field's payload, or a fixed field's bytes. */
  bytes: Uint8Array;
  /** The whole field as it was encoded, tag included. */
  raw: Uint8Array;
}

/** The fields of one message, in order; throws on bytes that are not the wire format. */
export function decodeFields(message: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < message.length) {
    const start = at;
    const [tag, afterTag] = readVarint(message, at);
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    at = afterTag;
    let value: number | undefined;
    let bytes: Uint8Array;
    if (wireType === WIRE.varint) {
      [value, at] = readVarint(message, at);
      bytes = message.subarray(at, at);
    } else if (wireType === WIRE.length) {
      const [length, afterLength] = readVarint(message, at);
      bytes = message.subarray(afterLength, afterLength + length);
      at = afterLength + length;
    } else if (wireType === WIRE.fixed32 || wireType === WIRE.fixed64) {
      const size = wireType === WIRE.fixed32 ? 4 : 8;
      bytes = message.subarray(at, at + size);
      at += size;
    } else throw new Error(`protobuf: wire type ${wireType} of field ${number} is not supported`);
    if (at > message.length) throw new Error(`protobuf: field ${number} runs past the message's end`);
    fields.push({ number, wireType, value, bytes, raw: message.subarray(start, at) });
  }
  return fields;
}

/** The varints of a packed repeated field's payload. */
export function decodePackedVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  for (let at = 0; at < bytes.length; ) {
    let value: number;
    [value, at] = readVarint(bytes, at);
    values.push(value);
  }
  return values;
}

export function encodeField(number: number, payload: Uint8Array): Uint8Array {
  const head = encodeFieldHeader(number, payload.length);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** The tag and length that go before a length-delimited field's `length` bytes of payload. */
export function encodeFieldHeader(number: number, length: number): Uint8Array {
  return Uint8Array.from([...varint(number * 8 + WIRE.length), ...varint(length)]);
}

export function encodeStringField(number: number, text: string): Uint8Array {
  return encodeField(number, new TextEncoder().encode(text));
}

export function encodeVarintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(number * 8 + WIRE.varint), ...varint(value)]);
}

export function encodeFloatField(number: number, value: number): Uint8Array {
  const tag = varint(number * 8 + WIRE.fixed32);
  const out = new Uint8Array(tag.length + 4);
  out.set(tag);
  new DataView(out.buffer).setFloat32(tag.length, value, true);
  return out;
}

function readVarint(bytes: Uint8Array, start: number): [number, number] {
  let value = 0;
  let scale = 1;
  let at = start;
  for (;;) {
    if (at >= bytes.length) throw new Error('protobuf: a varint runs past the message\'s end');
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
    scale *= 128;
  }
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}
