import { describe, expect, it } from 'vitest';
import { generateTable, prepareDataset } from '@shared/data';
import type { PrepareOptions, Table } from '@shared/data/types';
import { CancelledError } from '@shared/errors';
import { fitBaselines } from '@shared/evaluation';
import { trainSweepRun, type SweepRunProgress } from '@shared/experiments/run-task';
import type { TaskContext } from '@shared/pool/serve';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@shared/training';

const prepare: PrepareOptions = { valFraction: 0.2, seed: 1, missing: 'drop', standardize: false };

function context(onYield: (progress: SweepRunProgress | null) => void = () => {}) {
  const controller = new AbortController();
  let last: SweepRunProgress | null = null;
  const ctx: TaskContext<SweepRunProgress> = {
    signal: controller.signal,
    progress: (p) => (last = p),
    yieldToHost: async () => {
      onYield(last);
      await new Promise((resolve) => setImmediate(resolve));
    },
    now: () => performance.now(),
  };
  return { ctx, controller };
}

const job = (table: Table, config: TrainConfig, options = prepare) => ({
  table,
  prepare: options,
  config,
  fromModel: null,
  modelName: null,
});

describe('a sweep run fits its baselines on its own split', () => {
  it('on XOR: the linear baseline stays near chance, the trivial one is the majority share, the network beats both', async () => {
    const table = generateTable('xor-noisy', { points: 400, noise: 0, seed: 1 });
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 60 };
    const outcome = await trainSweepRun(job(table, config), context().ctx);

    // The majority training class and its share of the validation rows, counted by hand.
    const data = prepareDataset(table, prepare);
    const counts = [0, 0];
    for (const y of data.train.y) counts[y]++;
    const majority = counts[1] > counts[0] ? 1 : 0;
    const hits = data.val!.y.filter((y) => y === majority).length;
    expect(outcome.baselines.trivial.valAccuracy).toBe(hits / data.val!.n);
    expect(outcome.baselines.linear.valAccuracy!).toBeLessThan(0.7);
    expect(outcome.history.at(-1)!.valAccuracy!).toBeGreaterThan(0.9);
    // The same numbers as train's own fitBaselines on that split.
    expect(outcome.baselines).toEqual(fitBaselines(data, config));
  });

  it('regression: no accuracy; a linear baseline that diverges has null scores', async () => {
    const table = generateTable('regression-plane', { points: 120, noise: 0.1, seed: 2 });
    const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, epochs: 30, loss: 'mse' };
    const standardized = { ...prepare, standardize: true };
    const fine = await trainSweepRun(job(table, config, standardized), context().ctx);
    expect(fine.baselines.trivial.valLoss!).toBeGreaterThan(0);
    expect(fine.baselines.linear.valLoss!).toBeLessThan(fine.baselines.trivial.valLoss!);
    expect([fine.baselines.trivial.valAccuracy, fine.baselines.linear.valAccuracy]).toEqual([null, null]);

    const wild = { ...config, optimizer: { ...config.optimizer, name: 'sgd' as const, lr: 1000 } };
    const diverged = await trainSweepRun(job(table, wild, standardized), context().ctx);
    expect(diverged.state).toBe('diverged');
    expect(diverged.baselines.linear).toEqual({ valLoss: null, valAccuracy: null });
    expect(diverged.baselines.trivial.valLoss).toBe(fine.baselines.trivial.valLoss);
  });

  it('a cancel while the linear baseline trains rejects with CancelledError', async () => {
    const table = generateTable('moons', { points: 200, noise: 0.1, seed: 1 });
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 20 };
    let trained = 0;
    const { ctx, controller } = context((p) => {
      // Yields after the last epoch's progress belong to the baseline: cancel at the second.
      if (p?.epoch === p?.totalEpochs && ++trained === 2) controller.abort();
    });
    await expect(trainSweepRun(job(table, config), ctx)).rejects.toThrow(
      new CancelledError('baselines cancelled'),
    );
  });
});
