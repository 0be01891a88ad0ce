/**
 * The learning-rate range test (Leslie Smith, "Cyclical Learning Rates", 2017; fastai's
 * lr_find): train from the run's initial weights while the rate grows exponentially from
 * `from` to `to` over `steps` batches, record the loss smoothed as fastai does, stop once it
 * explodes, and suggest a rate. lrRangeTest trains a session made for the test alone (from the
 * same seeded initial weights, or the given ones, copied), so no run's weights are touched.
 */
import type { DenseParams } from '../engine/types';
import { startRun, type PreparedRun } from './run';
import type { TrainConfig } from './types';
export interface LrRangeOptions {
  /** First rate (default 1e-6). */
  from: number;
  /** Last rate (default 10). */
  to: number;
  /** Batches, one per rate (default 100). */
  steps: number;
}

export const DEFAULT_LR_RANGE: Readonly<LrRangeOptions> = Object.freeze({ from: 1e-6, to: 10, steps: 100 });

/** fastai's smoothing factor: an exponential moving average with bias correction. */
export const LR_RANGE_SMOOTHING = 0.98;
/** The test stops once the smoothed loss exceeds this multiple of its best value. */
export const LR_RANGE_EXPLODE = 4;

export interface LrRangeResult {
  /** The rate of each recorded batch. */
  lrs: number[];
  /** The smoothed loss after each recorded batch. */
  losses: number[];
  /** Steepest descent of the smoothed loss against log(lr): the rate to train with (null when too few points). */
  suggestedLr: number | null;
  /** The rate at the lowest smoothed loss, divided by 10: a second, more cautious opinion. */
  minLossLr: number | null;
  /** Why it ended before `steps` batches ('exploded' / 'diverged': the loss was 4x its best / not finite). */
  stoppedBecause: 'steps' | 'exploded' | 'diverged';
}

/** Rate of batch i (0-based): from · (to/from)^(i/(steps−1)). */
export function rangeTestLr(options: LrRangeOptions, i: number): number {
  if (options.steps <= 1) return options.from;
  return options.from * (options.to / options.from) ** (i / (options.steps - 1));
}

/**
 * Drives a range test: `trainAt(lr)` trains one batch at that rate and returns its loss.
 * Records the smoothed loss; stops at `steps`, at a non-finite loss (not recorded) or once the
 * smoothed loss passes 4x the best (recorded: the chart shows the blow-up).
 */
export function runRangeTest(options: LrRangeOptions, trainAt: (lr: number) => number): LrRangeResult {
  const lrs: number[] = [];
  const losses: number[] = [];
  let average = 0;
  let best = Infinity;
  let stoppedBecause: LrRangeResult['stoppedBecause'] = 'steps';
  for (let i = 0; i < options.steps; i++) {
    const lr = rangeTestLr(options, i);
    const loss = trainAt(lr);
    if (!Number.isFinite(loss)) {
      stoppedBecause = 'diverged';
      break;
    }
    average = LR_RANGE_SMOOTHING * average + (1 - LR_RANGE_SMOOTHING) * loss;
    const smoothed = average / (1 - LR_RANGE_SMOOTHING ** (i + 1));
    lrs.push(lr);
    losses.push(smoothed);
    if (!Number.isFinite(smoothed)) {
      stoppedBecause = 'diverged';
      break;
    }
    if (smoothed < best) best = smoothed;
    if (i > 0 && smoothed > LR_RANGE_EXPLODE * best) {
      stoppedBecause = 'exploded';
      break;
    }
  }
  return { lrs, losses, ...suggestLr(lrs, losses), stoppedBecause };
}

/**
 * The two suggestions from a recorded curve. Steepest descent: the most negative slope of the
 * smoothed loss against log(lr), looked for from the start up to the lowest loss — past the
 * minimum the curve only rises. The slope is taken over ±k points (k = n/15, at least 1: central
 * differences for short curves, as numpy.gradient) because batch-to-batch noise on the flat start
 * would otherwise outweigh the real descent; the first tenth of the points is skipped when there
 * are enough (fastai skips the start too: the smoothing has barely begun there).
 */
export function suggestLr(
  lrs: readonly number[],
  losses: readonly number[],
): { suggestedLr: number | null; minLossLr: number | null } {
  const n = losses.length;
  if (n === 0) return { suggestedLr: null, minLossLr: null };
  let minAt = 0;
  for (let i = 1; i < n; i++) if (losses[i] < losses[minAt]) minAt = i;
  const minLossLr = lrs[minAt] / 10;
  if (n < 3 || minAt < 1) return { suggestedLr: null, minLossLr };
  const x = lrs.map((lr) => Math.log(lr));
  const k = Math.max(1, Math.floor(n / 15));
  const slope = (i: number): number => {
    const lo = Math.max(0, i - k);
    const hi = Math.min(n - 1, i + k);
    return (losses[hi] - losses[lo]) / (x[hi] - x[lo]);
  };
  const skip = n >= 20 ? Math.floor(n / 10) : 0;
  let steepest = Math.min(skip, minAt);
  for (let i = steepest + 1; i <= minAt; i++) if (slope(i) < slope(steepest)) steepest = i;
  return { suggestedLr: slope(steepest) < 0 ? lrs[steepest] : null, minLossLr };
}

/**
 * The range test for a run: the network, loss, optimizer, batch size and seeded batch order of
 * `config` on the prepared run's data, starting from the weights the run would start from (the
 * continued model's, else `initial`, else the seeded init). Schedules and early stopping do not apply: the test sets the rate itself.
 */
export function lrRangeTest(
  prepared: PreparedRun,
  config: TrainConfig,
  options: LrRangeOptions = DEFAULT_LR_RANGE,
  initial?: DenseParams[],
): LrRangeResult {
  const plain = { ...config, schedule: undefined, earlyStopping: null };
  const { session } = startRun(prepared, plain, { initial });
  return runRangeTest(options, (lr) => session.trainBatchAt(lr));
}
