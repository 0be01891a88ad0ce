import { describe, expect, it } from 'vitest';
import { BestEpochTracker } from '../../../src-shared/training/early-stop';
import type { EpochMetrics } from '../../../src-shared/training/types';

function epoch(n: number, valLoss: number | null): EpochMetrics {
  return {
    epoch: n,
    loss: 1,
    valLoss,
    accuracy: null,
    valAccuracy: valLoss === null ? null : 1 - valLoss,
    r2: null,
    valR2: null,
    mae: null,
    valMae: null,
    seconds: 0,
  };
}

/** Feeds val losses until the tracker says stop; returns the stopping epoch (or null). */
function feed(tracker: BestEpochTracker, losses: (number | null)[]): number | null {
  for (let i = 0; i < losses.length; i++) if (tracker.observe(epoch(i + 1, losses[i])).stop) return i + 1;
  return null;
}

describe('early stopping (Keras EarlyStopping on val_loss, restore_best_weights)', () => {
  it('stops at best epoch + patience and remembers the best epoch', () => {
    const tracker = new BestEpochTracker({ patience: 3, minDelta: 0 });
    const stopped = feed(tracker, [1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9, 0.5]);
    expect(tracker.best).toEqual({ epoch: 3, valLoss: 0.7, valAccuracy: 1 - 0.7 });
    expect(stopped).toBe(6);
  });

  it('an improvement must exceed min delta; smaller ones count as no improvement', () => {
    const tracker = new BestEpochTracker({ patience: 2, minDelta: 0.05 });

    const stopped = feed(tracker, [1.0, 0.97, 0.93, 0.9, 0.89, 0.5]);
    expect(tracker.best?.epoch).toBe(3);
    expect(stopped).toBe(5);
  });

  it('a new best resets the patience', () => {
    const tracker = new BestEpochTracker({ patience: 2, minDelta: 0 });
    const stopped = feed(tracker, [1, 1.1, 0.9, 1.2, 0.8, 0.85, 0.86, 0.1]);
    expect(tracker.best?.epoch).toBe(5);
    expect(stopped).toBe(7);
  });

  it('without a rule it only tracks the best epoch and never stops', () => {
    const tracker = new BestEpochTracker(null);
    expect(feed(tracker, [1, 2, 3, 4, 5, 6, 0.5, 7])).toBeNull();
    expect(tracker.best?.epoch).toBe(7);
  });

  it('epochs without a validation loss are ignored', () => {
    const tracker = new BestEpochTracker({ patience: 1, minDelta: 0 });
    expect(feed(tracker, [null, null, null])).toBeNull();
    expect(tracker.best).toBeNull();
  });
});
