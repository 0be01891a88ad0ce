/**
 * Fused loss + output gradient. Each function reads the network output `out` (n x k) and the
 * targets, writes d(loss)/d(out) into `grad` (when given) and returns the loss, computed in
 * float64. Definitions (types.ts LossName):
 *   mse           Σ (out - y)² / (n·k)
 *   sse           Σ (out - y)²
 *   cross_entropy Σ_rows (logsumexp(out_r) - out_r[y_r]) / n      (y = class index per row)
 *   bce           Σ (max(z,0) - z·y + log(1 + e^-|z|)) / (n·k)     (with logits)
 */
import { sigmoid } from '../activations';
import type { LossName } from '../types';

/**
 * Loss summed over rows, without the final division by the batch (so chunked evaluation can add
 * chunks up); `scale` multiplies the gradient (the caller passes 1 / divisor of the whole batch).
 */
export function lossSumAndGrad(
  loss: LossName,
  out: Float32Array,
  y: Float32Array,
  n: number,
  k: number,
  grad: Float32Array | null,
  scale: number,
  /** At least k entries of scratch (the trainer's, so a step allocates nothing). */
  exps: Float64Array,
): number {
  switch (loss) {
    case 'mse':
    case 'sse':
      return squaredError(out, y, n * k, grad, scale);
    case 'cross_entropy':
      return softmaxCrossEntropy(out, y, n, k, grad, scale, exps);
    case 'bce':
      return binaryCrossEntropyWithLogits(out, y, n * k, grad, scale);
  }
}

/** What the summed loss is divided by to give the loss as defined above. */
export function lossDivisor(loss: LossName, n: number, k: number): number {
  switch (loss) {
    case 'mse':
    case 'bce':
      return n * k;
    case 'sse':
      return 1;
    case 'cross_entropy':
      return n;
  }
}

function squaredError(
  out: Float32Array,
  y: Float32Array,
  count: number,
  grad: Float32Array | null,
  scale: number,
): number {
  let sum = 0;
  const twoScale = 2 * scale;
  for (let j = 0; j < count; j++) {
    const diff = out[j] - y[j];
    sum += diff * diff;
    if (grad !== null) grad[j] = twoScale * diff;
  }
  return sum;
}

function softmaxCrossEntropy(
  out: Float32Array,
  y: Float32Array,
  n: number,
  k: number,
  grad: Float32Array | null,
  scale: number,
  exps: Float64Array,
): number {
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const row = r * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (out[row + c] > max) max = out[row + c];
    let expSum = 0;
    const label = y[r];
    if (grad !== null) {
      // exp() once per logit, kept in float64 so the softmax is rounded to float32 only once.
      for (let c = 0; c < k; c++) {
        const e = Math.exp(out[row + c] - max);
        exps[c] = e;
        expSum += e;
      }
      const inv = scale / expSum;
      for (let c = 0; c < k; c++) grad[row + c] = exps[c] * inv;
      grad[row + label] -= scale;
    } else {
      for (let c = 0; c < k; c++) expSum += Math.exp(out[row + c] - max);
    }
    sum += max + Math.log(expSum) - out[row + label];
  }
  return sum;
}

function binaryCrossEntropyWithLogits(
  out: Float32Array,
  y: Float32Array,
  count: number,
  grad: Float32Array | null,
  scale: number,
): number {
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const z = out[j];
    const t = y[j];
    sum += (z > 0 ? z : 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    if (grad !== null) grad[j] = scale * (sigmoid(z) - t);
  }
  return sum;
}

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
