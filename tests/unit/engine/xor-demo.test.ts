import { describe, expect, it } from 'vitest';
import { runXorDemo, XOR_INPUTS, XOR_TARGETS } from '../../../src-shared/engine/reference/scalar/xor-demo';
import { ScalarMLP } from '../../../src-shared/engine/reference/scalar/nn';
import { sumValues } from '../../../src-shared/engine/reference/scalar/value';
import torchPreset from '../../fixtures/torch/xor_pytorch_preset.json';

function firstEpochBelow(losses: { epoch: number; loss: number }[], threshold: number): number {
  return losses.find((l) => l.loss < threshold)?.epoch ?? Infinity;
}

describe('runXorDemo', () => {
  it("'seed' preset: 33 parameters, loss logged every 50 epochs, converges to ~0", () => {
    const run = runXorDemo('seed', { seed: 0 });
    expect(run.parameters).toBe(33);
    expect(run.losses.map((l) => l.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => 50 * (i + 1)));
    expect(run.losses[0].loss).toBeGreaterThan(0.1);
    expect(run.finalLoss).toBeLessThan(1e-20);
    expect(firstEpochBelow(run.losses, 1e-3)).toBeLessThanOrEqual(200);
  });

  it("'pytorch' preset (default nn.Linear init, mean MSE) reaches loss < 1e-3 like PyTorch does", () => {
    // PyTorch itself (tests/fixtures/torch/xor_pytorch_preset.json, float64, torch seeds 0..19)
    // crosses 1e-3 between epochs 300 and 750, median 400, all 20 converge: "by epoch ~400" is the
    // typical seed, not every seed. Our seeds 0..9 cross at 600 350 never 400 600 400 250 600 600
    // 500 (median 500; over seeds 0..19 our median is 425 and 19/20 converge). Different random
    // draws of the same init distribution, so compare the statistics with two log intervals of slack.
    const torchRuns = torchPreset.runs.map((r) => r['firstEpochBelow1e-3'] ?? Infinity);
    const torchSorted = [...torchRuns].sort((a, b) => a - b);
    const torchMedian = (torchSorted[9] + torchSorted[10]) / 2;
    const crossings: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const run = runXorDemo('pytorch', { seed });
      crossings.push(firstEpochBelow(run.losses, 1e-3));
      expect(run.parameters).toBe(33);
    }
    const sorted = [...crossings].sort((a, b) => a - b);
    expect(torchMedian).toBeLessThanOrEqual(450);
    expect(sorted[4]).toBeLessThanOrEqual(torchMedian + 100);
    const converged = crossings.filter((e) => e <= 1000).length / crossings.length;
    const torchConverged = torchRuns.filter((e) => e <= 1000).length / torchRuns.length;
    expect(converged).toBeGreaterThanOrEqual(torchConverged - 0.1);
    for (const e of crossings)
      if (Number.isFinite(e)) expect(e).toBeLessThanOrEqual(torchSorted[torchSorted.length - 1]);
  });

  it('is deterministic for a seed and different across seeds', () => {
    const a = runXorDemo('pytorch', { seed: 3, epochs: 100 });
    const b = runXorDemo('pytorch', { seed: 3, epochs: 100 });
    const c = runXorDemo('pytorch', { seed: 4, epochs: 100 });
    expect(a).toEqual(b);
    expect(a.finalLoss).not.toBe(c.finalLoss);
  });

  it('the sum-of-squares loss has exactly 4x the gradient of the mean (why the seed preset moves faster)', () => {
    const mlp = new ScalarMLP(2, [8, 1], { init: 'pytorch', rng: 1 });
    const squared = () => XOR_INPUTS.map((x, i) => mlp.forward(x)[0].sub(XOR_TARGETS[i]).pow(2));
    mlp.zeroGrad();
    sumValues(squared()).backward();
    const sumGrads = mlp.parameters().map((p) => p.grad);
    mlp.zeroGrad();
    sumValues(squared()).div(4).backward();
    const meanGrads = mlp.parameters().map((p) => p.grad);
    sumGrads.forEach((g, i) => expect(g).toBeCloseTo(4 * meanGrads[i], 14));
    expect(sumGrads.some((g) => g !== 0)).toBe(true);
  });
});
