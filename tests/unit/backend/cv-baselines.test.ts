import { describe, expect, it } from 'vitest';
import { generateTable, prepareDataset } from '@shared/data';
import { fitBaselines, trainFold } from '@shared/evaluation';
import { defaultTrainConfig } from '@shared/training';
import type { TrainConfig } from '@shared/training/types';
import { createPoolHarness } from './pool-harness';

const XOR = { kind: 'xor-noisy' as const, points: 200, noise: 0.1, seed: 4, valFraction: 0.25 };
const config: TrainConfig = {
  ...defaultTrainConfig(),
  epochs: 60,
  batchSize: 16,
  optimizer: { name: 'adam', lr: 0.03 },
  hiddenLayers: [{ units: 8, activation: 'tanh' }],
};

describe('app runs fit the baselines beside the run', () => {
  for (const pool of [false, true]) {
    it(`sends train:baselines for the run, on its split and settings (${pool ? 'pool worker' : 'in the backend'})`, async () => {
      const { call, of, until } = createPoolHarness({ pool });
      await call('data:generate', XOR);
      const { runId } = await call('train:start', config);
      await until(() => of('train:baselines').length > 0);
      const [event] = of('train:baselines');
      expect(event.runId).toBe(runId);
      // The same rows and settings as `nanograd train` would use: the data the app generated,
      // prepared as the backend prepares generated data (raw units, same split seed).
      const table = generateTable('xor-noisy', { points: 200, noise: 0.1, seed: 4 });
      const data = prepareDataset(table, {
        task: 'classification',
        valFraction: 0.25,
        seed: 4,
        missing: 'drop',
        standardize: false,
      });
      expect(event.baselines).toEqual(fitBaselines(data, config));
      // XOR is the case the baselines exist for: no line separates it, so the linear model stays
      // near chance and the majority class is all the trivial baseline gets right.
      const trainCounts = [0, 0];
      for (let i = 0; i < data.train.n; i++) trainCounts[data.train.y[i]]++;
      const majority = trainCounts[1] > trainCounts[0] ? 1 : 0;
      const val = data.val!;
      let majorityInVal = 0;
      for (let i = 0; i < val.n; i++) if (val.y[i] === majority) majorityInVal++;
      expect(event.baselines.trivial.valAccuracy).toBeCloseTo(majorityInVal / val.n, 12);
      expect(event.baselines.linear.valAccuracy).toBeLessThan(0.7);
    });
  }

  it('a run replaced before its baselines arrive never gets them', async () => {
    const { call, of, until } = createPoolHarness({ pool: false });
    await call('data:generate', XOR);
    const first = await call('train:start', config);
    const second = await call('train:start', { ...config, seed: 9 });
    await until(() => of('train:baselines').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(of('train:baselines').map((e) => e.runId)).toEqual([second.runId]);
    expect(first.runId).not.toBe(second.runId);
  });
});

describe('cv:start / cv:stop (the Cross-validate action)', () => {
  const moons = { kind: 'moons' as const, points: 150, noise: 0.1, seed: 2, valFraction: 0.2 };
  const cvConfig: TrainConfig = { ...config, epochs: 8 };

  for (const pool of [true, false]) {
    it(`runs K folds as the CLI's fold jobs and ends with mean and std (${pool ? '2 workers' : 'no pool'})`, async () => {
      const { call, of, until } = createPoolHarness({ pool });
      await call('data:generate', moons);
      const started = await call('cv:start', { folds: 3, config: cvConfig });
      expect(started).toMatchObject({ folds: 3, workers: pool ? 2 : 1 });
      await until(() => of('cv:state').length > 0);
      const [end] = of('cv:state');
      expect(end).toMatchObject({ cvId: started.cvId, state: 'done', message: null });
      const folds = of('cv:fold')
        .map((e) => e.result)
        .sort((a, b) => a.fold - b.fold);
      expect(folds.map((f) => f.fold)).toEqual([1, 2, 3]);
      // Disjoint folds covering every row, each trained for every epoch.
      expect(folds.reduce((sum, f) => sum + f.valRows, 0)).toBe(150);
      for (const f of folds) {
        expect(f.trainRows + f.valRows).toBe(150);
        expect(f.history).toHaveLength(8);
      }
      // Fold 2 equals the same job run directly (what `nanograd train --folds 3` runs).
      const table = generateTable('moons', { points: 150, noise: 0.1, seed: 2 });
      const direct = await trainFold({
        table,
        prepare: { task: 'classification', seed: 2, missing: 'drop', standardize: false },
        config: cvConfig,
        folds: 3,
        index: 1,
      });
      expect(folds[1].valLoss).toBe(direct.valLoss);
      expect(folds[1].valAccuracy).toBe(direct.valAccuracy);
      // Mean and population std, by hand.
      const losses = folds.map((f) => f.valLoss!);
      const mean = losses.reduce((a, b) => a + b, 0) / 3;
      const std = Math.sqrt(losses.reduce((a, v) => a + (v - mean) ** 2, 0) / 3);
      expect(end.cv.folds).toBe(3);
      expect(end.cv.valLossMean).toBeCloseTo(mean, 12);
      expect(end.cv.valLossStd).toBeCloseTo(std, 12);
      expect(of('cv:progress').at(-1)).toMatchObject({ done: 3, total: 3, running: [] });
    });
  }

  it('cv:stop ends it as stopped, keeping the folds that finished', async () => {
    const { call, of, until } = createPoolHarness();
    await call('data:generate', moons);
    await call('cv:start', { folds: 4, config: { ...cvConfig, epochs: 100_000 } });
    await until(() => of('cv:progress').some((p) => p.running.length > 0));
    await expect(call('cv:start', { folds: 4, config: cvConfig })).rejects.toThrow(/already running/);
    await call('cv:stop', {});
    await until(() => of('cv:state').length > 0);
    expect(of('cv:state')[0]).toMatchObject({ state: 'stopped', message: null });
    expect(of('cv:fold')).toHaveLength(0);
    // Another one can start once it has ended.
    await call('cv:start', { folds: 2, config: cvConfig });
  });

  it('refuses bad requests in one line naming the field', async () => {
    const { backend, call } = createPoolHarness();
    const noData = await backend.handle('cv:start', { folds: 5, config: cvConfig });
    expect(noData).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^no data yet/) } });
    await call('data:generate', moons);
    const one = await backend.handle('cv:start', { folds: 1, config: cvConfig });
    expect(one).toMatchObject({
      ok: false,
      error: { message: 'cv:start: field "folds" must be a whole number from 2 to 100' },
    });
  });
});
