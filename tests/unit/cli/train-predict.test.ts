import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interruptCli, oneLine, root, runCli, tempDir, writeFlowersCsv } from './cli-helpers';

type EpochLine = {
  epoch: number;
  loss: number;
  valLoss: number | null;
  accuracy: number | null;
  valAccuracy: number | null;
};

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A usage error: exit 2, the one expected line on stderr, nothing on stdout. */
function expectUsageError(args: string[], message: string): void {
  const { status, stdout, stderr } = runCli(args);
  expect(oneLine(stderr)).toBe(message);
  expect(status).toBe(2);
  expect(stdout).toBe('');
}

function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('nanograd train --json', () => {
  it('prints one JSON object per epoch with falling loss, then a done line', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'xor-noisy',
      '--epochs',
      '12',
      '--json',
      '--seed',
      '3',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(13);
    const epochs = lines.slice(0, 12) as unknown as EpochLine[];
    expect(epochs.map((l) => l.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const line of epochs)
      expect(Object.keys(line).sort()).toEqual(['accuracy', 'epoch', 'loss', 'valAccuracy', 'valLoss']);
    expect(epochs[11].loss).toBeLessThan(epochs[0].loss * 0.7);
    expect(epochs[11].valAccuracy).toBeGreaterThan(0.85);
    const done = lines[12];
    expect(done).toMatchObject({
      type: 'done',
      epochs: 12,
      loss: epochs[11].loss,
      valLoss: epochs[11].valLoss,
      accuracy: epochs[11].accuracy,
      valAccuracy: epochs[11].valAccuracy,
      state: 'done',
    });
    expect(typeof done.seconds).toBe('number');
  });

  it('a diverged run still ends with the done line (state diverged, its message), then exits 1', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'regression-plane',
      '--optimizer',
      'sgd',
      '--lr',
      '5',
      '--epochs',
      '30',
      '--json',
    ]);
    expect(status).toBe(1);
    const message = oneLine(stderr).replace(/^nanograd: /, '');
    expect(message).toMatch(
      /^training diverged at epoch \d+ \(loss is (NaN|infinite)\): lower the learning rate/,
    );
    const lines = jsonLines(stdout);
    expect(lines.length).toBeGreaterThan(1); // some epochs ran before it diverged
    const epochs = lines.slice(0, -1);
    const done = lines[lines.length - 1];
    expect(done).toMatchObject({
      type: 'done',
      state: 'diverged',
      message,
      out: null,
      epochs: epochs.length,
    });
    expect(done.loss).toBe(epochs[epochs.length - 1].loss);
    const normal = jsonLines(
      runCli(['train', '--data', 'regression-plane', '--epochs', '1', '--json']).stdout,
    );
    expect(Object.keys(done).sort()).toEqual(Object.keys(normal[1]).sort());
    expect(normal[1]).toMatchObject({ state: 'done', message: null });
  });

  it('is reproducible for a seed', () => {
    const strip = (s: string) => jsonLines(s).slice(0, -1);
    const a = runCli(['train', '--data', 'moons', '--epochs', '4', '--json', '--seed', '9']);
    const b = runCli(['train', '--data', 'moons', '--epochs', '4', '--json', '--seed', '9']);
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
  });

  it('adds R² and MAE for a regression target', () => {
    const { status, stdout } = runCli(['train', '--data', 'regression-plane', '--epochs', '30', '--json']);
    expect(status).toBe(0);
    const lines = jsonLines(stdout);
    const last = lines[29];
    expect(last.accuracy).toBeNull();
    expect(last.valR2 as number).toBeGreaterThan(0.8);
    expect(last.valMae as number).toBeGreaterThan(0);
    expect(lines[30]).toMatchObject({ type: 'done', epochs: 30 });
  });
});

