import { describe, expect, it } from 'vitest';
import {
  LR_RANGE_EXPLODE,
  rangeTestLr,
  runRangeTest,
  suggestLr,
} from '../../../src-shared/training/lr-range';

describe('learning-rate range test (fastai lr_find)', () => {
  it('grows the rate exponentially from `from` to `to`', () => {
    const options = { from: 1e-6, to: 10, steps: 100 };
    expect(rangeTestLr(options, 0)).toBeCloseTo(1e-6, 18);
    expect(rangeTestLr(options, 99)).toBeCloseTo(10, 10);
    const ratio = rangeTestLr(options, 1) / rangeTestLr(options, 0);
    for (let i = 1; i < 99; i++)
      expect(rangeTestLr(options, i + 1) / rangeTestLr(options, i)).toBeCloseTo(ratio, 10);
    expect(ratio ** 99).toBeCloseTo(1e7, 0);
  });

  it('smooths with a bias-corrected moving average (beta 0.98): a constant loss stays exact', () => {
    const result = runRangeTest({ from: 1e-3, to: 1e-2, steps: 30 }, () => 2.5);
    expect(result.losses).toHaveLength(30);
    for (const loss of result.losses) expect(loss).toBeCloseTo(2.5, 12);
    // second point: (0.98·0.02·a + 0.02·b) / (1 − 0.98²)
    const two = runRangeTest({ from: 1, to: 2, steps: 2 }, (lr) => (lr === 1 ? 1 : 3));
    expect(two.losses[1]).toBeCloseTo((0.98 * 0.02 * 1 + 0.02 * 3) / (1 - 0.98 ** 2), 12);
  });

  it('stops once the smoothed loss passes 4x its best, recording that point', () => {
    // loss falls to 0.1 around lr 1e-2, then explodes
    const result = runRangeTest({ from: 1e-5, to: 10, steps: 120 }, (lr) =>
      lr < 0.1 ? 1 / (1 + 1e4 * lr) + 0.1 : 1e3 * lr,
    );
    expect(result.stoppedBecause).toBe('exploded');
    expect(result.lrs.length).toBeLessThan(120);
    const bestBefore = (i: number) => Math.min(...result.losses.slice(0, i + 1));
    const last = result.losses.length - 1;
    expect(result.losses[last]).toBeGreaterThan(LR_RANGE_EXPLODE * bestBefore(last));
    for (let i = 0; i < last; i++)
      expect(result.losses[i]).toBeLessThanOrEqual(LR_RANGE_EXPLODE * bestBefore(i));
  });

  it('a non-finite loss ends the test without being recorded', () => {
    const result = runRangeTest({ from: 1e-4, to: 1, steps: 50 }, (lr) => (lr > 0.01 ? NaN : 1));
    expect(result.stoppedBecause).toBe('diverged');
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(Math.max(...result.lrs)).toBeLessThanOrEqual(0.01);
  });

  it('suggests the steepest descent against log(lr) and min-loss / 10', () => {
    // loss = sigmoid-shaped drop centred at lr = 1e-3 (steepest there), minimum at the end of the drop, then a rise
    const lrs = Array.from({ length: 81 }, (_, i) => 10 ** (-6 + i / 10));
    const losses = lrs.map((lr) => {
      const t = Math.log10(lr) + 3;
      return 1 / (1 + Math.exp(3 * t)) + (lr > 0.1 ? Math.log10(lr / 0.1) : 0);
    });
    const { suggestedLr, minLossLr } = suggestLr(lrs, losses);
    expect(Math.log10(suggestedLr!)).toBeCloseTo(-3, 1);
    expect(Math.log10(minLossLr!)).toBeCloseTo(-2, 1);
  });

  it('a curve that only rises has no steepest-descent suggestion', () => {
    const lrs = [1e-3, 1e-2, 1e-1, 1];
    const { suggestedLr, minLossLr } = suggestLr(lrs, [1, 2, 3, 4]);
    expect(suggestedLr).toBeNull();
    expect(minLossLr).toBeCloseTo(1e-4, 12);
  });
});

describe('lrRangeTest on a real run', () => {
  it('finds a sensible rate on the spiral and leaves the run it was made for unchanged', async () => {
    const { TrainingSession, defaultTrainConfig, lrRangeTest } = await import('../../../src-shared/training');
    const { spiral } = await import('./datasets');
    const data = spiral();
    const config = { ...defaultTrainConfig(), epochs: 5 };
    const before = new TrainingSession(data, config);
    const initialBefore = before.weights().params;
    const result = lrRangeTest({ data, fromModel: null }, config, { from: 1e-6, to: 10, steps: 100 });
    expect(result.lrs.length).toBeGreaterThan(20);
    expect(result.lrs.length).toBeLessThanOrEqual(100);
    expect(result.suggestedLr).toBeGreaterThan(1e-4);
    expect(result.suggestedLr).toBeLessThan(1);
    expect(result.minLossLr).toBeGreaterThan(1e-5);
    // the run made after the test starts from the same weights and trains identically
    const after = new TrainingSession(data, config);
    after.weights().params.forEach((p, l) => expect(p.weight).toEqual(initialBefore[l].weight));
    while (before.state !== 'done') before.advance(Infinity);
    while (after.state !== 'done') after.advance(Infinity);
    expect(after.history.map((m) => m.loss)).toEqual(before.history.map((m) => m.loss));
  });

  it('continuing a model: starts from the given weights and does not modify them', async () => {
    const { TrainingSession, defaultTrainConfig, lrRangeTest } = await import('../../../src-shared/training');
    const { spiral } = await import('./datasets');
    const data = spiral();
    const trained = new TrainingSession(data, { ...defaultTrainConfig(), epochs: 10 });
    while (trained.state !== 'done') trained.advance(Infinity);
    const weights = trained.weights().params;
    const copy = weights.map((p) => Float32Array.from(p.weight));
    const fresh = lrRangeTest({ data, fromModel: null }, defaultTrainConfig(), {
      from: 1e-6,
      to: 1e-5,
      steps: 3,
    });
    const cont = lrRangeTest(
      { data, fromModel: null },
      defaultTrainConfig(),
      { from: 1e-6, to: 1e-5, steps: 3 },
      weights,
    );
    weights.forEach((p, l) => expect(p.weight).toEqual(copy[l]));
    // a trained network starts from a much lower loss than a fresh one
    expect(cont.losses[0]).toBeLessThan(fresh.losses[0] * 0.8);
  });
});
