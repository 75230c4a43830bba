// PP-OCR's models as Paddle2ONNX exported them spell each hard-swish activation out as four
// operators: Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6). ONNX Runtime runs each as a pass over the
// tensor (and converts its blocked layout back and forth around them): in the recognizer they were
// half its kernel time (measured with its profiler, one thread: Mul 20 %, Clip 14 %, Add 8 %, Div
// 5 %). Rewritten as Mul(x, HardSigmoid(x)) (alpha 1/6, beta 1/2: the same function, two passes),
// valid at the models' opsets (9 and 11; HardSwish itself needs 14). The rewrite works on the
// model's protobuf bytes: only graph nodes are read and written, everything else is copied.
import { decodeFields, decodePackedVarints, encodeField, encodeFieldHeader, encodeFloatField, encodeStringField, encodeVarintField, type ProtoField } from './protobuf.js';

// Field numbers of the ONNX protobuf messages used here (onnx.proto3).
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_OUTPUT = 12;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, f: 2, t: 5, type: 20 } as const;
const ATTRIBUTE_TYPE_FLOAT = 1;
const TENSOR = { dims: 1, dataType: 2, floatData: 4, name: 8, rawData: 9 } as const;
const TENSOR_FLOAT = 1;
const VALUE_INFO_NAME = 1;

interface GraphNode {
  inputs: string[];
  outputs: string[];
  name: string;
  opType: string;
  /** Attributes by name: their fields. */
  attributes: Map<string, ProtoField[]>;
}

/** The model with its hard-swish activations fused (see above), and how many were. */
export function fuseHardSwish(model: Uint8Array): { model: Uint8Array; fused: number } {
  const modelFields = decodeFields(model);
  const graphField = modelFields.find((field) => field.number === MODEL_GRAPH);
  if (!graphField) return { model, fused: 0 };
  const graphFields = decodeFields(graphField.bytes);
  const nodes = graphFields.filter((field) => field.number === GRAPH_NODE).map((field) => readNode(field.bytes));
  const constants = scalarConstants(graphFields, nodes);
  const graphOutputs = new Set(graphFields.filter((field) => field.number === GRAPH_OUTPUT).map((field) => readString(decodeFields(field.bytes), VALUE_INFO_NAME)));
  const replaced = findHardSwishes(nodes, constants, graphOutputs);
  if (replaced.size === 0) return { model, fused: 0 };
  const kept = withoutUnusedConstants(nodes, replaced);
  let nodeIndex = 0;
  const graphParts = graphFields.map((field) => {
    if (field.number !== GRAPH_NODE) return field.raw;
    const node = nodes[nodeIndex++];
    if (replaced.has(node)) return Buffer.concat(replaced.get(node)!.map((bytes) => encodeField(GRAPH_NODE, bytes)));
    return kept.has(node) ? field.raw : new Uint8Array(0);
  });
  // One copy of the model's bytes: the graph's parts go straight into it, after their header.
  const graphLength = graphParts.reduce((sum, part) => sum + part.length, 0);
  const modelParts = modelFields.flatMap((field) => (field === graphField ? [encodeFieldHeader(MODEL_GRAPH, graphLength), ...graphParts] : [field.raw]));
  return { model: Buffer.concat(modelParts), fused: [...replaced.values()].filter((nodes) => nodes.length > 0).length };
}

/**
 * The hard swishes: each pattern's last node (the Div) mapped to the two nodes replacing it, and its
 * other three nodes mapped to nothing. An intermediate value used elsewhere leaves the pattern as it is.
 */
function findHardSwishes(nodes: GraphNode[], constants: Map<string, number>, graphOutputs: Set<string>): Map<GraphNode, Uint8Array[]> {
  const producer = new Map<string, GraphNode>();
  const uses = new Map<string, number>();
  for (const node of nodes) {
    for (const output of node.outputs) producer.set(output, node);
    for (const input of node.inputs) uses.set(input, (uses.get(input) ?? 0) + 1);
  }
  const isConstant = (name: string | undefined, value: number) => name !== undefined && constants.get(name) === value;
  const usedOnceInside = (name: string) => uses.get(name) === 1 && !graphOutputs.has(name);
  const replaced = new Map<GraphNode, Uint8Array[]>();
  for (const div of nodes) {
    if (div.opType !== 'Div' || !isConstant(div.inputs[1], 6)) continue;
    const mul = producer.get(div.inputs[0]);
    if (mul?.opType !== 'Mul' || !usedOnceInside(mul.outputs[0])) continue;
    for (const [x, clipOutput] of [[mul.inputs[0], mul.inputs[1]], [mul.inputs[1], mul.inputs[0]]]) {
      const clip = producer.get(clipOutput);
      if (clip?.opType !== 'Clip' || !usedOnceInside(clip.outputs[0]) || !clipsToSix(clip, constants)) continue;
      const add = producer.get(clip.inputs[0]);
      if (add?.opType !== 'Add' || !usedOnceInside(add.outputs[0]) || !add.inputs.includes(x) || !add.inputs.some((input) => input !== x && isConstant(input, 3))) continue;
      const sigmoid = `${div.outputs[0]}/hard_sigmoid`;
      replaced.set(div, [
        encodeNode('HardSigmoid', [x], [sigmoid], `${div.name}/hard_sigmoid`, [encodeFloatAttribute('alpha', 1 / 6), encodeFloatAttribute('beta', 0.5)]),
        encodeNode('Mul', [x, sigmoid], [div.outputs[0]], `${div.name}/hard_swish`, []),
      ]);
      for (const node of [mul, clip, add]) replaced.set(node, []);
      break;
    }
  }
  return replaced;
}

