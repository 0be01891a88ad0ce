/**
 * ONNX export of a model file, encoded with protobufjs from the official onnx.proto (compiled
 * into ./onnx-descriptor.ts), IR version 8, opset 13 — what Debian's python3-onnx 1.12 checks.
 *
 * Contract of the exported graph:
 * - input  `features`: float32 [N, inputSize], the RAW feature values in the order of the
 *   model's `preprocessing.encodedNames`. A numeric column is its raw number (standardization
 *   happens inside the graph: Sub mean, Div std). A categorical column is given as its one-hot
 *   columns (`color=red`, `color=blue`, ... as 0/1; an unseen category is all zeros).
 *   A model with derived input features (x1², sin(x1), ...) takes its two RAW columns [N, 2]
 *   and computes the features in the graph after standardizing (Split, Mul, Sin, Concat).
 * - classifier with softmax/sigmoid output: `probabilities` float32 [N, classes] (a one-output
 *   bce model is expanded to [1-p, p]) and `label` int64 [N], the index into the class list.
 *   A classifier trained with mse/sse outputs `scores` [N, classes] and `label`.
 * - regressor: `prediction` float32 [N, 1] in the target's original units (Mul std, Add mean).
 * The class names, encoded input names and target name are in the model's metadata_props.
 */
import protobuf from 'protobufjs/light';
import type { Activation } from '../../engine/types';
import { LEAKY_RELU_SLOPE } from '../../engine/activations';
import type { ModelFile } from '../types';
import type { InputFeature } from '../../data/prepare/input-features';
import { ONNX_DESCRIPTOR } from './onnx-descriptor';
import { encodeMessage } from './proto-writer';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'features';

const FLOAT = 1; // TensorProto.DataType.FLOAT
const INT64 = 7;
const ATTR_FLOAT = 1; // AttributeProto.AttributeType
const ATTR_INT = 2;

interface NodeSpec {
  op_type: string;
  input: string[];
  output: string[];
  name: string;
  attribute?: { name: string; type: number; f?: number; i?: number }[];
}

interface TensorSpec {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

/** Little-endian float32 bytes, as ONNX raw_data requires on every platform. */
function floatBytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes;
}

/** Builds the graph node by node; names are unique and readable in Netron. */
class GraphBuilder {
  readonly nodes: NodeSpec[] = [];
  readonly initializers: TensorSpec[] = [];

  constant(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push({ name, dims, data_type: FLOAT, raw_data: floatBytes(values) });
    return name;
  }

  op(opType: string, inputs: string[], output: string, attribute?: NodeSpec['attribute']): string {
    this.nodes.push({
      op_type: opType,
      input: inputs,
      output: [output],
      name: `${output}_${opType}`,
      ...(attribute ? { attribute } : {}),
    });
    return output;
  }

  /**
   * The derived input features from the two standardized columns: Split into x1 and x2 [N, 1],
   * Mul for x1², x2², x1·x2, Sin for sin(x1), sin(x2), Concat in the model's order.
   */
  inputFeatures(input: string, features: readonly InputFeature[]): string {
    this.nodes.push({
      op_type: 'Split',
      input: [input],
      output: ['x1', 'x2'],
      name: 'inputs_Split',
      attribute: [{ name: 'axis', type: ATTR_INT, i: 1 }],
    });
    const column = (feature: InputFeature): string => {
      switch (feature) {
        case 'x1':
        case 'x2':
          return feature;
        case 'x1sq':
          return this.op('Mul', ['x1', 'x1'], 'x1_squared');
        case 'x2sq':
          return this.op('Mul', ['x2', 'x2'], 'x2_squared');
        case 'x1x2':
          return this.op('Mul', ['x1', 'x2'], 'x1_times_x2');
        case 'sinx1':
          return this.op('Sin', ['x1'], 'sin_x1');
        case 'sinx2':
          return this.op('Sin', ['x2'], 'sin_x2');
      }
    };
    const columns = features.map(column);
    return this.op('Concat', columns, 'input_features', [{ name: 'axis', type: ATTR_INT, i: 1 }]);
  }

  activation(kind: Activation, input: string, prefix: string): string {
    switch (kind) {
      case 'linear':
        return input;
      case 'relu':
        return this.op('Relu', [input], `${prefix}_relu`);
      case 'leaky_relu':
        return this.op('LeakyRelu', [input], `${prefix}_leaky_relu`, [
          { name: 'alpha', type: ATTR_FLOAT, f: LEAKY_RELU_SLOPE },
        ]);
      case 'tanh':
        return this.op('Tanh', [input], `${prefix}_tanh`);
      case 'sigmoid':
        return this.op('Sigmoid', [input], `${prefix}_sigmoid`);
      case 'gelu': {
        // Exact GELU, 0.5·x·(1 + erf(x/√2)), from basic ops: opset 13 has no Gelu (added in 20).
        const scaled = this.op(
          'Mul',
          [input, this.constant(`${prefix}_inv_sqrt2`, [], [Math.SQRT1_2])],
          `${prefix}_gelu_scaled`,
        );
        const erf = this.op('Erf', [scaled], `${prefix}_gelu_erf`);
        const onePlus = this.op(
          'Add',
          [erf, this.constant(`${prefix}_one`, [], [1])],
          `${prefix}_gelu_one_plus`,
        );
        const half = this.op(
          'Mul',
          [input, this.constant(`${prefix}_half`, [], [0.5])],
          `${prefix}_gelu_half_x`,
        );
        return this.op('Mul', [half, onePlus], `${prefix}_gelu`);
      }
    }
  }
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  };
}

