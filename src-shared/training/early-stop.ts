/**
 * Early stopping and the best epoch, with Keras' EarlyStopping semantics (monitor val_loss,
 * mode min): an epoch improves when its validation loss is below the best so far by MORE than
 * `minDelta`; after `patience` epochs in a row without improvement the run stops. So a run that
 * stops does so at epoch best + patience. The best epoch is tracked on every run with a
 * validation split (the learning curves mark it); only early-stopped runs keep its weights
 * (`keep: 'best'`, the default — Keras' restore_best_weights), see TrainingSession.
 */
import type { EpochMetrics } from './types';

export interface EarlyStopping {
  /** Epochs without improvement after which the run stops (>= 1). */
  patience: number;
  /** Smallest decrease of the validation loss that counts as an improvement (>= 0). */
  minDelta: number;
}

/** Which weights a run with early stopping ends with: the best epoch's or the last epoch's. */
export const KEEP_CHOICES = ['best', 'last'] as const;
export type Keep = (typeof KEEP_CHOICES)[number];

export interface BestEpoch {
  epoch: number;
  valLoss: number;
  /** Classification only. */
  valAccuracy: number | null;
}

export class BestEpochTracker {
  private bestSoFar: BestEpoch | null = null;
  private epochsWithoutImprovement = 0;
  private readonly minDelta: number;

  constructor(private readonly rule: EarlyStopping | null) {
    this.minDelta = rule?.minDelta ?? 0;
  }

  get best(): BestEpoch | null {
    return this.bestSoFar;
  }

  /** Epochs since the last improvement. */
  get wait(): number {
    return this.epochsWithoutImprovement;
  }

  /**
   * Records an epoch. `improved`: it is the new best (its weights are the ones to keep);
   * `stop`: early stopping's patience ran out with this epoch. Epochs without a finite
   * validation loss neither improve nor count towards patience.
   */
  observe(metrics: EpochMetrics): { improved: boolean; stop: boolean } {
    const loss = metrics.valLoss;
    if (loss === null || !Number.isFinite(loss)) return { improved: false, stop: false };
    if (this.bestSoFar === null || loss < this.bestSoFar.valLoss - this.minDelta) {
      this.bestSoFar = { epoch: metrics.epoch, valLoss: loss, valAccuracy: metrics.valAccuracy };
      this.epochsWithoutImprovement = 0;
      return { improved: true, stop: false };
    }
    this.epochsWithoutImprovement++;
    return {
      improved: false,
      stop: this.rule !== null && this.epochsWithoutImprovement >= this.rule.patience,
    };
  }
}
