/**
 * Issue 13 in the session: early stopping with the best weights, schedules per epoch / batch,
 * clipping passed to the trainer, and divergence keeping the last finite epoch's weights.
 */
import { describe, expect, it } from 'vitest';
import { generateTable, prepareDataset } from '../../../src-shared/data';
import { FastMlp, MlpTrainer } from '../../../src-shared/engine/fast';
import { ConfigError } from '../../../src-shared/errors';
import { TrainingSession, defaultTrainConfig, type TrainConfig } from '../../../src-shared/training';
import { lossTargets } from '../../../src-shared/training/loss';
import { epochLearningRates } from '../../../src-shared/training/schedule';
import type { PreparedData } from '../../../src-shared/data/types';
import { plane, spiral } from './datasets';

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { ...defaultTrainConfig(), ...overrides };
}

function runToEnd(s: TrainingSession): void {
  while (s.state === 'idle' || s.state === 'running') s.advance(Infinity);
}

/** A small noisy spiral and a wide network: the validation loss turns up after a few dozen epochs. */
function overfitting(): PreparedData {
  const table = generateTable('spiral3', { points: 120, noise: 0.6, seed: 11 });
  return prepareDataset(table, { valFraction: 0.3, seed: 11, missing: 'drop', standardize: true });
}

const OVERFIT: Partial<TrainConfig> = {
  hiddenLayers: [
    { units: 64, activation: 'relu' },
    { units: 64, activation: 'relu' },
  ],
  optimizer: { name: 'adam', lr: 0.01 },
  batchSize: 16,
  epochs: 400,
  seed: 3,
};

/** Validation loss of `params` computed from scratch (a fresh network and trainer). */
function valLossOf(data: PreparedData, s: TrainingSession): number {
  const weights = s.weights();
  const trainer = new MlpTrainer(new FastMlp(weights.spec, weights.params), {
    loss: s.loss,
    optimizer: { name: 'sgd', lr: 0.1 },
    regularization: 'none',
    regRate: 0,
    dropout: 0,
    seed: 0,
    maxBatch: 16, // the session's batch size: the same chunks sum in the same order
  });
  const val = data.val!;
  return trainer.evaluate(val.x, lossTargets(val.y, val.n, s.loss, data.task, val.outputSize), val.n).loss;
}

describe('early stopping with the best weights', () => {
  it('a seeded overfitting run stops at best epoch + patience and ends with the best weights', () => {
    const data = overfitting();
    const patience = 15;
    const s = new TrainingSession(data, config({ ...OVERFIT, earlyStopping: { patience, minDelta: 0 } }));
    runToEnd(s);
    const snap = s.snapshot();
    expect(s.state).toBe('done');
    expect(snap.best).not.toBeNull();
    const best = snap.best!;
    expect(snap.stoppedEpoch).toBe(best.epoch + patience);
    expect(s.epoch).toBe(best.epoch + patience);
    expect(s.epoch).toBeLessThan(OVERFIT.epochs!);
    // the validation loss really rose: the last epoch is worse than the best
    expect(s.history[s.history.length - 1].valLoss!).toBeGreaterThan(best.valLoss);
    expect(best.valLoss).toBe(Math.min(...s.history.map((m) => m.valLoss!)));
    expect(best.valLoss).toBe(s.history[best.epoch - 1].valLoss);
    expect(snap.weightsFrom).toBe('best');
    // the network now holds the best epoch's weights: its validation loss is the reported best
    expect(valLossOf(data, s)).toBe(best.valLoss);
  });

  it('keep last ends with the last epoch weights, and the run stops at the same epoch', () => {
    const data = overfitting();
    const rule = { patience: 15, minDelta: 0 };
    const last = new TrainingSession(data, config({ ...OVERFIT, earlyStopping: rule, keep: 'last' }));
    runToEnd(last);
    expect(last.snapshot().weightsFrom).toBe('last');
    expect(valLossOf(data, last)).toBe(last.history[last.history.length - 1].valLoss);
    expect(valLossOf(data, last)).toBeGreaterThan(last.snapshot().best!.valLoss);
  });

  it('min delta makes the run stop earlier (small improvements do not count)', () => {
    const data = overfitting();
    const loose = new TrainingSession(
      data,
      config({ ...OVERFIT, earlyStopping: { patience: 5, minDelta: 0.05 } }),
    );
    runToEnd(loose);
    const strict = new TrainingSession(
      data,
      config({ ...OVERFIT, earlyStopping: { patience: 5, minDelta: 0 } }),
    );
    runToEnd(strict);
    expect(loose.epoch).toBe(loose.snapshot().best!.epoch + 5);
    expect(loose.epoch).toBeLessThan(strict.epoch);
  });

  it('without a validation split early stopping is a ConfigError naming the setting', () => {
    const table = generateTable('spiral3', { points: 60, noise: 0.2, seed: 1 });
    const data = prepareDataset(table, { valFraction: 0, seed: 1, missing: 'drop', standardize: false });
    expect(() => new TrainingSession(data, config({ earlyStopping: { patience: 3, minDelta: 0 } }))).toThrow(
      ConfigError,
    );
    expect(() => new TrainingSession(data, config({ earlyStopping: { patience: 3, minDelta: 0 } }))).toThrow(
      /early stopping needs a validation split/,
    );
  });

  it('without early stopping the best epoch is still reported but the last weights are kept', () => {
    const data = spiral();
    const s = new TrainingSession(data, config({ epochs: 20 }));
    runToEnd(s);
    const snap = s.snapshot();
    expect(snap.best!.valLoss).toBe(Math.min(...s.history.map((m) => m.valLoss!)));
    expect(snap.stoppedEpoch).toBeNull();
    expect(snap.weightsFrom).toBe('last');
  });
});