/** Whether a Clip clips to [0, 6]: by attributes (opset < 11) or constant inputs. */
function clipsToSix(clip: GraphNode, constants: Map<string, number>): boolean {
  if (clip.inputs.length >= 3) return constants.get(clip.inputs[1]) === 0 && constants.get(clip.inputs[2]) === 6;
  const bound = (name: string) => {
    const f = clip.attributes.get(name)?.find((field) => field.number === ATTRIBUTE.f);
    return f ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true) : undefined;
  };
  return bound('min') === 0 && bound('max') === 6;
}

/** The nodes left once the replaced ones go: Constant nodes that only the replaced ones used go too. */
function withoutUnusedConstants(nodes: GraphNode[], replaced: Map<GraphNode, Uint8Array[]>): Set<GraphNode> {
  const used = new Set<string>();
  for (const node of nodes) if (!replaced.has(node)) for (const input of node.inputs) used.add(input);
  // The replacing nodes read x, which some other node makes.
  return new Set(nodes.filter((node) => !replaced.has(node) && (node.opType !== 'Constant' || node.outputs.some((output) => used.has(output)))));
}

/** Float scalars of the graph by value name: Constant nodes' and initializers'. */
function scalarConstants(graphFields: ProtoField[], nodes: GraphNode[]): Map<string, number> {
  const constants = new Map<string, number>();
  for (const node of nodes) {
    if (node.opType !== 'Constant') continue;
    const tensor = node.attributes.get('value')?.find((field) => field.number === ATTRIBUTE.t);
    const value = tensor && scalarOf(decodeFields(tensor.bytes));
    if (value !== undefined) constants.set(node.outputs[0], value);
  }
  for (const field of graphFields) {
    if (field.number !== GRAPH_INITIALIZER) continue;
    const tensor = decodeFields(field.bytes);
    const value = scalarOf(tensor);
    if (value !== undefined) constants.set(readString(tensor, TENSOR.name), value);
  }
  return constants;
}

/** A float tensor's value when it holds exactly one. */
function scalarOf(tensor: ProtoField[]): number | undefined {
  const dataType = tensor.find((field) => field.number === TENSOR.dataType);
  if (!dataType || dataType.value !== TENSOR_FLOAT) return undefined;
  // dims: repeated int64, packed or not; a scalar has none, or only 1s.
  const dims = tensor.filter((field) => field.number === TENSOR.dims).flatMap((field) => (field.value !== undefined ? [field.value] : decodePackedVarints(field.bytes)));
  if (dims.some((size) => size !== 1)) return undefined;
  const data = tensor.find((field) => field.number === TENSOR.rawData || field.number === TENSOR.floatData);
  if (!data || data.bytes.length !== 4) return undefined;
  return new DataView(data.bytes.buffer, data.bytes.byteOffset, 4).getFloat32(0, true);
}

function readNode(bytes: Uint8Array): GraphNode {
  const fields = decodeFields(bytes);
  const strings = (number: number) => fields.filter((field) => field.number === number).map((field) => textOf(field.bytes));
  const attributes = new Map<string, ProtoField[]>();
  for (const field of fields) {
    if (field.number !== NODE.attribute) continue;
    const attribute = decodeFields(field.bytes);
    attributes.set(readString(attribute, ATTRIBUTE.name), attribute);
  }
  return { inputs: strings(NODE.input), outputs: strings(NODE.output), name: strings(NODE.name)[0] ?? '', opType: strings(NODE.opType)[0] ?? '', attributes };
}

function encodeNode(opType: string, inputs: string[], outputs: string[], name: string, attributes: Uint8Array[]): Uint8Array {
  return Buffer.concat([
    ...inputs.map((input) => encodeStringField(NODE.input, input)),
    ...outputs.map((output) => encodeStringField(NODE.output, output)),
    encodeStringField(NODE.name, name),
    encodeStringField(NODE.opType, opType),
    ...attributes.map((attribute) => encodeField(NODE.attribute, attribute)),
  ]);
}

function encodeFloatAttribute(name: string, value: number): Uint8Array {
  return Buffer.concat([encodeStringField(ATTRIBUTE.name, name), encodeFloatField(ATTRIBUTE.f, value), encodeVarintField(ATTRIBUTE.type, ATTRIBUTE_TYPE_FLOAT)]);
}

const decoder = new TextDecoder();
const textOf = (bytes: Uint8Array) => decoder.decode(bytes);
const readString = (fields: ProtoField[], number: number) => textOf(fields.find((field) => field.number === number)?.bytes ?? new Uint8Array(0));
