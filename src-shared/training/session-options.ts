import type { DenseParams } from '../engine/types';
import type { BackendPreference } from '../engine/fast';
import type { EpochMetrics } from './types';

/** How a host sets up a TrainingSession beyond its data and config. */
export interface SessionOptions {
  /** Weights to continue from (e.g. a loaded model); must match the network the config and data define. */
  initial?: DenseParams[];
  /** Clock in milliseconds for time slices and `seconds` (default Date.now). */
  now?: () => number;
  /** Kernels: 'auto' (default) picks plain TypeScript or WebAssembly by layer width. */
  backend?: BackendPreference;
  /**
   * The row order of epoch `epoch` (0-based), a permutation of 0..n-1 the session only reads.
   * Default: the seeded reshuffle (see TrainingSession). The benchmark passes the anchors' orders.
   */
  batchOrder?: (epoch: number) => Int32Array;
  /**
   * Score train and validation sets and record layer diagnostics after every epoch (default
   * true). When false an epoch's metrics carry only `loss`, the mean of its batch losses, and
   * no extra pass over the data or the weights runs (the benchmark times the training loop alone).
   */
  scoreEpochs?: boolean;
  /** Called after each completed epoch; returning 'stop' stops the run there (state 'stopped'). */
  afterEpoch?: (metrics: EpochMetrics) => 'stop' | void;
}
