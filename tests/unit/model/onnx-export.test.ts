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
import { encodeTable } from '../../../src-shared/data';
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
];

/**
 * The raw inputs the ONNX graph expects: numeric columns as written, categorical columns one-hot.
 * Reuses the app's encoder with identity standardization, so only the graph standardizes.
 */
function rawFeatures(model: ModelFile, table: Table): Float32Array {
  const pre = structuredClone(model.preprocessing);
  for (const f of pre.features) if (f.kind === 'numeric') Object.assign(f, { mean: 0, std: 1 });
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
    const inputSize = model.layers[0].inSize;
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
