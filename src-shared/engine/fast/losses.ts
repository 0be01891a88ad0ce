/**
 * Accuracy counting for the fast trainer. The losses themselves (value, gradient, divisor) are
 * the one table in ../losses.ts.
 */
import type { LossName } from '../types';

/** Correct predictions in a batch: argmax vs class index (cross_entropy), threshold 0 on the logit (bce, one output) or argmax vs argmax of the targets (bce, several outputs). */
export function countCorrect(
  loss: LossName,
  out: Float32Array,
  y: Float32Array,
  n: number,
  k: number,
): number {
  if (loss === 'cross_entropy') {
    let correct = 0;
    for (let r = 0; r < n; r++) if (argmax(out, r * k, k) === y[r]) correct++;
    return correct;
  }
  if (loss === 'bce') {
    let correct = 0;
    if (k === 1) {
      for (let r = 0; r < n; r++) if (out[r] > 0 === y[r] >= 0.5) correct++;
    } else {
      for (let r = 0; r < n; r++) if (argmax(out, r * k, k) === argmax(y, r * k, k)) correct++;
    }
    return correct;
  }
  return 0;
}

/** Index of the first maximum of values[start .. start+count). */
export function argmax(values: Float32Array, start: number, count: number): number {
  let best = 0;
  let bestValue = values[start];
  for (let c = 1; c < count; c++) {
    if (values[start + c] > bestValue) {
      bestValue = values[start + c];
      best = c;
    }
  }
  return best;
}