describe('schedules in the session', () => {
  it('every epoch carries the scheduled lr (step, cosine with warm-up)', () => {
    const data = spiral();
    for (const schedule of [
      { name: 'step' as const, stepSize: 3, gamma: 0.5, warmup: 0 },
      { name: 'cosine' as const, stepSize: 10, gamma: 0.1, warmup: 2 },
    ]) {
      const s = new TrainingSession(data, config({ epochs: 10, schedule }));
      runToEnd(s);
      const batches = Math.ceil(data.train.n / 32);
      const expected = epochLearningRates(schedule, 0.01, { epochs: 10, batchesPerEpoch: batches });
      expect(s.history.map((m) => m.lr)).toEqual(expected);
    }
  });

  it('onecycle changes the rate before every batch: the run differs from one with the epoch rates only', () => {
    const data = spiral();
    const schedule = { name: 'onecycle' as const, stepSize: 10, gamma: 0.1, warmup: 0 };
    const s = new TrainingSession(data, config({ epochs: 5, schedule }));
    runToEnd(s);
    expect(s.history[0].lr).toBeCloseTo(0.01 / 25, 12);
    const peak = Math.max(...s.history.map((m) => m.lr!));
    expect(peak).toBeGreaterThan(0.005);
    expect(peak).toBeLessThanOrEqual(0.01);
  });

  it('a config rejects warm-up with onecycle and warm-up as long as the run', () => {
    const data = spiral();
    expect(
      () =>
        new TrainingSession(
          data,
          config({ schedule: { name: 'onecycle', stepSize: 1, gamma: 0.1, warmup: 2 } }),
        ),
    ).toThrow(/schedule.warmup must be 0 with onecycle/);
    expect(
      () =>
        new TrainingSession(
          data,
          config({ epochs: 5, schedule: { name: 'cosine', stepSize: 1, gamma: 0.1, warmup: 5 } }),
        ),
    ).toThrow(/schedule.warmup must be less than the epochs \(5\)/);
  });
});

describe('divergence keeps the last good model', () => {
  it('a NaN loss ends the run with the weights of the last finite epoch, which continue training', () => {
    const { data } = plane();
    // the rate grows tenfold every 5 epochs (step schedule, gamma 10): finite epochs, then a blow-up
    const diverged = new TrainingSession(
      data,
      config({
        epochs: 60,
        optimizer: { name: 'sgd', lr: 0.01 },
        batchSize: 8,
        schedule: { name: 'step', stepSize: 5, gamma: 10, warmup: 0 },
      }),
    );
    runToEnd(diverged);
    expect(diverged.state).toBe('diverged');
    expect(diverged.epoch).toBeGreaterThanOrEqual(5);
    const s = diverged!;
    const snap = s.snapshot();
    expect(snap.keptEpoch).toBe(s.epoch);
    expect(snap.message).toMatch(/kept the weights of epoch \d+$/);
    const weights = s.weights();
    for (const p of weights.params) {
      expect(p.weight.every(Number.isFinite)).toBe(true);
      expect(p.bias.every(Number.isFinite)).toBe(true);
    }
    // the kept weights are those of the last finite epoch: their training loss is that epoch's
    const again = new TrainingSession(data, config({ epochs: 3, optimizer: { name: 'sgd', lr: 0.01 } }), {
      initial: weights.params,
    });
    runToEnd(again);
    expect(again.state).toBe('done');
    expect(again.history[0].loss).toBeLessThan(s.history[s.history.length - 1].loss * 1.5);
  });

  it('clipping the gradient norm passes through to the trainer (a run that diverges without it does not)', () => {
    const { data } = plane();
    const wild = config({ epochs: 30, optimizer: { name: 'sgd', lr: 3 }, batchSize: 8 });
    const free = new TrainingSession(data, wild);
    runToEnd(free);
    expect(free.state).toBe('diverged');
    const clipped = new TrainingSession(data, {
      ...wild,
      optimizer: { name: 'sgd', lr: 0.3 },
      clipGradNorm: 0.5,
    });
    runToEnd(clipped);
    expect(clipped.state).toBe('done');
  });
});
