import { describe, expect, it } from 'vitest';
import {
  SCHEDULES,
  epochLearningRates,
  learningRateAt,
  type ScheduleConfig,
} from '../../../src-shared/training/schedule';
import { expectClose, torchFixture } from './torch-fixtures';

interface ScheduleCase {
  schedule: ScheduleConfig;
  lr: number;
  epochs: number;
  batchesPerEpoch: number;
  perBatch: boolean;
  lrs: number[];
}

const cases = torchFixture<{ cases: ScheduleCase[] }>('schedules.json').cases;

function label(c: ScheduleCase): string {
  const s = c.schedule;
  return `${s.name} lr ${c.lr}, ${c.epochs} epochs x ${c.batchesPerEpoch} batches, warmup ${s.warmup}, step ${s.stepSize}, gamma ${s.gamma}`;
}

describe('learning-rate schedules against PyTorch (StepLR, CosineAnnealingLR, LinearLR warm-up, OneCycleLR)', () => {
  it('the fixture covers every schedule, with and without warm-up', () => {
    for (const name of SCHEDULES) expect(cases.some((c) => c.schedule.name === name)).toBe(true);
    expect(cases.some((c) => c.schedule.warmup > 0 && c.schedule.name === 'cosine')).toBe(true);
    expect(cases.some((c) => c.schedule.warmup > 0 && c.schedule.name === 'step')).toBe(true);
  });

  it.each(cases.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    const clock = { epochs: c.epochs, batchesPerEpoch: c.batchesPerEpoch };
    const ours: number[] = [];
    for (let e = 0; e < c.epochs; e++) {
      if (c.perBatch)
        for (let b = 0; b < c.batchesPerEpoch; b++) ours.push(learningRateAt(c.schedule, c.lr, clock, e, b));
      else ours.push(learningRateAt(c.schedule, c.lr, clock, e));
    }
    expectClose(ours, c.lrs, 1e-6, 1e-15, 'lr');
  });

  it('epochLearningRates is the rate each epoch starts with', () => {
    const c = cases.find((x) => x.perBatch && x.batchesPerEpoch > 1)!;
    const perEpoch = epochLearningRates(c.schedule, c.lr, {
      epochs: c.epochs,
      batchesPerEpoch: c.batchesPerEpoch,
    });
    expectClose(
      perEpoch,
      c.lrs.filter((_, i) => i % c.batchesPerEpoch === 0),
      1e-6,
      1e-15,
      'first batch lr',
    );
  });
});
