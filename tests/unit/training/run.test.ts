import { describe, expect, it } from 'vitest';
import { generateTable, parseCsv } from '../../../src-shared/data';
import { ConfigError } from '../../../src-shared/errors';
import { modelNetwork, parseModel, serializeModel } from '../../../src-shared/model';
import {
  defaultTrainConfig,
  prepareRun,
  runModelFile,
  startRun,
  type EpochMetrics,
  type TrainConfig,
} from '../../../src-shared/training';

const config = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({
  ...defaultTrainConfig(),
  hiddenLayers: [{ units: 6, activation: 'tanh' }],
  ...overrides,
});
const prepare = { valFraction: 0.25, seed: 2, missing: 'drop' as const, standardize: true };

function linesCsv(offset: number, scale: number): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const a = offset + scale * ((i * 7) % 19);
    const b = offset + scale * ((i * 5) % 13);
    return `${a},${b},${(i * 7) % 19 > (i * 5) % 13 ? 'up' : 'down'}`;
  });
  return ['a,b,dir', ...rows].join('\n');
}

describe('the training run', () => {
  it('stops at the exact epoch an onEpoch hook asks for, however it is driven', async () => {
    const table = generateTable('circle', { points: 120, noise: 0.1, seed: 3 });
    const prepared = prepareRun({ table, prepare: { ...prepare, standardize: false } });
    const seen: number[] = [];
    const onEpoch = (m: EpochMetrics) => (seen.push(m.epoch), m.epoch === 4 ? ('stop' as const) : undefined);
    const sync = startRun(prepared, config({ epochs: 50 }), { onEpoch });
    expect(sync.runToEnd().state).toBe('stopped');
    expect(sync.session.epoch).toBe(4);
    expect(seen).toEqual([1, 2, 3, 4]);

    let clock = 0;
    const driven = startRun(prepared, config({ epochs: 50 }), {
      now: () => (clock += 1),
      onEpoch: (m) => (m.epoch === 7 ? 'stop' : undefined),
    });
    const final = await driven.drive({
      now: () => clock,
      yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
      onProgress: () => {},
    });
    expect(final.state).toBe('stopped');
    expect(final.epoch).toBe(7);
  });

  it('continues a model: model statistics, starting weights, epochs counted on top', () => {
    const first = parseCsv(linesCsv(0, 1), 'first.csv');
    const base = startRun(prepareRun({ table: first, prepare }), config({ epochs: 6 }));
    base.runToEnd();
    const model = runModelFile(base, 'base');
    expect(model.training?.epochs).toBe(6);

    const shifted = parseCsv(linesCsv(100, 10), 'shifted.csv');
    const from = { model, label: 'base.json' };
    const prepared = prepareRun({ table: shifted, prepare }, from);
    expect(prepared.data.preprocessing).toBe(model.preprocessing);
    const fresh = prepareRun({ table: shifted, prepare });
    expect(Array.from(prepared.data.train.x)).not.toEqual(Array.from(fresh.data.train.x));

    const run = startRun(prepared, config({ epochs: 3 }));
    expect(Array.from(run.session.weights().params[0].weight)).toEqual(
      Array.from(modelNetwork(model).params[0].weight),
    );
    run.step();
    expect(runModelFile(run, 'next').training?.epochs).toBe(7);
  });

  it('records every epoch in the model file, which reads back; files without a history still load', () => {
    const table = parseCsv(linesCsv(0, 1), 'lines.csv');
    const run = startRun(prepareRun({ table, prepare }), config({ epochs: 4 }));
    run.runToEnd();
    const model = runModelFile(run, 'lines');
    const history = model.training?.history ?? [];
    expect(history.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(history.map((m) => m.valLoss)).toEqual(run.session.history.map((m) => m.valLoss));
    expect(history[3]).toEqual(model.training?.metrics);

    const read = parseModel(serializeModel(model), 'lines.json');
    expect(read.training?.history).toEqual(history);
    const { history: _dropped, ...older } = model.training!;
    void _dropped;
    const old = parseModel(serializeModel({ ...model, training: older }), 'old.json');
    expect(old.training?.history).toBeUndefined();
    expect(old.training?.epochs).toBe(4);

    // Continuing: the saved epochs first, then the new ones numbered on (also from an old file).
    const next = startRun(
      prepareRun({ table, prepare }, { model: read, label: 'lines.json' }),
      config({ epochs: 2 }),
    );
    next.runToEnd();
    const continued = runModelFile(next, 'next').training?.history ?? [];
    expect(continued.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(continued.slice(0, 4)).toEqual(history);
    expect(continued[4].loss).toBe(next.session.history[0].loss);
    const fromOld = startRun(
      prepareRun({ table, prepare }, { model: old, label: 'old.json' }),
      config({ epochs: 2 }),
    );
    fromOld.runToEnd();
    expect(runModelFile(fromOld, 'next').training?.history?.map((m) => m.epoch)).toEqual([5, 6]);
  });

  it('refuses to continue a model on other classes, naming the model', () => {
    const first = parseCsv(linesCsv(0, 1), 'first.csv');
    const base = startRun(prepareRun({ table: first, prepare }), config({ epochs: 1 }));
    base.runToEnd();
    const model = runModelFile(base, 'base');
    const other = parseCsv(linesCsv(0, 1).replace(/,up$/gm, ',left'), 'other.csv');
    const continueOther = () => prepareRun({ table: other, prepare }, { model, label: 'base.json' });
    expect(continueOther).toThrow(ConfigError);
    expect(continueOther).toThrow(/^base\.json predicts the classes down, up but other\.csv has down, left$/);
    const layers = prepareRun({ table: first, prepare }, { model, label: 'base.json' });
    expect(() => startRun(layers, config({ hiddenLayers: [{ units: 3, activation: 'tanh' }] }))).toThrow(
      /^base\.json does not fit: initial weights layer 1 is 2 -> 6 but the network needs 2 -> 3/,
    );
  });

  it('follows a given batch order and reports the mean batch loss when epochs are not scored', () => {
    const table = generateTable('xor', { points: 4, noise: 0, seed: 1 });
    const prepared = prepareRun({ table, prepare: { ...prepare, valFraction: 0, standardize: false } });
    const orders: number[] = [];
    const order = (epoch: number) => (orders.push(epoch), Int32Array.from([3, 2, 1, 0]));
    const cfg = config({ epochs: 3, batchSize: 0, optimizer: { name: 'sgd', lr: 0.1 } });
    const run = startRun(prepared, cfg, { batchOrder: order, scoreEpochs: false });
    const before = run.session.evaluate(prepared.data.train).loss;
    const first = run.step();
    expect(orders).toEqual([0]);
    expect(first.accuracy).toBeNull();
    expect(first.valLoss).toBeNull();
    // One full batch: the epoch's loss is the loss of the weights before its one update.
    expect(first.loss).toBeCloseTo(before, 6);
    expect(run.session.lastBatchLoss).toBe(first.loss);
    expect(run.session.evaluate(prepared.data.train).loss).not.toBeCloseTo(before, 6);
    run.runToEnd();
    expect(orders).toEqual([0, 1, 2]);
  });
});
