/**
 * The whole take-away path through the built CLI, as a user runs it:
 *   nanograd train --out m.json -> nanograd predict --out preds.csv
 *   nanograd export --format onnx -> ONNX Runtime on the raw CSV columns
 * The ONNX outputs must equal the `nanograd predict` CSV within 1e-5.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/cli-helpers';
import { parseModel } from '../../../src-shared/model';
import { fixturePath } from './make-model';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The raw ONNX input for one CSV row: numeric columns as numbers, categorical one-hot. */
function rawRow(
  row: Record<string, string>,
  features: ReturnType<typeof parseModel>['preprocessing']['features'],
): number[] {
  const values: number[] = [];
  for (const f of features) {
    if (f.kind === 'numeric') values.push(Number(row[f.name]));
    else for (const c of f.categories ?? []) values.push(row[f.name] === c ? 1 : 0);
  }
  return values;
}

describe('train -> predict -> export onnx (CLI)', () => {
  it('ONNX Runtime reproduces `nanograd predict` within 1e-5', async () => {
    const modelFile = path.join(dir, 'flowers.json');
    const train = runCli([
      'train',
      '--data',
      fixturePath('flowers.csv'),
      '--layers',
      '8,4',
      '--activation',
      'tanh,gelu',
      '--epochs',
      '30',
      '--val',
      '0',
      '--out',
      modelFile,
    ]);
    expect(train.status, train.stderr).toBe(0);
    const predsFile = path.join(dir, 'preds.csv');
    const predict = runCli([
      'predict',
      '--model',
      modelFile,
      '--data',
      fixturePath('flowers.csv'),
      '--out',
      predsFile,
    ]);
    expect(predict.status, predict.stderr).toBe(0);
    const onnxFile = path.join(dir, 'flowers.onnx');
    expect(runCli(['export', '--model', modelFile, '--format', 'onnx', '--out', onnxFile]).status).toBe(0);

    const model = parseModel(readFileSync(modelFile, 'utf8'), 'flowers.json');
    const rows = Papa.parse<Record<string, string>>(readFileSync(predsFile, 'utf8').trim(), {
      header: true,
    }).data;
    const classes = model.preprocessing.target.classes!;
    const x = Float32Array.from(rows.flatMap((row) => rawRow(row, model.preprocessing.features)));
    const session = await ort.InferenceSession.create(readFileSync(onnxFile));
    const out = await session.run({
      features: new ort.Tensor('float32', x, [rows.length, model.layers[0].inSize]),
    });
    const probabilities = out.probabilities.data as Float32Array;
    let maxDiff = 0;
    rows.forEach((row, r) => {
      classes.forEach((c, k) => {
        maxDiff = Math.max(maxDiff, Math.abs(probabilities[r * classes.length + k] - Number(row[`p_${c}`])));
      });
      expect(classes[Number((out.label.data as BigInt64Array)[r])]).toBe(row.predicted_species);
    });
    console.log(
      `cli pipeline: ${rows.length} rows, max |onnxruntime - nanograd predict| = ${maxDiff.toExponential(2)}`,
    );
    expect(maxDiff).toBeLessThan(1e-5);
    // A trained model is confident somewhere: the check is not between two uniform outputs.
    expect(Math.max(...probabilities)).toBeGreaterThan(0.6);
  });
});
