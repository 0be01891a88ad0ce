/**
 * The derived input features wired through the one flow: the config schema validates them, the
 * session trains on them, the model file records them (old files without them still load), and
 * predict on the RAW two columns gives what the session itself predicts; the app's boundary and
 * neuron-map grids compute them from the plane's raw points.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateTable,
  parseCsv,
  prepareDataset,
  withInputFeatures,
  type PreparedData,
} from '../../../src-shared/data';
import { ConfigError } from '../../../src-shared/errors';
import { parseModel, predictTable, serializeModel } from '../../../src-shared/model';
import {
  defaultTrainConfig,
  prepareRun,
  runModelFile,
  startRun,
  validateTrainConfig,
  type TrainConfig,
} from '../../../src-shared/training';
import { createHarness } from '../backend/harness';
import { validTrainConfig } from '../backend/fixtures';
import { MODEL_FIXTURES } from '../model/make-model';

const moonsTable = () => generateTable('moons', { points: 120, noise: 0.1, seed: 4 });
const prepareMoons = (): PreparedData =>
  prepareDataset(moonsTable(), { valFraction: 0.25, seed: 2, missing: 'drop', standardize: false });

function config(features: TrainConfig['features'], epochs = 40): TrainConfig {
  return {
    ...defaultTrainConfig(),
    hiddenLayers: [{ units: 6, activation: 'tanh' }],
    epochs,
    batchSize: 16,
    init: 'xavier',
    features,
  };
}

describe('input features in the prepared data', () => {
  it('expands every row to the chosen features of its two inputs, named after the columns', () => {
    const data = prepareMoons();
    const expanded = withInputFeatures(data, ['sinx2', 'x1x2', 'x1sq']);
    expect(expanded.preprocessing.inputFeatures).toEqual(['x1sq', 'x1x2', 'sinx2']);
    expect(expanded.preprocessing.encodedNames).toEqual(['x1²', 'x1·x2', 'sin(x2)']);
    expect(expanded.train.inputSize).toBe(3);
    expect(expanded.val!.n).toBe(data.val!.n);
    for (const [base, set] of [
      [data.train, expanded.train],
      [data.val!, expanded.val!],
    ] as const) {
      for (let r = 0; r < base.n; r++) {
        const a = base.x[r * 2];
        const b = base.x[r * 2 + 1];
        expect(set.x[r * 3]).toBeCloseTo(a * a, 6);
        expect(set.x[r * 3 + 1]).toBeCloseTo(a * b, 6);
        expect(set.x[r * 3 + 2]).toBeCloseTo(Math.sin(b), 6);
      }
    }
    expect(expanded.notes.at(-1)).toBe('input features: x1², x1·x2, sin(x2) (from "x1", "x2")');
    // The source data is untouched (the app keeps it for the next run).
    expect(data.train.inputSize).toBe(2);
    expect(data.preprocessing.inputFeatures).toBeUndefined();
  });

  it('leaves the data as it is for x1,x2 (no features recorded: the model file of old)', () => {
    const data = prepareMoons();
    expect(withInputFeatures(data, ['x2', 'x1'])).toBe(data);
    expect(withInputFeatures(data, undefined)).toBe(data);
  });

  it('refuses features on data without exactly two numeric inputs, in one line', () => {
    const five = parseCsv(
      [
        'a,b,c,d,e,y',
        ...Array.from({ length: 12 }, (_, i) => `${i},${i + 1},${i % 3},${i * 2},${i % 5},${i % 2}`),
      ].join('\n'),
      'five.csv',
    );
    const data = prepareDataset(five, { valFraction: 0, seed: 1, missing: 'drop', standardize: true });
    expect(() => withInputFeatures(data, ['x1sq'])).toThrow(ConfigError);
    expect(() => withInputFeatures(data, ['x1sq'])).toThrow(
      'features: only for data with exactly 2 numeric input columns (five.csv has "a", "b", "c", "d", "e")',
    );
    const mixed = parseCsv(
      [
        'size,color,y',
        ...Array.from({ length: 10 }, (_, i) => `${i},${i % 2 ? 'red' : 'blue'},${i % 2}`),
      ].join('\n'),
      'mixed.csv',
    );
    const mixedData = prepareDataset(mixed, { valFraction: 0, seed: 1, missing: 'drop', standardize: true });
    expect(() => withInputFeatures(mixedData, ['x1'])).toThrow('"color" (categorical)');
  });
});

describe('features in the one config schema', () => {
  it.each([
    [[], 'features must list at least one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 (got [])'],
    [['x1', 'cosx1'], 'features[1] must be one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 (got "cosx1")'],
    [['x1', 'x1'], 'features must list each feature once (got ["x1","x1"])'],
    ['x1', 'features must be a list of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 (got "x1")'],
  ])('refuses %j with one line', (features, message) => {
    expect(() => validateTrainConfig({ features })).toThrow(message);
  });

  it('keeps a valid subset as given', () => {
    expect(validateTrainConfig({ features: ['x2sq', 'x1sq'] }).features).toEqual(['x2sq', 'x1sq']);
    expect(validateTrainConfig({}).features).toBeUndefined();
  });
});

describe('a run with input features', () => {
  it('records them in the model, which predicts on the RAW columns what the session predicts', () => {
    const table = moonsTable();
    const prepared = prepareRun({
      table,
      prepare: { valFraction: 0.25, seed: 2, missing: 'drop', standardize: false },
    });
    const run = startRun(prepared, config(['x1sq', 'x2sq', 'x1x2']));
    const snapshot = run.runToEnd();
    expect(snapshot.state).toBe('done');
    const model = parseModel(serializeModel(runModelFile(run, 'moons')), 'moons.json');
    expect(model.preprocessing.inputFeatures).toEqual(['x1sq', 'x2sq', 'x1x2']);
    expect(model.preprocessing.encodedNames).toEqual(['x1²', 'x2²', 'x1·x2']);
    expect(model.layers[0].inSize).toBe(3);
    expect(model.training!.config.features).toEqual(['x1sq', 'x2sq', 'x1x2']);

    // predict reads the table's raw x1, x2 columns; the session reads its own expanded rows.
    const predicted = predictTable(model, table);
    expect(predicted.n).toBe(table.rowCount);
    for (const set of [run.session.data.train, run.session.data.val!]) {
      const fromSession = run.session.predict(set.x, set.n);
      for (let i = 0; i < set.n; i++) {
        const row = set.rowIndex[i];
        expect(predicted.outputs[row * 2 + 1]).toBeCloseTo(fromSession[i * 2 + 1], 6);
      }
    }
    // The features made a difference: without them the same seed gives other predictions.
    const plain = startRun(prepared, config(undefined));
    plain.runToEnd();
    const plainOut = predictTable(runModelFile(plain, 'plain'), table).outputs;
    const differs = Array.from(plainOut).some((v, i) => Math.abs(v - predicted.outputs[i]) > 1e-3);
    expect(differs).toBe(true);
  });

  it('continues a model with its own features and refuses other ones', () => {
    const table = moonsTable();
    const prepare = { valFraction: 0.25, seed: 2, missing: 'drop' as const, standardize: false };
    const first = startRun(prepareRun({ table, prepare }), config(['x1', 'x1sq'], 5));
    first.runToEnd();
    const from = { model: runModelFile(first, 'first'), label: 'first.json' };
    const continued = startRun(prepareRun({ table, prepare }, from), config(undefined, 5));
    expect(continued.data.train.inputSize).toBe(2);
    expect(continued.runToEnd().state).toBe('done');
    expect(runModelFile(continued, 'again').preprocessing.inputFeatures).toEqual(['x1', 'x1sq']);
    expect(() => startRun(prepareRun({ table, prepare }, from), config(['x2'], 5))).toThrow(
      "features: x2 do not match the model's x1,x1sq (continuing a model keeps its input features)",
    );
  });

  it('still loads a model file written before input features existed', () => {
    const text = readFileSync(`${MODEL_FIXTURES}good.json`, 'utf8');
    const model = parseModel(text, 'good.json');
    expect(model.preprocessing.inputFeatures).toBeUndefined();
  });

  it('refuses a model file whose features do not fit its first layer, naming the field', () => {
    const run = startRun(prepareRun({ prepared: prepareMoons() }), config(['x1sq', 'x2sq'], 1));
    run.runToEnd();
    const model = runModelFile(run, 'm');
    const broken = structuredClone(model);
    broken.preprocessing.inputFeatures = ['x1sq'];
    expect(() => parseModel(JSON.stringify(broken), 'broken.json')).toThrow(
      'broken.json: field "preprocessing.inputFeatures" has 1 feature, but the first layer has 2 inputs',
    );
  });
});

describe('the app backend with input features', () => {
  it('draws the boundary from the features of each grid point (what predict gives on the raw point)', async () => {
    const h = createHarness({ gridSize: 12 });
    await h.call('data:generate', { kind: 'moons', points: 120, noise: 0.1, seed: 4, valFraction: 0.25 });
    await h.call('train:start', {
      ...validTrainConfig,
      hiddenLayers: [{ units: 5, activation: 'tanh' }],
      epochs: 20,
      features: ['x1sq', 'x2sq', 'sinx1'],
    });
    await h.until(() => h.lastState() === 'done');
    const frame = h.of('train:boundary').at(-1)!.payload.frame;
    const model = parseModel(String((await h.call('model:export', { format: 'json' })).data), 'm.json');
    expect(model.preprocessing.inputFeatures).toEqual(['x1sq', 'x2sq', 'sinx1']);
    const size = frame.size;
    const rows = ['x1,x2'];
    for (let row = 0; row < size; row++)
      for (let col = 0; col < size; col++)
        rows.push(
          `${frame.xMin + ((col + 0.5) * (frame.xMax - frame.xMin)) / size},${frame.yMin + ((row + 0.5) * (frame.yMax - frame.yMin)) / size}`,
        );
    const predicted = predictTable(model, parseCsv(rows.join('\n'), 'grid.csv'));
    for (let cell = 0; cell < size * size; cell++)
      expect(frame.values[cell]).toBeCloseTo(predicted.outputs[cell * 2 + 1], 4);

    // The first hidden layer's map at a cell is tanh(w · features(raw point) + b).
    const maps = h.of('train:neuron-maps').at(-1)!.payload.frame;
    const n = maps.size;
    const cell = Math.floor(n * n * 0.37);
    const x = frame.xMin + (((cell % n) + 0.5) * (frame.xMax - frame.xMin)) / n;
    const y = frame.yMin + ((Math.floor(cell / n) + 0.5) * (frame.yMax - frame.yMin)) / n;
    const features = [x * x, y * y, Math.sin(x)];
    const w = model.weights[0];
    for (let j = 0; j < 5; j++) {
      const z = features.reduce((sum, v, k) => sum + v * w.weight[j * 3 + k], w.bias[j]);
      expect(maps.layers[0].values[j * n * n + cell]).toBeCloseTo(Math.tanh(z), 4);
    }
  });
});
