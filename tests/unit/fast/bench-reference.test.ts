/**
 * The benchmark doubles as a correctness check: W1 and W2 start from the anchors' data,
 * weights and batch order, so they must land on the values PyTorch and TensorFlow.js reach
 * (../shared/bench/anchors/README.md, "Reference values"). Quality only, never timing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWorkload, type BenchRecord } from '../../../src-main/bench';

const options = {
  backend: 'auto' as const,
  progress: () => {},
  loadDigitsCsv: async () =>
    readFileSync(new URL('../../../src-shared/data/classic/digits.csv', import.meta.url), 'utf8'),
};

describe('benchmark workloads reproduce the anchor reference values', () => {
  it('W1 xor-seed: final loss 2.29e-10 for seed 0, 19 of 20 seeds converge (seed 15 stalls at 0.125)', async () => {
    const [record] = await runWorkload('W1', options);
    expect(record.workload).toBe('W1-xor-seed');
    const metric = record.metric as {
      final_loss_seed0: number;
      converged_frac_20seeds: number;
      final_losses: number[];
    };
    expect(Math.abs(metric.final_loss_seed0 - 2.29e-10)).toBeLessThan(0.1 * 2.29e-10);
    expect(metric.converged_frac_20seeds).toBe(0.95);
    expect(metric.final_losses[15]).toBeCloseTo(0.125, 4);
    expect(record.samples_per_s).toBeGreaterThan(0);
  });

  it('W2 spiral: train accuracy 298/300, last batch loss 0.03531', async () => {
    const [record]: BenchRecord[] = await runWorkload('W2', options);
    const metric = record.metric as { train_acc: number; last_batch_loss: number };
    expect(metric.train_acc).toBe(298 / 300);
    expect(Math.abs(metric.last_batch_loss - 0.03531)).toBeLessThan(2e-4);
  });
});
