import { Tensor, gradRule, type GradRule } from './tensor';

/* Reductions: each produces a [1, 1] tensor; its rule spreads G = out.grad[0] over the input. */

function reduction(a: Tensor, rule: GradRule, value: number): Tensor {
  const out = Tensor.result(1, 1, a, [a], rule, undefined);
  out.data[0] = value;
  return out;
}

/** A gradient of a's size, each element f(a_i)·G. */
function spread(a: Tensor, f: (x: number) => number): Float64Array {
  const da = new Float64Array(a.size);
  for (let i = 0; i < a.size; i++) da[i] = f(a.data[i]);
  return da;
}

/** Σ a:  da = G */
const SUM = gradRule('sum', (g, out) => [spread(out.inputs[0], () => g[0])]);

export function sum(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i];
  return reduction(a, SUM, s);
}

/** Σ a / N:  da = G / N */
const MEAN = gradRule('mean', (g, out) => {
  const a = out.inputs[0];
  return [spread(a, () => g[0] / a.size)];
});

export function mean(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i];
  return reduction(a, MEAN, s / a.size);
}

/** Σ a²:  da = 2·G·a */
const SUM_SQUARES = gradRule('sum_squares', (g, out) => [spread(out.inputs[0], (x) => 2 * g[0] * x)]);

export function sumSquares(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * a.data[i];
  return reduction(a, SUM_SQUARES, s);
}

/** Σ |a|:  da = G·sign(a)  (sign(0) = 0, as PyTorch) */
const SUM_ABS = gradRule('sum_abs', (g, out) => [spread(out.inputs[0], (x) => g[0] * Math.sign(x))]);

export function sumAbs(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += Math.abs(a.data[i]);
  return reduction(a, SUM_ABS, s);
}

export const REDUCE_RULES = { sum: SUM, mean: MEAN, sum_squares: SUM_SQUARES, sum_abs: SUM_ABS };
