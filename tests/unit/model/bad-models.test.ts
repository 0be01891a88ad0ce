/**
 * The bad model corpus (tests/fixtures/models, written by make-corpus.mjs): every broken file
 * gives a ModelFileError whose ONE-line message names the file and the broken field (or the
 * line/column for broken JSON), never a crash or a generic zod dump.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../../src-shared/errors';
import { parseModel } from '../../../src-shared/model';
import { MODEL_FIXTURES } from './make-model';

/** Read the way the CLI and the app read a file: UTF-8, invalid bytes replaced. */
function load(name: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(`${MODEL_FIXTURES}${name}`));
}

function errorOf(name: string): ModelFileError {
  try {
    parseModel(load(name), name);
  } catch (err) {
    if (err instanceof ModelFileError) return err;
    throw err;
  }
  throw new Error(`${name} was accepted`);
}

const CASES: { file: string; field?: string; message: RegExp }[] = [
  { file: 'empty.json', message: /^empty\.json: the file is empty/ },
  { file: 'not-json.json', message: /not valid JSON at line 1, column 1: expected a value, found 'm'/ },
  { file: 'truncated.json', message: /the file is truncated \(the JSON ends at line 22, column 10/ },
  { file: 'nan-literal.json', message: /not valid JSON at line 28, column 9: NaN is not allowed in JSON/ },
  { file: 'png-renamed.json', message: /the file is a PNG image, not a Nanograd Studio model/ },
  { file: 'array-root.json', message: /must be a JSON object .*got an array/ },
  {
    file: 'wrong-format.json',
    field: 'format',
    message: /field "format" must be "nanograd-studio\/model" but is "keras\/model"/,
  },
  { file: 'project-as-model.json', field: 'format', message: /this is a project file: open it as a project/ },
  {
    file: 'wrong-version.json',
    field: 'version',
    message: /field "version" is 2, but .* reads model version 1 only/,
  },
  { file: 'missing-weights.json', field: 'weights', message: /field "weights" is missing$/ },
  {
    file: 'weight-count-mismatch.json',
    field: 'weights[1].bias',
    message: /field "weights\[1\]\.bias" must have 2 numbers \(layer 2 has 2 outputs\), got 1$/,
  },
  {
    file: 'weight-as-string.json',
    field: 'weights[0].weight[3]',
    message: /must be a number, got "NaN" \(NaN and Infinity cannot be stored/,
  },
  {
    file: 'weight-null.json',
    field: 'weights[0].bias[1]',
    message: /field "weights\[0\]\.bias\[1\]" must be a number, got null/,
  },
  {
    file: 'unknown-activation.json',
    field: 'layers[0].activation',
    message:
      /field "layers\[0\]\.activation" must be one of "linear", "relu", "leaky_relu", "tanh", "sigmoid", "gelu", got "swish"$/,
  },
  {
    file: 'layers-not-chaining.json',
    field: 'layers[1].inSize',
    message: /must be 3 to chain with layers\[0\]\.outSize, got 4$/,
  },
  {
    file: 'wrong-type.json',
    field: 'layers[0].outSize',
    message: /field "layers\[0\]\.outSize" must be a number, got "3"$/,
  },
  {
    file: 'encoded-names-mismatch.json',
    field: 'preprocessing.encodedNames',
    message: /must have 2 names \(the first layer has 2 inputs\), got 1$/,
  },
  {
    file: 'classes-mismatch.json',
    field: 'preprocessing.target.classes',
    message: /has 3 classes but the last layer has 2 outputs$/,
  },
  {
    file: 'output-mismatch.json',
    field: 'output',
    message: /field "output" must be "softmax" for loss "cross_entropy", got "none"$/,
  },
  {
    file: 'weight-beyond-float32.json',
    field: 'weights[1].weight[3]',
    message: /field "weights\[1\]\.weight\[3\]" is 1e\+300, outside the float32 range \(±3\.4e38\)/,
  },
  {
    file: 'bias-overflow-literal.json',
    field: 'weights[0].bias[0]',
    message: /field "weights\[0\]\.bias\[0\]" must be a finite number, got a number beyond any float range/,
  },
  {
    file: 'std-negative.json',
    field: 'preprocessing.features[1].std',
    message:
      /field "preprocessing\.features\[1\]\.std" must be greater than 0 \(values are divided by it\), got -0\.5$/,
  },
  {
    file: 'std-zero.json',
    field: 'preprocessing.features[0].std',
    message: /field "preprocessing\.features\[0\]\.std" must be greater than 0 .*, got 0$/,
  },
  {
    file: 'mean-beyond-float32.json',
    field: 'preprocessing.features[0].mean',
    message:
      /field "preprocessing\.features\[0\]\.mean" must be a number within ±3\.4e38 \(float32\), got -5e\+38$/,
  },
];

describe('bad model files', () => {
  it('the corpus base file is valid (so each variant fails for its own reason)', () => {
    expect(parseModel(load('good.json'), 'good.json').layers).toHaveLength(2);
  });

  it.each(CASES)('$file -> one-line error naming the problem', ({ file, field, message }) => {
    const err = errorOf(file);
    expect(err.message).toMatch(message);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
    expect(err.message).not.toContain('\n');
    expect(err.location.file).toBe(file);
    if (field !== undefined) {
      expect(err.location.field).toBe(field);
      expect(err.message).toContain(`"${field}"`);
    }
  });

  it('names nested fields of a hand-edited preprocessing', () => {
    const model = JSON.parse(load('good.json'));
    delete model.preprocessing.features[1].std;
    expect(() => parseModel(JSON.stringify(model), 'edited.json')).toThrow(
      /field "preprocessing\.features\[1\]\.std" is missing \(numeric column "x2" needs its standardization std\)/,
    );
    model.preprocessing.features[1] = { name: 'x2', kind: 'categorical', categories: ['a', 'b'] };
    expect(() => parseModel(JSON.stringify(model), 'edited.json')).toThrow(
      /field "preprocessing\.features" encode to 3 inputs .* but the first layer has 2 inputs/,
    );
  });

  it('every file of the corpus directory is covered by a case (so a new file cannot go untested)', () => {
    const files = readdirSync(MODEL_FIXTURES).filter((f) => f.endsWith('.json') && f !== 'good.json');
    expect(files.sort()).toEqual(CASES.map((c) => c.file).sort());
  });

  it('checks the statistics of a regression target and numeric fill values', () => {
    const regression = () => {
      const model = JSON.parse(load('good.json'));
      model.task = 'regression';
      model.loss = 'mse';
      model.output = 'none';
      model.layers[1].outSize = 1;
      model.weights[1] = { weight: [1, -1, 0.5], bias: [0] };
      model.preprocessing.target = { name: 'y', task: 'regression', mean: 10, std: 2 };
      return model;
    };
    expect(parseModel(JSON.stringify(regression()), 'r.json').task).toBe('regression');
    const std = regression();
    std.preprocessing.target.std = -1;
    expect(() => parseModel(JSON.stringify(std), 'r.json')).toThrow(
      /field "preprocessing\.target\.std" must be greater than 0 .*got -1$/,
    );
    const mean = regression();
    mean.preprocessing.target.mean = 1e39;
    expect(() => parseModel(JSON.stringify(mean), 'r.json')).toThrow(
      /field "preprocessing\.target\.mean" must be a number within/,
    );
    const fill = regression();
    fill.preprocessing.missing.policy = 'impute';
    fill.preprocessing.features[0].fill = 'zero';
    expect(() => parseModel(JSON.stringify(fill), 'r.json')).toThrow(
      /field "preprocessing\.features\[0\]\.fill" must be a number for numeric column "x1", got "zero"$/,
    );
  });

  it('accepts a UTF-8 byte-order mark and unknown extra fields (newer minor writers)', () => {
    const model = JSON.parse(load('good.json'));
    model.comment = 'added by hand';
    const parsed = parseModel(`\uFEFF${JSON.stringify(model)}`, 'bom.json');
    expect(parsed.name).toBe('tiny');
  });
});
