import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '@shared/training';
import { createPoolHarness } from './pool-harness';

const base = {
  ...defaultTrainConfig(),
  epochs: 6,
  hiddenLayers: [{ units: 6, activation: 'relu' as const }],
};

// The sweeps run on in-process pool workers (the same task table as the real ones).
const sweepBackend = () => createPoolHarness({ turns: 200_000 });

describe('app sweeps (backend on a worker pool)', () => {
  it('streams one sweep:run per run and ends with sweep:state done', async () => {
    const { call, of, until } = sweepBackend();
    await call('data:generate', { kind: 'moons', points: 120, noise: 0.1, seed: 3, valFraction: 0.25 });
    const started = await call('sweep:start', {
      grid: [{ name: 'lr', values: ['0.01', '0.1'] }],
      ranges: [],
      random: 0,
      seeds: 2,
      sweepSeed: 1,
      base,
    });
    expect(started).toMatchObject({ runs: 4, workers: 2, swept: ['lr'] });
    await until(() => of('sweep:state').length > 0);
    const runs = of('sweep:run').map((e) => e.run);
    expect(runs.map((r) => r.index).sort()).toEqual([0, 1, 2, 3]);
    for (const run of runs) {
      expect(run.state).toBe('done');
      expect(run.history).toHaveLength(6);
      expect(run.trainConfig.seed).toBe(run.config.seed);
      expect(run.trainConfig.optimizer.lr).toBe(run.config.lr);
      // The app keeps the data fixed: every run validates on the same 30 rows.
      expect(run.final.valAccuracy).not.toBeNull();
      // Each run's references on those rows, for the results table's linear baseline column.
      expect(run.baselines?.trivial.valAccuracy).toBeGreaterThan(0);
      expect(run.baselines?.linear.valAccuracy).toBeGreaterThan(0);
    }
    expect(of('sweep:state')[0]).toMatchObject({ sweepId: started.sweepId, state: 'done', message: null });
    expect(of('sweep:progress').at(-1)).toMatchObject({ done: 4, total: 4, running: [] });
  });

  it('refuses a bad value naming its parameter before any run, and a sweep without data', async () => {
    const { backend, call, of } = sweepBackend();
    const request = {
      grid: [{ name: 'lr', values: ['0.1', '-2'] }],
      ranges: [],
      random: 0,
      seeds: 1,
      sweepSeed: 1,
      base,
    };
    const noData = await backend.handle('sweep:start', request);
    expect(noData.ok ? '' : noData.error.message).toMatch(/^no data yet/);
    await call('data:generate', { kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 });
    const bad = await backend.handle('sweep:start', request);
    expect(bad.ok ? '' : bad.error.message).toMatch(/^lr: optimizer\.lr must be a number greater than 0/);
    const layers = await backend.handle('sweep:start', {
      ...request,
      grid: [{ name: 'layers', values: ['4', '4,x'] }],
    });
    expect(layers.ok ? '' : layers.error.message).toBe('layers: must be a whole number (got "x")');
    expect(of('sweep:run')).toHaveLength(0);
  });

  it('sweep:stop keeps the finished runs and reports stopped', async () => {
    const { call, of, until } = sweepBackend();
    await call('data:generate', { kind: 'spiral', points: 300, noise: 0.1, seed: 1, valFraction: 0.2 });
    await call('sweep:start', {
      grid: [{ name: 'lr', values: ['0.01', '0.02', '0.03'] }],
      ranges: [],
      random: 0,
      seeds: 10,
      sweepSeed: 1,
      base: { ...base, epochs: 200 },
    });
    await until(() => of('sweep:run').length >= 1);
    const stopped = await call('sweep:stop', {});
    expect(stopped.finished).toBeGreaterThanOrEqual(1);
    await until(() => of('sweep:state').length > 0);
    expect(of('sweep:state')[0].state).toBe('stopped');
    const finished = of('sweep:run').length;
    expect(finished).toBeLessThan(30);
    expect(of('sweep:run').every((e) => e.run.state === 'done' && e.run.history?.length === 200)).toBe(true);
    // A new sweep may start once the last one ended.
    await call('sweep:start', {
      grid: [{ name: 'lr', values: ['0.1'] }],
      ranges: [],
      random: 0,
      seeds: 1,
      sweepSeed: 1,
      base,
    });
    await until(() => of('sweep:state').length > 1);
    expect(of('sweep:state')[1].state).toBe('done');
  });
});
