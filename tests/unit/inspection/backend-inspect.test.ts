import { describe, expect, it } from 'vitest';
import type { BuiltinDataRequest } from '../../../src-shared/api';
import type { TrainConfig } from '../../../src-shared/training/types';
import { validTrainConfig } from '../backend/fixtures';
import { createHarness } from '../backend/harness';

const CIRCLE: BuiltinDataRequest = { kind: 'circle', points: 120, noise: 0.05, seed: 3, valFraction: 0.25 };
const config = (epochs: number): TrainConfig => ({
  ...validTrainConfig,
  hiddenLayers: [
    { units: 4, activation: 'relu' },
    { units: 3, activation: 'tanh' },
  ],
  epochs,
});

describe('the backend behind the neuron maps and the inspector', () => {
  it('sends every neuron map with the boundary and per-layer diagnostics with progress', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    await h.call('train:start', config(30));
    await h.until(() => h.lastState() === 'done');
    const maps = h.of('train:neuron-maps');
    expect(maps.length).toBeGreaterThan(0);
    const { frame } = maps.at(-1)!.payload;
    expect(frame.layers.map((l) => l.units)).toEqual([4, 3, 2]);
    for (const layer of frame.layers) expect(layer.values).toHaveLength(layer.units * frame.size ** 2);
    const diagnostics = h.of('train:progress').flatMap((e) => e.payload.diagnostics ?? []);
    expect(diagnostics.map((d) => d.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(diagnostics[0].layers).toHaveLength(3);
    expect(diagnostics[0].layers[0].updateRatio).toBeGreaterThan(0);
  });

  it('sends no neuron maps for data without a 2-D plane', async () => {
    const h = createHarness();
    const csv = ['a,b,c,label', ...Array.from({ length: 30 }, (_, i) => `${i},${i % 7},${i % 3},${i % 2}`)];
    await h.call('data:import-csv', {
      fileName: 'three.csv',
      text: csv.join('\n'),
      missing: 'drop',
      valFraction: 0,
      seed: 1,
    });
    await h.call('train:start', config(3));
    await h.until(() => h.lastState() === 'done');
    expect(h.of('train:neuron-maps')).toHaveLength(0);
  });

  it('edits a weight only while paused, and the edit shows in the weights and the maps', async () => {
    const h = createHarness();
    await h.call('data:generate', CIRCLE);
    await h.call('train:start', config(100_000));
    const running = await h.fail('train:set-weight', { layer: 0, to: 0, from: 1, value: 2 });
    expect(running.message).toMatch(/pause first/);
    await h.call('train:pause', {});
    const mapsBefore = h.of('train:neuron-maps').length;
    await h.call('train:set-weight', { layer: 1, to: 2, from: 0, value: 1.25 });
    await h.call('train:set-weight', { layer: 2, to: 1, from: null, value: -0.5 });
    const weights = h.of('train:progress').at(-1)!.payload.weights!;
    expect(weights[1].weight[2 * 4 + 0]).toBe(1.25);
    expect(weights[2].bias[1]).toBe(-0.5);
    expect(h.of('train:neuron-maps').length).toBe(mapsBefore + 2);
    const details = await h.call('inspect:neuron', { layer: 1, unit: 2 });
    expect(details.weights[0]).toBe(1.25);
    const outOfRange = await h.fail('train:set-weight', { layer: 0, to: 9, from: 0, value: 1 });
    expect(outOfRange.message).toMatch(/layer 1 has no unit 10/);
    const bad = await h.fail('train:set-weight', { layer: 0, to: 0, from: 0, value: 'x' });
    expect(bad.kind).toBe('payload');
    await h.call('train:stop', {});
  });

  it('inspects a unit: histogram over the training rows and the dead share of a ReLU', async () => {
    const h = createHarness();
    const summary = await h.call('data:generate', CIRCLE);
    await h.call('train:start', config(5));
    await h.until(() => h.lastState() === 'done');
    const relu = await h.call('inspect:neuron', { layer: 0, unit: 1 });
    expect(relu.activation).toBe('relu');
    expect(relu.rows).toBe(summary.trainRows);
    expect(relu.histogram.counts.reduce((a, b) => a + b, 0) + relu.histogram.nonFinite).toBe(
      summary.trainRows,
    );
    expect(relu.weights).toHaveLength(2);
    expect(relu.deadShare).toBeGreaterThanOrEqual(0);
    expect(relu.deadShare).toBeLessThanOrEqual(1);
    // A ReLU's histogram starts at 0 exactly when some rows are dead.
    expect(relu.histogram.min === 0).toBe(relu.deadShare! > 0);
    const tanh = await h.call('inspect:neuron', { layer: 1, unit: 0 });
    expect(tanh.deadShare).toBeNull();
    expect((await h.fail('inspect:neuron', { layer: 5, unit: 0 })).message).toMatch(/no layer 6/);
  });
});
