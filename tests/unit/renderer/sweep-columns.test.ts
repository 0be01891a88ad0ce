import { describe, expect, it } from 'vitest';
import { settingsOf, type SweepRun } from '@shared/experiments';
import { DEFAULT_TRAIN_CONFIG } from '@shared/training';
import { runColumns } from '../../../src-renderer/src/lib/sweep-view';

function run(index: number, valAccuracy: number | null, linear: number | null, baselines = true): SweepRun {
  return {
    index,
    config: { seed: 1 },
    settings: settingsOf(DEFAULT_TRAIN_CONFIG),
    trainConfig: DEFAULT_TRAIN_CONFIG,
    final: { loss: 0.3, valLoss: 0.4, accuracy: valAccuracy, valAccuracy },
    best: { epoch: 3, valLoss: 0.4, valAccuracy },
    seconds: 0.1,
    epochs: 3,
    state: 'done',
    message: null,
    ...(baselines
      ? {
          baselines: {
            trivial: { valLoss: 0.7, valAccuracy: valAccuracy === null ? null : 0.5 },
            linear: { valLoss: linear, valAccuracy: valAccuracy === null ? null : linear },
          },
        }
      : {}),
  };
}

const labels = (runs: SweepRun[]) => runColumns(runs, []).map((c) => c.label);

describe('sweep results columns', () => {
  it("show each run's linear baseline before seconds: accuracy for classes, loss for regression", () => {
    const classes = runColumns([run(0, 0.9, 0.625), run(1, 0.8, null)], []);
    const linear = classes.at(-2)!;
    expect([linear.label, classes.at(-1)!.label]).toEqual(['linear baseline val acc', 'seconds']);
    expect([linear.format(run(0, 0.9, 0.625)), linear.format(run(1, 0.8, null))]).toEqual(['62.5%', '–']);
    expect(labels([run(0, null, 0.25)]).at(-2)).toBe('linear baseline val loss');
    expect(
      runColumns([run(0, null, 0.25)], [])
        .at(-2)!
        .format(run(0, null, 0.25)),
    ).toBe('0.2500');
  });

  it('has no baseline column for results without baselines (imported from before)', () => {
    expect(labels([run(0, 0.9, 0.6, false)]).some((l) => l.includes('baseline'))).toBe(false);
  });
});