function buildGraph(model: ModelFile) {
  const g = new GraphBuilder();
  const pre = model.preprocessing;
  const means: number[] = [];
  const stds: number[] = [];
  for (const feature of pre.features) {
    if (feature.kind === 'numeric') {
      means.push(feature.mean ?? 0);
      stds.push(feature.std ?? 1);
    } else {
      for (let i = 0; i < (feature.categories?.length ?? 0); i++) {
        means.push(0);
        stds.push(1);
      }
    }
  }
  // The graph reads the raw columns: one per numeric column, one per category (not the features).
  const inputSize = means.length;
  let x = ONNX_INPUT;
  if (means.some((m) => m !== 0) || stds.some((s) => s !== 1)) {
    x = g.op('Sub', [x, g.constant('input_mean', [inputSize], means)], 'centered');
    x = g.op('Div', [x, g.constant('input_std', [inputSize], stds)], 'standardized');
  }
  if (pre.inputFeatures) x = g.inputFeatures(x, pre.inputFeatures);
  model.layers.forEach((layer, i) => {
    const prefix = `layer${i + 1}`;
    const w = g.constant(`${prefix}_weight`, [layer.outSize, layer.inSize], model.weights[i].weight);
    const b = g.constant(`${prefix}_bias`, [layer.outSize], model.weights[i].bias);
    x = g.op('Gemm', [x, w, b], `${prefix}_dense`, [{ name: 'transB', type: ATTR_INT, i: 1 }]);
    x = g.activation(layer.activation, x, prefix);
  });

  const outSize = model.layers[model.layers.length - 1].outSize;
  const outputs = [];
  if (model.task === 'regression') {
    const scaled = g.op('Mul', [x, g.constant('target_std', [1], [pre.target.std ?? 1])], 'target_scaled');
    g.op('Add', [scaled, g.constant('target_mean', [1], [pre.target.mean ?? 0])], 'prediction');
    outputs.push(valueInfo('prediction', FLOAT, ['N', 1]));
  } else {
    const classes = pre.target.classes?.length ?? outSize;
    let scores: string;
    if (model.output === 'softmax')
      scores = g.op('Softmax', [x], 'probabilities', [{ name: 'axis', type: ATTR_INT, i: 1 }]);
    else if (model.output === 'sigmoid' && outSize === 1) {
      const p1 = g.op('Sigmoid', [x], 'p_positive');
      const p0 = g.op('Sub', [g.constant('one', [], [1]), p1], 'p_negative');
      scores = g.op('Concat', [p0, p1], 'probabilities', [{ name: 'axis', type: ATTR_INT, i: 1 }]);
    } else if (model.output === 'sigmoid') scores = g.op('Sigmoid', [x], 'probabilities');
    else scores = g.op('Identity', [x], 'scores');
    g.op('ArgMax', [scores], 'label', [
      { name: 'axis', type: ATTR_INT, i: 1 },
      { name: 'keepdims', type: ATTR_INT, i: 0 },
    ]);
    outputs.push(valueInfo(scores, FLOAT, ['N', classes]), valueInfo('label', INT64, ['N']));
  }
  return {
    name: model.name || 'nanograd_model',
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo(ONNX_INPUT, FLOAT, ['N', inputSize])],
    output: outputs,
    doc_string: `Input "${ONNX_INPUT}" [N, ${inputSize}]: raw values of ${rawInputNames(model).join(', ')}${pre.inputFeatures ? `; the graph computes the model inputs ${pre.encodedNames.join(', ')} from them` : ''}`,
  };
}

/** The graph input's columns: the encoded names, or the two raw columns the features come from. */
function rawInputNames(model: ModelFile): string[] {
  const pre = model.preprocessing;
  return pre.inputFeatures ? pre.features.map((f) => f.name) : pre.encodedNames;
}

/** The reflected ModelProto type; built per call (cheap) so there is no module-level state. */
export function onnxModelProto(): protobuf.Type {
  return protobuf.Root.fromJSON(ONNX_DESCRIPTOR).lookupType('onnx.ModelProto');
}

/** The ModelProto as a plain object (field names as in onnx.proto). */
export function onnxModelMessage(model: ModelFile): Record<string, unknown> {
  const pre = model.preprocessing;
  return {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: 'nanograd-studio',
    producer_version: '1',
    model_version: 1,
    doc_string: `${model.task} model "${model.name}" exported by Nanograd Studio`,
    graph: buildGraph(model),
    metadata_props: [
      { key: 'input_names', value: JSON.stringify(rawInputNames(model)) },
      ...(pre.inputFeatures ? [{ key: 'input_features', value: JSON.stringify(pre.inputFeatures) }] : []),
      { key: 'target', value: pre.target.name },
      { key: 'task', value: model.task },
      ...(pre.target.classes ? [{ key: 'classes', value: JSON.stringify(pre.target.classes) }] : []),
    ],
  };
}

export function exportOnnx(model: ModelFile): Uint8Array {
  return encodeMessage(onnxModelProto(), onnxModelMessage(model));
}
