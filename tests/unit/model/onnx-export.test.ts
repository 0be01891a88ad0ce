/**
 * ONNX export checked by running it: Debian's python3-onnx 1.12 checker (full_check, which
 * includes shape inference) accepts every exported model, and ONNX Runtime (onnxruntime-node)
 * computes the same probabilities / values as predictTable within 1e-5 for every activation,
 * for softmax, sigmoid (bce) and mse classifiers and for a regressor.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import protobuf from 'protobufjs/light';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeTable, encodedColumnsWidth } from '../../../src-shared/data';
import type { Table } from '../../../src-shared/data/types';
import { ACTIVATIONS } from '../../../src-shared/engine/types';
import { exportOnnx, ONNX_INPUT, predictTable, type ModelFile } from '../../../src-shared/model';
import { onnxModelMessage, onnxModelProto } from '../../../src-shared/model/onnx/export-onnx';
import { ONNX_DESCRIPTOR } from '../../../src-shared/model/onnx/onnx-descriptor';
import { fixtureTable, makeModel, type ModelRecipe } from './make-model';

const PYTHON = '/usr/bin/python3';
const onnxMissing = !existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import onnx']).status !== 0;
if (onnxMissing && !process.env.CI)
  console.log(`SKIPPED onnx.checker: ${PYTHON} cannot import onnx (install python3-onnx; CI does)`);
const work = mkdtempSync(path.join(tmpdir(), 'nanograd-onnx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RECIPES: (ModelRecipe & { label: string })[] = [
  ...ACTIVATIONS.map((activation) => ({
    label: `flowers softmax, ${activation} hidden`,
    csv: 'flowers.csv' as const,
    hidden: [activation, activation],
  })),
  {
    label: 'flowers, sigmoid output layer activation',
    csv: 'flowers.csv',
    hidden: ['relu'],
    outputActivation: 'sigmoid',
  },
  { label: 'moons bce (one sigmoid output)', csv: 'moons', hidden: ['tanh'], loss: 'bce' },
  { label: 'moons mse classifier (scores)', csv: 'moons', hidden: ['gelu'], loss: 'mse' },
  { label: 'odd column, category and class names', csv: 'weird-names.csv', hidden: ['sigmoid'] },
  { label: 'houses regression (un-standardized)', csv: 'houses.csv', hidden: ['leaky_relu', 'tanh'] },
  { label: 'houses regression, no hidden layer', csv: 'houses.csv', hidden: [] },
  {
    label: 'moons with every input feature (Split, Mul, Sin, Concat after standardizing)',
    csv: 'moons',
    hidden: ['tanh'],
    features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'],
  },
  {
    label: 'moons bce with x1², x2² only (the raw columns switched off)',
    csv: 'moons',
    hidden: ['relu'],
    loss: 'bce',
    features: ['x1sq', 'x2sq'],
  },
  {
    label: 'regression-sine with sin(x1), x1·x2',
    csv: 'regression-sine',
    hidden: ['gelu'],
    features: ['x1x2', 'sinx1'],
  },
];

/**
 * The raw inputs the ONNX graph expects: numeric columns as written, categorical columns one-hot
 * (never the derived input features: the graph computes those). Reuses the app's encoder with
 * identity standardization and no features, so only the graph standardizes and derives.
 */
function rawFeatures(model: ModelFile, table: Table): Float32Array {
  const pre = structuredClone(model.preprocessing);
  for (const f of pre.features) if (f.kind === 'numeric') Object.assign(f, { mean: 0, std: 1 });
  delete pre.inputFeatures;
  return encodeTable(table, pre).x;
}

async function runOnnx(bytes: Uint8Array, x: Float32Array, n: number, inputSize: number) {
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', x, [n, inputSize]) });
  return { session, result };
}

