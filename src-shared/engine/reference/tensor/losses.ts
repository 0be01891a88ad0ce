import { LOSS_FNS } from '../../losses';
import { LOSSES, type LossName } from '../../types';
import { Tensor, allocate, gradRule, type GradRule, type Storage } from './tensor';

/*
 * Fused losses over predictions/logits p [n, k] and constant targets. The value and d(loss)/dp
 * both come from LOSS_FNS (../../losses.ts, the table the fast trainer uses too), computed in
 * one pass in the forward op; the rule only scales the saved dp by G = out.grad[0]:  dp·G.
 */

/** What a loss op saves: d(loss)/dp, or null when p needs no gradient. */
interface LossSaved {
  dp: Float64Array | null;
}

function lossRule(name: LossName): GradRule<LossSaved> {
  return gradRule<LossSaved>(name, (g, _out, { dp }) => {
    if (dp === null) return [null];
    const gp = new Float64Array(dp.length);
    for (let i = 0; i < dp.length; i++) gp[i] = g[0] * dp[i];
    return [gp];
  });
}

export const LOSS_RULES = Object.fromEntries(LOSSES.map((name) => [name, lossRule(name)])) as Record<
  LossName,
  GradRule<LossSaved>
>;

function lossOp(name: LossName, p: Tensor, y: ArrayLike<number>): Tensor {
  const { sumAndGrad, divisor } = LOSS_FNS[name];
  const d = divisor(p.rows, p.cols);
  const dp = p.requiresGrad ? new Float64Array(p.size) : null;
  const total = sumAndGrad(p.data, y, p.rows, p.cols, dp, 1 / d, new Float64Array(p.cols));
  const out = Tensor.result(1, 1, p, [p], LOSS_RULES[name], { dp });
  out.data[0] = total / d;
  return out;
}

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

export function mseLoss(p: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  return lossOp('mse', p, targetValues('mse', p, targets));
}

export function sseLoss(p: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  return lossOp('sse', p, targetValues('sse', p, targets));
}

/** Softmax cross-entropy over the rows of `logits` with one integer class per row. */
export function crossEntropyLoss(logits: Tensor, labels: ArrayLike<number>): Tensor {
  const { rows, cols } = logits;
  if (labels.length !== rows) throw new RangeError(`cross_entropy: ${labels.length} labels for ${rows} rows`);
  const classes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (!Number.isInteger(label) || label < 0 || label >= cols)
      throw new RangeError(`cross_entropy: label ${label} in row ${r} is not a class index 0..${cols - 1}`);
    classes[r] = label;
  }
  return lossOp('cross_entropy', logits, classes);
}

/** Binary cross-entropy on logits (sigmoid folded in), targets in [0, 1]. */
export function bceWithLogitsLoss(logits: Tensor, targets: Tensor | ArrayLike<number>): Tensor {
  return lossOp('bce', logits, targetValues('bce', logits, targets));
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
