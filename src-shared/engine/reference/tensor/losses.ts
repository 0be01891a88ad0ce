import { sigmoid } from '../../activations';
import type { LossName } from '../../types';
import { Tensor, allocate, type GradRule, type Storage } from './tensor';

/*
 * Fused losses: each computes the scalar loss of predictions/logits p [n, k] against constant
 * targets in one pass, and its rule writes d(loss)/dp directly (no graph of elementwise ops),
 * which is both faster and numerically safer (log-sum-exp, logits-form BCE).
 * Definitions are those of types.ts LossName and PyTorch's default reductions:
 *   mse            Σ (p − y)² / (n·k)                      F.mse_loss
 *   sse            Σ (p − y)²                              F.mse_loss(reduction='sum')
 *   cross_entropy  Σ_rows (logsumexp(p_r) − p_r[y_r]) / n   F.cross_entropy, y = class index
 *   bce            Σ (max(p,0) − p·y + log(1 + e^−|p|)) / (n·k)   F.binary_cross_entropy_with_logits
 * Gradient rules (G = out.grad[0]):
 *   mse   dp += G·2(p − y)/(n·k)      sse  dp += G·2(p − y)
 *   cross_entropy  dp += G·(softmax(p) − onehot(y))/n
 *   bce   dp += G·(σ(p) − y)/(n·k)
 */

function squaredErrorBackward(out: Tensor, factor: number): void {
  const p = out.inputs[0];
  const y = out.saved.values as Storage;
  const g = factor * (out.grad as Storage)[0];
  const gp = p.gradBuffer();
  for (let i = 0; i < p.size; i++) gp[i] += g * (p.data[i] - y[i]);
}

export const LOSS_RULES = {
  mse: {
    name: 'mse',
    backward(out) {
      squaredErrorBackward(out, 2 / out.inputs[0].size);
    },
  },
  sse: {
    name: 'sse',
    backward(out) {
      squaredErrorBackward(out, 2);
    },
  },
  cross_entropy: {
    name: 'cross_entropy',
    backward(out) {
      const p = out.inputs[0];
      const probs = out.saved.values as Storage;
      const labels = out.saved.labels as ArrayLike<number>;
      const g = (out.grad as Storage)[0] / p.rows;
      const gp = p.gradBuffer();
      for (let r = 0; r < p.rows; r++) {
        const row = r * p.cols;
        for (let c = 0; c < p.cols; c++) gp[row + c] += g * probs[row + c];
        gp[row + labels[r]] -= g;
      }
    },
  },
  bce: {
    name: 'bce',
    backward(out) {
      const p = out.inputs[0];
      const y = out.saved.values as Storage;
      const g = (out.grad as Storage)[0] / p.size;
      const gp = p.gradBuffer();
      for (let i = 0; i < p.size; i++) gp[i] += g * (sigmoid(p.data[i]) - y[i]);
    },
  },
} satisfies Record<string, GradRule>;

/** A float64 copy of the targets, checked against the prediction's size. */
function targetValues(loss: string, p: Tensor, targets: Tensor | ArrayLike<number>): Storage {
  const source = targets instanceof Tensor ? targets.data : targets;
  if (source.length !== p.size)
    throw new RangeError(
      `${loss}: ${source.length} targets for predictions [${p.rows}, ${p.cols}] (need ${p.size})`,
    );
  const copy = allocate('float64', p.size);
  for (let i = 0; i < copy.length; i++) copy[i] = source[i];
  return copy;
}

function scalarResult(p: Tensor, rule: GradRule, value: number, saved: Tensor['saved']): Tensor {
  const out = Tensor.result(1, 1, p, [p], rule, saved);
  out.data[0] = value;
  return out;
}

function sumSquaredError(p: Tensor, y: Storage): number {
  let s = 0;
  for (let i = 0; i < p.size; i++) {
    const d = p.data[i] - y[i];
    s += d * d;
  }
  return s;
}

export function mseLoss(p: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  const y = targetValues('mse', p, targets);
  return scalarResult(p, LOSS_RULES.mse, sumSquaredError(p, y) / p.size, { values: y });
}

export function sseLoss(p: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  const y = targetValues('sse', p, targets);
  return scalarResult(p, LOSS_RULES.sse, sumSquaredError(p, y), { values: y });
}

/** Softmax cross-entropy over the rows of `logits` with one integer class per row. */
export function crossEntropyLoss(logits: Tensor, labels: ArrayLike<number>): Tensor {
  const { rows, cols } = logits;
  if (labels.length !== rows) throw new RangeError(`cross_entropy: ${labels.length} labels for ${rows} rows`);
  const classes = new Int32Array(rows);
  const probs = allocate('float64', logits.size);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (!Number.isInteger(label) || label < 0 || label >= cols)
      throw new RangeError(`cross_entropy: label ${label} in row ${r} is not a class index 0..${cols - 1}`);
    classes[r] = label;
    const row = r * cols;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, logits.data[row + c]);
    let expSum = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(logits.data[row + c] - max);
      probs[row + c] = e;
      expSum += e;
    }
    for (let c = 0; c < cols; c++) probs[row + c] /= expSum;
    total += max + Math.log(expSum) - logits.data[row + label];
  }
  return scalarResult(logits, LOSS_RULES.cross_entropy, total / rows, { values: probs, labels: classes });
}

/** Binary cross-entropy on logits (sigmoid folded in), targets in [0, 1]. */
export function bceWithLogitsLoss(logits: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  const y = targetValues('bce', logits, targets);
  let s = 0;
  for (let i = 0; i < logits.size; i++) {
    const z = logits.data[i];
    s += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return scalarResult(logits, LOSS_RULES.bce, s / logits.size, { values: y });
}

/** The loss a config names. `targets`: class index per row for cross_entropy, n·k values otherwise. */
export function lossByName(name: LossName, p: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  switch (name) {
    case 'mse':
      return mseLoss(p, targets);
    case 'sse':
      return sseLoss(p, targets);
    case 'cross_entropy':
      return crossEntropyLoss(p, targets instanceof Tensor ? targets.data : targets);
    case 'bce':
      return bceWithLogitsLoss(p, targets);
  }
}
