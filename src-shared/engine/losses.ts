/**
 * THE table of losses: the fast trainer and the tensor engine both compute every loss, its
 * gradient and the output transform with these functions (definitions: types.ts LossName and
 * PyTorch's default reductions).
 *   mse            Σ (p − y)² / (n·k)                             F.mse_loss
 *   sse            Σ (p − y)²                                     F.mse_loss(reduction='sum')
 *   cross_entropy  Σ_rows (logsumexp(p_r) − p_r[y_r]) / n         F.cross_entropy, y = class index
 *   bce            Σ (max(p,0) − p·y + log(1 + e^−|p|)) / (n·k)   F.binary_cross_entropy_with_logits
 * Gradients d(loss)/dp, before the division by the divisor:
 *   mse, sse  2(p − y)     cross_entropy  softmax(p) − onehot(y)     bce  σ(p) − y
 * Sums are float64 whatever the storage.
 */
import { ACTIVATION_FNS } from './activations';
import type { LossName, OutputTransform } from './types';

type Values = Float32Array | Float64Array;

export interface LossFn {
  /**
   * The loss summed over the batch, NOT yet divided by `divisor` (so chunked evaluation can add
   * chunks up). Reads p (n x k) and the targets (class index per row for cross_entropy, n·k
   * values otherwise); when `grad` is given, writes scale·d(sum)/dp into it (the caller passes
   * scale = 1 / divisor of the whole batch). `scratch` holds at least k float64 values, so a
   * step allocates nothing.
   */
  sumAndGrad(
    p: Values,
    y: ArrayLike<number>,
    n: number,
    k: number,
    grad: Values | null,
    scale: number,
    scratch: Float64Array,
  ): number;
  /** What the sum is divided by to give the loss as defined above. */
  divisor(n: number, k: number): number;
  /** What turns the raw outputs into predictions (probabilities or values). */
  output: OutputTransform;
}

/**
 * The one softmax: scale·softmax(x[xOffset .. xOffset+k)) into out[outOffset ..] (skipped when
 * out is null); returns the row's log-sum-exp. Shifted by the row max so exp never overflows;
 * the exps stay float64 in `exps` (k values of scratch), so out is rounded only once. out may
 * be x itself (every x is read before out is written).
 */
export function softmaxRow(
  x: ArrayLike<number>,
  xOffset: number,
  k: number,
  exps: Float64Array,
  out: Values | null,
  outOffset: number,
  scale: number,
): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (x[xOffset + c] > max) max = x[xOffset + c];
  let expSum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(x[xOffset + c] - max);
    exps[c] = e;
    expSum += e;
  }
  if (out !== null) {
    const factor = scale / expSum;
    for (let c = 0; c < k; c++) out[outOffset + c] = exps[c] * factor;
  }
  return max + Math.log(expSum);
}

function squaredError(
  p: Values,
  y: ArrayLike<number>,
  count: number,
  grad: Values | null,
  scale: number,
): number {
  let sum = 0;
  const twoScale = 2 * scale;
  for (let j = 0; j < count; j++) {
    const diff = p[j] - y[j];
    sum += diff * diff;
    if (grad !== null) grad[j] = twoScale * diff;
  }
  return sum;
}

const sigmoid = ACTIVATION_FNS.sigmoid.f;

export const LOSS_FNS: Readonly<Record<LossName, LossFn>> = {
  mse: {
    sumAndGrad: (p, y, n, k, grad, scale) => squaredError(p, y, n * k, grad, scale),
    divisor: (n, k) => n * k,
    output: 'none',
  },
  sse: {
    sumAndGrad: (p, y, n, k, grad, scale) => squaredError(p, y, n * k, grad, scale),
    divisor: () => 1,
    output: 'none',
  },
  cross_entropy: {
    sumAndGrad(p, y, n, k, grad, scale, exps) {
      let sum = 0;
      for (let r = 0; r < n; r++) {
        const row = r * k;
        const label = y[r];
        sum += softmaxRow(p, row, k, exps, grad, row, scale) - p[row + label];
        if (grad !== null) grad[row + label] -= scale;
      }
      return sum;
    },
    divisor: (n) => n,
    output: 'softmax',
  },
  bce: {
    sumAndGrad(p, y, n, k, grad, scale) {
      let sum = 0;
      const count = n * k;
      for (let j = 0; j < count; j++) {
        const z = p[j];
        const t = y[j];
        sum += (z > 0 ? z : 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
        if (grad !== null) grad[j] = scale * (sigmoid(z) - t);
      }
      return sum;
    },
    divisor: (n, k) => n * k,
    output: 'sigmoid',
  },
};

/** Turns raw outputs (n x k, in place) into predictions: softmax per row, sigmoid, or nothing. */
export function applyOutputTransform(values: Values, n: number, k: number, output: OutputTransform): void {
  if (output === 'sigmoid') {
    for (let j = 0; j < n * k; j++) values[j] = sigmoid(values[j]);
  } else if (output === 'softmax') {
    const exps = new Float64Array(k);
    for (let r = 0; r < n; r++) softmaxRow(values, r * k, k, exps, values, r * k, 1);
  }
}
