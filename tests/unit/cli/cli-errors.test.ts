import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLine, root, runCli, tempDir } from './cli-helpers';
import { expectUsageError } from './train-test-helpers';

/* Every bad input of train / predict / export: one line naming what and where, exit 1 or 2, no stack. */
describe('nanograd errors', () => {
  const dir = tempDir();
  const badCsv = (name: string) => join(root, 'tests/fixtures/csv/bad', name);

  it.each([
    [
      'a missing data file',
      ['train', '--data', 'no-such-file.csv'],
      /^nanograd: cannot read no-such-file\.csv: no such file$/,
    ],
    [
      'an unknown data set name',
      ['train', '--data', 'spirals'],
      /^nanograd: cannot read spirals: no such file \(built-in data sets: xor, .*\)$/,
    ],
    [
      'a non-numeric cell',
      ['train', '--data', badCsv('non-numeric.csv')],
      /^nanograd: .*non-numeric\.csv.*row \d+.*column/,
    ],
    ['a ragged row', ['train', '--data', badCsv('ragged.csv')], /^nanograd: .*ragged\.csv.*row \d+/],
    ['an empty file', ['train', '--data', badCsv('empty.csv')], /^nanograd: .*empty\.csv/],
    ['a binary file', ['train', '--data', badCsv('binary.csv')], /^nanograd: .*binary\.csv/],
    ['an unknown target', ['train', '--data', 'circle', '--target', 'nope'], /^nanograd: .*nope/],
    [
      'bce on three classes',
      ['train', '--data', 'spiral3', '--loss', 'bce'],
      /^nanograd: --loss bce needs exactly 2 classes but the target has 3/,
    ],
    [
      'a diverging run',
      ['train', '--data', 'regression-plane', '--optimizer', 'sgd', '--lr', '900', '--epochs', '20'],
      /^nanograd: training diverged at epoch \d+ \(loss is (NaN|infinite)\): lower the learning rate \(now 900\), clip the gradient norm \(e\.g\. to 1\) or standardize the features; kept the (weights of epoch \d+|initial weights)$/,
    ],
    [
      'an output folder that does not exist',
      ['train', '--data', 'xor', '--out', join(dir, 'missing', 'm.json')],
      /^nanograd: cannot write .*m\.json: the folder .* does not exist$/,
    ],
    [
      'a model file that is not JSON',
      ['predict', '--model', join(root, 'tests/fixtures/models/not-json.json'), '--data', 'circle'],
      /^nanograd: .*not-json\.json/,
    ],
    [
      'a model weight beyond the float32 range',
      [
        'predict',
        '--model',
        join(root, 'tests/fixtures/models/weight-beyond-float32.json'),
        '--data',
        'circle',
      ],
      /^nanograd: .*weight-beyond-float32\.json: field "weights\[1\]\.weight\[3\]" is 1e\+300, outside the float32 range/,
    ],
    [
      'a model file whose standardization std is negative',
      ['predict', '--model', join(root, 'tests/fixtures/models/std-negative.json'), '--data', 'circle'],
      /^nanograd: .*std-negative\.json: field "preprocessing\.features\[1\]\.std" must be greater than 0/,
    ],
    [
      'a missing model file',
      ['predict', '--model', join(dir, 'none.json'), '--data', 'circle'],
      /^nanograd: cannot read .*none\.json: no such file$/,
    ],
  ])('%s: exit 1, one line on stderr, no stack', (_what, args, pattern) => {
    const { status, stderr } = runCli(args);
    expect(status).toBe(1);
    expect(oneLine(stderr)).toMatch(pattern);
  });

  const badFiles = readdirSync(join(root, 'tests/fixtures/csv/bad')).filter((f) => f.endsWith('.csv'));
  it.each(badFiles)('bad CSV %s: exit 1, one line naming the file, no stack', (name) => {
    const { status, stdout, stderr } = runCli(['train', '--data', badCsv(name), '--epochs', '1']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toMatch(new RegExp(`^nanograd: \\S*${name.replace('.', '\\.')}\\b`));
  });

  it('--from-model with a model for other data names the mismatch', () => {
    const model = join(dir, 'spiral3.json');
    expect(runCli(['train', '--data', 'spiral3', '--epochs', '2', '--out', model]).status).toBe(0);
    const { status, stderr } = runCli(['train', '--data', 'circle', '--from-model', model]);
    expect(status).toBe(1);
    expect(oneLine(stderr)).toMatch(
      /^nanograd: --from-model .*spiral3\.json predicts the classes 0, 1, 2 but circle has 0, 1$/,
    );
    const layers = runCli(['train', '--data', 'spiral3', '--layers', '4', '--from-model', model]);
    expect(layers.status).toBe(1);
    expect(oneLine(layers.stderr)).toMatch(
      /^nanograd: --from-model .*spiral3\.json does not fit: initial weights have 3 layers but the network has 2 \(2-4-3\)$/,
    );
  });

  // Every invalid flag value is a usage error: exit 2, one line naming the flag and the value.
  it.each([
    [['--frobnicate'], "nanograd: unknown option '--frobnicate'"],
    [['--lrr', '1'], "nanograd: unknown option '--lrr' (Did you mean --lr?)"],
    [['--lr', 'fast'], 'nanograd: --lr must be a number (got "fast")'],
    [['--lr', '-1'], 'nanograd: --lr must be a number greater than 0 and at most 1000 (got -1)'],
    [['--loss', 'hinge'], 'nanograd: --loss must be one of auto, mse, sse, cross_entropy, bce (got "hinge")'],
    [
      ['--optimizer', 'rmsprop'],
      'nanograd: --optimizer must be one of sgd, momentum, adam, adamw (got "rmsprop")',
    ],
    [['--epochs', '2.5'], 'nanograd: --epochs must be a whole number (got 2.5)'],
    [['--epochs', '0'], 'nanograd: --epochs must be an integer from 1 to 100000 (got 0)'],
    [['--batch', '-1'], 'nanograd: --batch must be an integer from 0 to 1000000 (got -1)'],
    [['--seed', '-3'], 'nanograd: --seed must be an integer from 0 to 4294967295 (got -3)'],
    [['--val', '1.5'], 'nanograd: --val must be a number from 0 to less than 1 (got 1.5)'],
    [['--val', '-0.1'], 'nanograd: --val must be a number from 0 to less than 1 (got -0.1)'],
    [
      ['--activation', 'foo'],
      'nanograd: --activation must be one of linear, relu, leaky_relu, tanh, sigmoid, gelu (got "foo")',
    ],
    [
      ['--activation', 'relu,swish'],
      'nanograd: --activation (layer 2) must be one of linear, relu, leaky_relu, tanh, sigmoid, gelu (got "swish")',
    ],
    [['--layers', '0'], 'nanograd: --layers must be an integer from 1 to 1024 (got 0)'],
    [['--layers', '16,0'], 'nanograd: --layers (layer 2) must be an integer from 1 to 1024 (got 0)'],
    [['--layers', 'abc'], 'nanograd: --layers: "abc" is not a layer size (use e.g. 16,16, or none)'],
    [
      ['--layers', '4', '--activation', 'relu,tanh'],
      'nanograd: --activation lists 2 activations for 1 hidden layer: give one for all or one per layer',
    ],
    [['--points', '2'], 'nanograd: --points must be an integer from 4 to 1000000 (got 2)'],
    [['--noise', '3'], 'nanograd: --noise must be a number from 0 to 1 (got 3)'],
    [['--missing', 'guess'], 'nanograd: --missing must be one of drop, impute (got "guess")'],
  ])('train --data xor %j: usage error, exit 2', (args, message) => {
    expectUsageError(['train', '--data', 'xor', ...args], message);
  });

  it.each([
    [['train'], "nanograd: required option '--data <file|name>' not specified"],
    [['predict', '--data', 'xor'], "nanograd: required option '--model <model.json>' not specified"],
    [
      ['predict', '--model', 'm.json', '--data', 'xor', '--seed', '1.5'],
      'nanograd: --seed must be a whole number (got 1.5)',
    ],
    [
      ['export', '--model', 'm.json', '--format', 'keras', '--out', 'm.h5'],
      'nanograd: --format must be one of json, onnx, pytorch (got "keras")',
    ],
    [
      ['bench', '--workload', 'W9'],
      'nanograd: --workload must be one of W1, W2, W3, W4, GEMM, SWEEP (got "W9")',
    ],
    [
      ['train', '--data', 'xor', '--threads', '0'],
      'nanograd: --threads must be a whole number from 1 to 64 (got 0)',
    ],
    [['bench', '--threads', 'two'], 'nanograd: --threads must be a number (got "two")'],
  ])('usage error %j exits 2 with one line', (args, message) => {
    expectUsageError(args, message);
  });

  it('reports a bad flag value before reading any file', () => {
    const { status, stderr } = runCli([
      'train',
      '--data',
      'no-such.csv',
      '--from-model',
      'no-such.json',
      '--lr',
      '-1',
    ]);
    expect(status).toBe(2);
    expect(oneLine(stderr)).toMatch(/^nanograd: --lr must be/);
  });

  it('predictions that overflow to NaN are an error, not a CSV of NaN probabilities', () => {
    const model = JSON.parse(readFileSync(join(root, 'tests/fixtures/models/good.json'), 'utf8'));
    model.layers[0].activation = 'linear';
    model.activations[0] = 'linear';
    model.weights[0].weight = model.weights[0].weight.map(() => 3e38);
    const file = join(dir, 'overflowing.json');
    writeFileSync(file, JSON.stringify(model));
    const data = join(dir, 'xs.csv');
    writeFileSync(data, 'x1,x2\n0.5,-1\n1,1\n');
    const out = join(dir, 'nan-preds.csv');
    const { status, stdout, stderr } = runCli(['predict', '--model', file, '--data', data, '--out', out]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toMatch(
      /^nanograd: cannot predict .*xs\.csv row 3: the model's output is NaN \(its weights or this row's values are too large for float32 arithmetic\)$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('--debug prints the stack trace', () => {
    const { status, stderr } = runCli(['--debug', 'train', '--data', 'no-such-file.csv']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/cannot read no-such-file\.csv/);
    expect(stderr).toMatch(/^\s+at /m);
  });

  it('never leaves an existing output half-written or replaced when a run fails', () => {
    const out = join(dir, 'keep.json');
    writeFileSync(out, 'KEEP');
    expect(
      runCli([
        'train',
        '--data',
        'regression-plane',
        '--optimizer',
        'sgd',
        '--lr',
        '900',
        '--epochs',
        '20',
        '--out',
        out,
      ]).status,
    ).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('KEEP');
    const preds = join(dir, 'keep.csv');
    writeFileSync(preds, 'KEEP');
    expect(
      runCli(['predict', '--model', join(dir, 'none.json'), '--data', 'circle', '--out', preds]).status,
    ).toBe(1);
    expect(readFileSync(preds, 'utf8')).toBe('KEEP');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