describe('nanograd train --out / predict', () => {
  let dir: string;
  let csv: string;
  let model: string;

  beforeAll(() => {
    dir = tempDir();
    csv = writeFlowersCsv(dir);
    model = join(dir, 'flowers-model.json');
  });

  it('trains on a CSV and writes a valid model file', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      csv,
      '--epochs',
      '60',
      '--layers',
      '8',
      '--activation',
      'tanh',
      '--out',
      model,
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^trained 5-8-2 for 60 epochs in [\d.]+ s: loss [\d.e-]+, val loss [\d.e-]+, accuracy [\d.]+%, val accuracy [\d.]+%$/m,
    );
    expect(stdout).toContain(`wrote ${model}`);
    const file = JSON.parse(readFileSync(model, 'utf8'));
    expect(file.format).toBe('nanograd-studio/model');
    expect(file.task).toBe('classification');
    expect(file.layers.map((l: { outSize: number }) => l.outSize)).toEqual([8, 2]);
    expect(file.activations).toEqual(['tanh', 'linear']);
    expect(file.preprocessing.target.classes.sort()).toEqual(['short', 'tall']);
    expect(file.training.epochs).toBe(60);
    expect(file.training.config.hiddenLayers).toEqual([{ units: 8, activation: 'tanh' }]);
    expect(file.training.metrics.valAccuracy).toBeGreaterThan(0.8);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('predicts from the saved model: stdout and --out agree and match the labels', () => {
    const printed = runCli(['predict', '--model', model, '--data', csv]);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    const out = join(dir, 'preds.csv');
    const written = runCli(['predict', '--model', model, '--data', csv, '--out', out]);
    expect(written.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);

    const rows = csvRows(printed.stdout);
    const header = rows[0];
    expect(header.slice(0, 4)).toEqual(['width', 'height', 'color', 'kind']);
    const kind = header.indexOf('kind');
    const predicted = header.findIndex((h) => h.startsWith('predicted'));
    expect(predicted).toBeGreaterThan(kind);
    const body = rows.slice(1);
    expect(body).toHaveLength(160);
    const agree = body.filter((r) => r[predicted] === r[kind]).length / body.length;
    expect(agree).toBeGreaterThan(0.8);
  });

  it('ignores the values of the target column: a class the model never saw is kept as an input cell', () => {
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    lines[5] = lines[5].replace(/,(tall|short)$/, ',unknownkind');
    const file = join(dir, 'new-kinds.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { status, stdout, stderr } = runCli(['predict', '--model', model, '--data', file]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const rows = csvRows(stdout);
    expect(rows).toHaveLength(lines.length);
    expect(rows[5][3]).toBe('unknownkind');
    expect(['tall', 'short']).toContain(rows[5][4]);
  });

  it('keeps every input row in order; a row with a missing cell gets empty predictions and a note', () => {
    const flowers = join(root, 'tests/fixtures/export/flowers.csv');
    const irisModel = join(dir, 'iris.json');
    expect(runCli(['train', '--data', flowers, '--epochs', '5', '--out', irisModel]).status).toBe(0);
    const data = join(root, 'tests/fixtures/export/flowers-predict.csv');
    const { status, stdout, stderr } = runCli(['predict', '--model', irisModel, '--data', data]);
    expect(status).toBe(0);
    expect(oneLine(stderr)).toBe(
      "note: 1 row could not be predicted because of a missing value (the model's policy is drop); its prediction cells are empty: row 5",
    );
    const input = readFileSync(data, 'utf8').trimEnd().split('\n');
    const rows = stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(input.length);
    expect(rows.slice(1).map((r) => r.split(',')[2])).toEqual(input.slice(1).map((r) => r.split(',')[2]));
    expect(rows[4]).toBe(',2,green,missing sepal,,,,');
    const out = join(dir, 'iris-preds.csv');
    const written = runCli(['predict', '--model', irisModel, '--data', data, '--out', out]);
    expect(written.stderr.split('\n')[0]).toBe(`wrote 5 rows (4 predictions) to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
  });

  it('a regression model predicts a file whose target column is mostly numbers with a typo', () => {
    const houses = join(root, 'tests/fixtures/export/houses.csv');
    const regression = join(dir, 'houses.json');
    expect(runCli(['train', '--data', houses, '--epochs', '5', '--out', regression]).status).toBe(0);
    const lines = readFileSync(houses, 'utf8').trimEnd().split('\n');
    lines[3] = lines[3].replace(/;[^;]*$/, ';unknown');
    const file = join(dir, 'houses-new.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Training on it would rightly refuse the typo; predicting never reads that column.
    expect(runCli(['train', '--data', file, '--epochs', '1']).status).toBe(1);
    const { status, stdout, stderr } = runCli(['predict', '--model', regression, '--data', file]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(lines.length);
    expect(rows[3]).toMatch(/^[^,]+,[^,]+,[^,]+,unknown,-?[\d.e+-]+$/);
  });

  it('--init continues from the saved model: the first epoch starts near the saved loss', () => {
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    const savedLoss = saved.training.metrics.loss as number;
    const fresh = jsonLines(
      runCli(['train', '--data', csv, '--epochs', '1', '--layers', '8', '--activation', 'tanh', '--json'])
        .stdout,
    )[0] as unknown as EpochLine;
    const cont = runCli([
      'train',
      '--data',
      csv,
      '--epochs',
      '1',
      '--init',
      model,
      '--json',
      '--lr',
      '0.001',
    ]);
    expect(cont.stderr).toBe('');
    const first = jsonLines(cont.stdout)[0] as unknown as EpochLine;
    expect(Math.abs(first.loss - savedLoss)).toBeLessThan(savedLoss * 0.25);
    expect(first.loss).toBeLessThan(fresh.loss * 0.8);
  });

  it('--init keeps counting epochs in the model file', () => {
    const next = join(dir, 'next.json');
    expect(runCli(['train', '--data', csv, '--epochs', '5', '--init', model, '--out', next]).status).toBe(0);
    expect(JSON.parse(readFileSync(next, 'utf8')).training.epochs).toBe(65);
  });
});

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

  it('--init with a model for other data names the mismatch', () => {
    const model = join(dir, 'spiral3.json');
    expect(runCli(['train', '--data', 'spiral3', '--epochs', '2', '--out', model]).status).toBe(0);
    const { status, stderr } = runCli(['train', '--data', 'circle', '--init', model]);
    expect(status).toBe(1);
    expect(oneLine(stderr)).toMatch(
      /^nanograd: --init .*spiral3\.json predicts the classes 0, 1, 2 but circle has 0, 1$/,
    );
    const layers = runCli(['train', '--data', 'spiral3', '--layers', '4', '--init', model]);
    expect(layers.status).toBe(1);
    expect(oneLine(layers.stderr)).toMatch(
      /^nanograd: --init .*spiral3\.json does not fit: initial weights have 3 layers but the network has 2 \(2-4-3\)$/,
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
    [['bench', '--workload', 'W9'], 'nanograd: --workload must be one of W1, W2, W3, W4, GEMM (got "W9")'],
  ])('usage error %j exits 2 with one line', (args, message) => {
    expectUsageError(args, message);
  });

  it('reports a bad flag value before reading any file', () => {
    const { status, stderr } = runCli([
      'train',
      '--data',
      'no-such.csv',
      '--init',
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

describe('Ctrl-C', () => {
  it('stops training gracefully and still writes --out with the weights trained so far', async () => {
    const dir = tempDir();
    const out = join(dir, 'interrupted.json');
    const result = await interruptCli(
      ['train', '--data', 'spiral', '--epochs', '100000', '--json', '--out', out],
      3,
    );
    expect(result.status).toBe(130);
    expect(oneLine(result.stderr)).toMatch(
      /^nanograd: stopped by Ctrl-C at epoch \d+ of 100000; wrote .*interrupted\.json with the weights trained so far$/,
    );
    const lines = jsonLines(result.stdout);
    const done = lines[lines.length - 1];
    expect(done).toMatchObject({ type: 'done', state: 'stopped' });
    expect(existsSync(out)).toBe(true);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.training.epochs).toBe(done.epochs);
    expect(model.training.epochs).toBeLessThan(100000);
  });
});

describe('--val leaving too few training rows', () => {
  it('fewer than 10: a note on stderr and in the done line, the run goes on', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'moons',
      '--val',
      '0.99',
      '--epochs',
      '2',
      '--json',
    ]);
    expect(status).toBe(0);
    const note =
      '--val 0.99 leaves 4 training rows (396 of 400 held out for validation): too few to learn from, hold out less';
    expect(oneLine(stderr)).toBe(`note: ${note}`);
    const done = jsonLines(stdout).pop()!;
    expect(done.notes).toContain(note);
    const text = runCli(['train', '--data', 'moons', '--val', '0.99', '--epochs', '1']);
    expect(oneLine(text.stderr)).toBe(`note: ${note}`);
    // Printed once: the other notes go to stdout after the run, the warning does not come again.
    expect(text.stdout).not.toContain(note);
    expect(text.stdout).toContain('note: split: 4 training rows, 396 validation rows');
  });

  it('fewer than 2: exit 1 with a one-line error naming --val', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'regression-plane',
      '--val',
      '0.999',
      '--json',
    ]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toBe(
      'nanograd: --val 0.999 leaves 1 training row (399 of 400 held out for validation); at least 2 are needed to train: hold out less',
    );
  });
});

describe('missing-value markers', () => {
  it('train notes the "?" / "NA" cells it read as missing values', () => {
    const file = join(root, 'tests/fixtures/csv/tricky/missing-tokens.csv');
    const { status, stdout } = runCli(['train', '--data', file, '--epochs', '1', '--missing', 'impute']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'note: column "age": read 2 "?" cells as missing values (the other cells are numbers)\n',
    );
    expect(stdout).toContain('note: filled 5 missing cells');
    expect(stdout).not.toContain('identifier');
  });

  it('train refuses markers in 4 spellings, naming the column; predict reads them all as missing', () => {
    const bad = join(root, 'tests/fixtures/csv/bad/many-markers.csv');
    const refused = runCli(['train', '--data', bad, '--epochs', '1']);
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toBe(
      `nanograd: ${bad}: column "a" is numeric but marks missing values 4 ways (?, -, NA, null): use one marker or leave the cells empty`,
    );
    const dir = tempDir();
    const model = join(dir, 'm.json');
    const file = join(root, 'tests/fixtures/csv/tricky/missing-tokens.csv');
    expect(runCli(['train', '--data', file, '--epochs', '1', '--out', model]).status).toBe(0);
    const rows = ['?', '31', 'NA', '-', 'null', '33', '34', '35'].map((age, i) => `${age},5000${i},7,Lyon`);
    const data = join(dir, 'new.csv');
    writeFileSync(data, ['age,income,score,city', ...rows, ''].join('\n'));
    const predicted = runCli(['predict', '--model', model, '--data', data]);
    expect(predicted.status).toBe(0);
    expect(oneLine(predicted.stderr)).toMatch(/^note: 4 rows could not be predicted .*: rows 2, 4, 5, 6$/);
    // The user's cells come back as written; only the prediction cells are empty.
    const out = predicted.stdout.split('\n');
    expect(out[1]).toBe('?,50000,7,Lyon,,,');
    expect(out[3]).toBe('NA,50002,7,Lyon,,,');
  });
});

describe('wording', () => {
  it('counts one epoch and one hidden layer in the singular', () => {
    const { status, stdout } = runCli(['train', '--data', 'xor', '--epochs', '1', '--layers', '4']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^trained 2-4-2 for 1 epoch in [\d.]+ s: /m);
    const mismatch = runCli(['train', '--data', 'xor', '--layers', '4', '--activation', 'relu,tanh']);
    expect(oneLine(mismatch.stderr)).toContain('--activation lists 2 activations for 1 hidden layer:');
  });
});

describe('nanograd train --regularization / --reg-rate / --dropout / --weight-init', () => {
  const dir = tempDir();
  const trainModel = (name: string, extra: string[]) => {
    const out = join(dir, name);
    const run = runCli(['train', '--data', 'moons', '--epochs', '3', '--seed', '4', '--out', out, ...extra]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(readFileSync(out, 'utf8')) as {
      training: { config: Record<string, unknown> };
      weights: { weight: number[] }[];
    };
  };

  it('reach the session: saved in the model config, and they change the trained weights', () => {
    const plain = trainModel('plain.json', []);
    expect(plain.training.config).toMatchObject({
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      init: 'he',
    });
    const cases: [string[], Record<string, unknown>][] = [
      [['--regularization', 'l2', '--reg-rate', '0.05'], { regularization: 'l2', regRate: 0.05 }],
      [['--regularization', 'l1'], { regularization: 'l1', regRate: 0.001 }],
      [['--dropout', '0.3'], { dropout: 0.3 }],
      [['--weight-init', 'uniform'], { init: 'uniform' }],
    ];
    cases.forEach(([flags, config], i) => {
      const model = trainModel(`m${i}.json`, flags);
      expect(model.training.config).toMatchObject(config);
      expect(model.weights[0].weight).not.toEqual(plain.weights[0].weight);
    });
  });

  it('are listed in --help', () => {
    const help = runCli(['train', '--help']).stdout;
    for (const flag of [
      '--regularization <kind>',
      '--reg-rate <rate>',
      '--dropout <p>',
      '--weight-init <name>',
    ])
      expect(help).toContain(flag);
    expect(help).toMatch(/uniform.*pytorch.*xavier.*he/s);
  });

  it.each([
    [['--regularization', 'l3'], 'nanograd: --regularization must be one of none, l1, l2 (got "l3")'],
    [['--reg-rate', '-1'], 'nanograd: --reg-rate must be a number at least 0 and at most 10 (got -1)'],
    [
      ['--reg-rate', '11', '--regularization', 'l2'],
      'nanograd: --reg-rate must be a number at least 0 and at most 10 (got 11)',
    ],
    [['--reg-rate', '0.1'], 'nanograd: --reg-rate 0.1 has no effect without --regularization l1 or l2'],
    [['--dropout', '0.95'], 'nanograd: --dropout must be a number at least 0 and at most 0.9 (got 0.95)'],
    [['--dropout', 'half'], 'nanograd: --dropout must be a number (got "half")'],
    [
      ['--weight-init', 'glorot'],
      'nanograd: --weight-init must be one of uniform, pytorch, xavier, he (got "glorot")',
    ],
    [
      ['--weight-init', 'he', '--init', 'model.json'],
      'nanograd: --weight-init has no effect with --init: the weights come from the saved model',
    ],
  ])('%j is a usage error', (flags, message) => {
    expectUsageError(['train', '--data', 'moons', ...flags], message);
  });
});
