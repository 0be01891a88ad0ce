/**
 * The weights a run may end with other than its live ones: the best epoch's (early stopping with
 * keep 'best') and the last finite epoch's (what a divergence falls back to). Copies, refreshed
 * in place after each epoch, put back into the live parameters on demand.
 */
import type { DenseParams } from '../engine/types';
import { copyParams, setParams } from './network-spec';

export class KeptWeights {
  /** Best epoch's weights, kept only when an early-stopping run ends with them (keep 'best'). */
  private readonly bestWeights: DenseParams[] | null;
  private hasBest = false;
  /** Weights after the last finite epoch (the initial ones before the first): what divergence keeps. */
  private readonly goodWeights: DenseParams[];
  private goodEpoch = 0;
  private from: 'best' | 'last' = 'last';
  private keptAfterDivergence: number | null = null;

  /** `initial`: the weights before the first epoch; `keepBest`: keep the best epoch's too. */
  constructor(initial: readonly DenseParams[], keepBest: boolean) {
    this.bestWeights = keepBest ? copyParams(initial) : null;
    this.goodWeights = copyParams(initial);
  }

  /** Which weights the network holds at the end: the best epoch's once restoreBest ran. */
  get weightsFrom(): 'best' | 'last' {
    return this.from;
  }

  /** The epoch whose weights a diverged run kept (0: the initial ones), null if none diverged. */
  get keptEpoch(): number | null {
    return this.keptAfterDivergence;
  }

  /** Epoch `epoch` ended with finite losses and weights `params`. */
  finiteEpoch(epoch: number, params: readonly DenseParams[]): void {
    setParams(this.goodWeights, params);
    this.goodEpoch = epoch;
  }

  /** `params` are the best epoch's weights so far. */
  bestEpoch(params: readonly DenseParams[]): void {
    if (!this.bestWeights) return;
    setParams(this.bestWeights, params);
    this.hasBest = true;
  }

  /** Early stopping with keep 'best': puts the best epoch's weights into `params` (once). */
  restoreBest(params: readonly DenseParams[]): void {
    if (!this.bestWeights || !this.hasBest || this.from === 'best') return;
    setParams(params, this.bestWeights);
    this.from = 'best';
  }

  /** Puts the last finite epoch's weights into `params`; returns that epoch (0: the initial weights). */
  restoreLastFinite(params: readonly DenseParams[]): number {
    setParams(params, this.goodWeights);
    this.keptAfterDivergence = this.goodEpoch;
    return this.goodEpoch;
  }
}
