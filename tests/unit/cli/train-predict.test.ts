import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine, root, runCli, tempDir, writeFlowersCsv } from './cli-helpers';
import { type EpochLine, jsonLines, csvRows } from './train-test-helpers';

/* nanograd train --json and train --out / predict (continuing with --from-model included). */
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
      expect(Object.keys(line).sort()).toEqual(['accuracy', 'epoch', 'loss', 'lr', 'valAccuracy', 'valLoss']);
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
      '--batch',
      '0', // full batch: the loss grows epoch by epoch (a minibatch can blow up within epoch 1)
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

  it('--from-model continues from the saved model: the first epoch starts near the saved loss', () => {
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
      '--from-model',
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

  it('--from-model keeps counting epochs in the model file', () => {
    const next = join(dir, 'next.json');
    expect(
      runCli(['train', '--data', csv, '--epochs', '5', '--from-model', model, '--out', next]).status,
    ).toBe(0);
    expect(JSON.parse(readFileSync(next, 'utf8')).training.epochs).toBe(65);
  });
});
