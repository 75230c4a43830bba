// The hard-swish rewrite of PP-OCR's models: on small ONNX models built here (the pattern with
// Clip's bounds as inputs and as attributes, and one whose intermediate value is used elsewhere),
// and on the real recognizer and detector, each run by ONNX Runtime before and after.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { InferenceSession } from 'onnxruntime-node';
import { fuseHardSwish } from '../../src/ocr/paddle/fuse-hard-swish.ts';
import { findPaddleModels } from '../../src/ocr/paddle/model-files.ts';
import { decodeFields, decodePackedVarints, encodeField, encodeFloatField, encodeStringField, encodeVarintField } from '../../src/ocr/paddle/protobuf.ts';

const ort = await import('onnxruntime-node');
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

/** A float tensor holding one value (a scalar, no dims). */
function scalarTensor(value: number): Uint8Array {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return concat([encodeVarintField(2, 1), encodeField(9, raw)]);
}

function node(opType: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []): Uint8Array {
  return concat([
    ...inputs.map((input) => encodeStringField(1, input)),
    ...outputs.map((output) => encodeStringField(2, output)),
    encodeStringField(3, outputs[0]),
    encodeStringField(4, opType),
    ...attributes.map((attribute) => encodeField(5, attribute)),
  ]);
}

const constant = (name: string, value: number) => node('Constant', [], [name], [concat([encodeStringField(1, 'value'), encodeField(5, scalarTensor(value)), encodeVarintField(20, 4)])]);
const floatAttribute = (name: string, value: number) => concat([encodeStringField(1, name), encodeFloatField(2, value), encodeVarintField(20, 1)]);

/** A float [1, 5] value named `name` (a graph input or output). */
function valueInfo(name: string): Uint8Array {
  const dim = (size: number) => encodeField(1, encodeVarintField(1, size));
  const shape = encodeField(2, concat([dim(1), dim(5)]));
  return concat([encodeStringField(1, name), encodeField(2, encodeField(1, concat([encodeVarintField(1, 1), shape])))]);
}

/** y = hard-swish(x), spelled out as Paddle2ONNX does, at `opset` (Clip's bounds as inputs from 11). */
function hardSwishModel(opset: 9 | 11, extraOutput?: string): Uint8Array {
  const clip = opset >= 11 ? node('Clip', ['plus3', 'zero', 'six'], ['clipped']) : node('Clip', ['plus3'], ['clipped'], [floatAttribute('min', 0), floatAttribute('max', 6)]);
  const nodes = [constant('three', 3), constant('zero', 0), constant('six', 6), constant('six2', 6), node('Add', ['x', 'three'], ['plus3']), clip, node('Mul', ['x', 'clipped'], ['product']), node('Div', ['product', 'six2'], ['y'])];
  const outputs = ['y', ...(extraOutput ? [extraOutput] : [])];
  const graph = concat([...nodes.map((bytes) => encodeField(1, bytes)), encodeStringField(2, 'g'), encodeField(11, valueInfo('x')), ...outputs.map((output) => encodeField(12, valueInfo(output)))]);
  return concat([encodeVarintField(1, 7), encodeField(8, encodeVarintField(2, opset)), encodeField(7, graph)]);
}

const opTypes = (model: Uint8Array) => {
  const graph = decodeFields(model).find((field) => field.number === 7)!;
  return decodeFields(graph.bytes).filter((field) => field.number === 1).map((field) => new TextDecoder().decode(decodeFields(field.bytes).find((f) => f.number === 4)!.bytes));
};

async function run(model: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array> {
  const session: InferenceSession = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  try {
    const outputs = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) });
    return outputs[session.outputNames[0]].data as Float32Array;
  } finally {
    await session.release();
  }
}

const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((max, value, index) => Math.max(max, Math.abs(value - b[index])), 0);

describe('fusing hard swish', () => {
  const input = Float32Array.from([-4, -1.5, 0, 0.7, 5]);
  const expected = [...input].map((x) => (x * Math.min(6, Math.max(0, x + 3))) / 6);

  for (const opset of [11, 9] as const) {
    it(`rewrites Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6) as Mul(x, HardSigmoid(x)), its constants gone (opset ${opset})`, async () => {
      const model = hardSwishModel(opset);
      const fused = fuseHardSwish(model);
      assert.equal(fused.fused, 1);
      assert.deepEqual(opTypes(fused.model), ['HardSigmoid', 'Mul']);
      const before = await run(model, input, [1, 5]);
      const after = await run(fused.model, input, [1, 5]);
      before.forEach((value, index) => assert.ok(Math.abs(value - expected[index]) < 1e-6, `${value} vs ${expected[index]}`));
      assert.ok(maxDifference(before, after) < 1e-6, `${[...before]} vs ${[...after]}`);
    });
  }

  it('leaves the pattern as it is where a value inside it is used elsewhere', () => {
    const model = hardSwishModel(11, 'clipped');
    const fused = fuseHardSwish(model);
    assert.equal(fused.fused, 0);
    assert.equal(fused.model, model);
  });

  it('rewrites PP-OCR\'s recognizer (28) and detector (24), their outputs the same to 1e-5', async () => {
    const found = findPaddleModels();
    assert.ok(found.available, 'PP-OCR is installed by npm ci');
    for (const [file, count, dims] of [[found.files.recognition, 28, [2, 3, 48, 160]], [found.files.detection, 24, [1, 3, 160, 224]]] as const) {
      const model = new Uint8Array(await readFile(file));
      const fused = fuseHardSwish(model);
      assert.equal(fused.fused, count, file);
      const data = Float32Array.from({ length: (dims as readonly number[]).reduce((a, b) => a * b, 1) }, (_, index) => Math.sin(index * 0.37));
      const difference = maxDifference(await run(model, data, [...dims]), await run(fused.model, data, [...dims]));
      assert.ok(difference < 1e-5, `${file}: ${difference}`);
    }
  });
});

describe('the protobuf wire format', () => {
  it('reads a message\'s fields back as they were written, varints of any size', () => {
    const message = concat([encodeVarintField(1, 300), encodeStringField(2, 'Mul'), encodeFloatField(3, 0.5), encodeVarintField(20, 2 ** 40), encodeField(4, Uint8Array.from([1, 0x96, 0x01]))]);
    const fields = decodeFields(message);
    assert.deepEqual(fields.map((field) => field.number), [1, 2, 3, 20, 4]);
    assert.equal(fields[0].value, 300);
    assert.equal(new TextDecoder().decode(fields[1].bytes), 'Mul');
    assert.equal(new DataView(fields[2].bytes.buffer, fields[2].bytes.byteOffset).getFloat32(0, true), 0.5);
    assert.equal(fields[3].value, 2 ** 40);
    assert.deepEqual(decodePackedVarints(fields[4].bytes), [1, 150]);
    assert.deepEqual(concat(fields.map((field) => field.raw)), message);
  });

  it('throws on a field that runs past the end', () => {
    assert.throws(() => decodeFields(Uint8Array.from([0x12, 0x05, 0x41])), /past the message/);
  });
});