describe('ONNX export', () => {
  it.each(RECIPES)('$label: ONNX Runtime matches predictTable within 1e-5', async (recipe) => {
    const model = makeModel(recipe);
    const table = fixtureTable(recipe.csv);
    const bytes = exportOnnx(model);

    const expected = predictTable(model, table);
    const inputSize = encodedColumnsWidth(model.preprocessing);
    const { session, result } = await runOnnx(bytes, rawFeatures(model, table), expected.n, inputSize);
    const outputName =
      model.task === 'regression' ? 'prediction' : model.output === 'none' ? 'scores' : 'probabilities';
    expect(session.outputNames).toContain(outputName);
    const actual = result[outputName].data as Float32Array;
    expect(actual.length).toBe(expected.outputs.length);
    let maxAbs = 0;
    for (let i = 0; i < actual.length; i++) {
      const scale = Math.max(1, Math.abs(expected.outputs[i]));
      maxAbs = Math.max(maxAbs, Math.abs(actual[i] - expected.outputs[i]) / scale);
    }
    console.log(
      `onnx ${recipe.label}: max |onnxruntime - predictTable| (relative above 1) = ${maxAbs.toExponential(2)}`,
    );
    expect(maxAbs).toBeLessThan(1e-5);
    // The outputs must vary between rows, or the comparison would prove little.
    expect(new Set(Array.from(expected.outputs).map((v) => v.toFixed(3))).size).toBeGreaterThan(3);
    if (model.task === 'classification') {
      const labels = Array.from(
        result.label.data as BigInt64Array,
        (i) => model.preprocessing.target.classes![Number(i)],
      );
      expect(labels).toEqual(expected.labels);
    }
  });

  it('has one input "features", the documented outputs, IR 8 / opset 13 and the names in metadata_props', async () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const session = await ort.InferenceSession.create(exportOnnx(model));
    expect(session.inputNames).toEqual([ONNX_INPUT]);
    expect(session.outputNames).toEqual(['probabilities', 'label']);
    expect(model.preprocessing.encodedNames).toEqual([
      'sepal',
      'petal',
      'color=blue',
      'color=green',
      'color=red',
    ]);
    const decoded = protobuf.Root.fromJSON(ONNX_DESCRIPTOR)
      .lookupType('onnx.ModelProto')
      .decode(exportOnnx(model))
      .toJSON();
    expect(Number(decoded.ir_version)).toBe(8);
    expect(decoded.opset_import).toEqual([{ domain: '', version: '13' }]);
    const meta = Object.fromEntries(
      (decoded.metadata_props as { key: string; value: string }[]).map((p) => [p.key, p.value]),
    );
    expect(JSON.parse(meta.input_names)).toEqual(model.preprocessing.encodedNames);
    expect(JSON.parse(meta.classes)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(meta.target).toBe('species');
    const graph = decoded.graph as { node: { op_type: string }[] };
    expect(graph.node.map((n) => n.op_type)).toEqual([
      'Sub',
      'Div',
      'Gemm',
      'Relu',
      'Gemm',
      'Softmax',
      'ArgMax',
    ]);
  });

  it('takes the two RAW columns of a model with input features and computes them with Mul and Sin', async () => {
    const model = makeModel({ csv: 'moons', hidden: ['tanh'], features: ['x1sq', 'x1x2', 'sinx2'] });
    expect(model.layers[0].inSize).toBe(3);
    const session = await ort.InferenceSession.create(exportOnnx(model));
    expect(session.inputNames).toEqual([ONNX_INPUT]);
    const decoded = protobuf.Root.fromJSON(ONNX_DESCRIPTOR)
      .lookupType('onnx.ModelProto')
      .decode(exportOnnx(model))
      .toJSON();
    const graph = decoded.graph as {
      node: { op_type: string; input: string[]; output: string[] }[];
      input: { type: { tensor_type: { shape: { dim: { dim_value?: string }[] } } } }[];
    };
    expect(graph.input[0].type.tensor_type.shape.dim[1].dim_value).toBe('2');
    expect(graph.node.map((n) => n.op_type).slice(0, 7)).toEqual([
      'Sub',
      'Div',
      'Split',
      'Mul',
      'Mul',
      'Sin',
      'Concat',
    ]);
    expect(graph.node[3].input).toEqual(['x1', 'x1']);
    expect(graph.node[4].input).toEqual(['x1', 'x2']);
    expect(graph.node[5].input).toEqual(['x2']);
    const meta = Object.fromEntries(
      (decoded.metadata_props as { key: string; value: string }[]).map((p) => [p.key, p.value]),
    );
    expect(JSON.parse(meta.input_names)).toEqual(['x1', 'x2']);
    expect(JSON.parse(meta.input_features)).toEqual(['x1sq', 'x1x2', 'sinx2']);
    // A hand-computed point: raw (0.5, -1) standardized, then x1², x1·x2, sin(x2) into the network.
    const [f1, f2] = model.preprocessing.features;
    const a = (0.5 - f1.mean!) / f1.std!;
    const b = (-1 - f2.mean!) / f2.std!;
    const inputs = [a * a, a * b, Math.sin(b)];
    const w = model.weights;
    const hidden = Array.from({ length: 5 }, (_, j) =>
      Math.tanh(inputs.reduce((sum, v, k) => sum + v * w[0].weight[j * 3 + k], w[0].bias[j])),
    );
    const logits = [0, 1].map((c) =>
      hidden.reduce((sum, v, k) => sum + v * w[1].weight[c * 5 + k], w[1].bias[c]),
    );
    const p1 = 1 / (1 + Math.exp(logits[0] - logits[1]));
    const result = await session.run({
      [ONNX_INPUT]: new ort.Tensor('float32', Float32Array.from([0.5, -1]), [1, 2]),
    });
    expect((result.probabilities.data as Float32Array)[1]).toBeCloseTo(p1, 5);
  });

  it('writes the same bytes as protobufjs Type.encode, without eval (CSP without unsafe-eval)', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['gelu', 'tanh'] });
    const type = onnxModelProto();
    const reference = type.encode(type.fromObject(onnxModelMessage(model))).finish();
    const realFunction = globalThis.Function;
    let bytes: Uint8Array;
    try {
      // What a strict Content-Security-Policy does to protobufjs' generated encoders.
      globalThis.Function = function blocked(): never {
        throw new EvalError('eval is blocked by the Content-Security-Policy');
      } as unknown as FunctionConstructor;
      bytes = exportOnnx(model);
    } finally {
      globalThis.Function = realFunction;
    }
    expect(Buffer.from(bytes).equals(Buffer.from(reference))).toBe(true);
    expect(() => {
      globalThis.Function = (() => {
        throw new EvalError('blocked');
      }) as unknown as FunctionConstructor;
      try {
        const fresh = onnxModelProto();
        fresh.encode(fresh.fromObject(onnxModelMessage(model)));
      } finally {
        globalThis.Function = realFunction;
      }
    }).toThrow(EvalError); // the stub really blocks protobufjs' own path
  });

  // CI installs python3-onnx, so there a missing checker is a failure, not a skip.
  it.skipIf(onnxMissing && !process.env.CI)(
    'python3-onnx 1.12 onnx.checker.check_model (full_check) accepts every exported model',
    () => {
      expect(onnxMissing, `${PYTHON} cannot import onnx (apt-get install python3-onnx)`).toBe(false);
      const exported = RECIPES.map((recipe, i) => {
        const file = path.join(work, `model-${i}.onnx`);
        writeFileSync(file, exportOnnx(makeModel(recipe)));
        return file;
      });
      const script = [
        'import sys, onnx',
        'for path in sys.argv[1:]:',
        '    model = onnx.load(path)',
        '    onnx.checker.check_model(model, full_check=True)',
        '    assert model.ir_version == 8 and model.opset_import[0].version == 13, path',
        'print("checked", len(sys.argv) - 1, "models with onnx", onnx.__version__)',
      ].join('\n');
      const run = spawnSync(PYTHON, ['-c', script, ...exported], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      console.log(run.stdout.trim());
    },
  );
});
