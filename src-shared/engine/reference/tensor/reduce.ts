import { Tensor, type GradRule, type Storage } from './tensor';

/**
 * Gradient rules of the reductions (all produce a [1, 1] tensor; G = out.grad[0]):
 *   sum          Σ a        da += G
 *   mean         Σ a / N    da += G / N
 *   sum_squares  Σ a²       da += 2·G·a
 *   sum_abs      Σ |a|      da += G·sign(a)   (sign(0) = 0, as PyTorch)
 */
export const REDUCE_RULES = {
  sum: {
    name: 'sum',
    backward(out) {
      addConstant(out.inputs[0], (out.grad as Storage)[0]);
    },
  },
  mean: {
    name: 'mean',
    backward(out) {
      const a = out.inputs[0];
      addConstant(a, (out.grad as Storage)[0] / a.size);
    },
  },
  sum_squares: {
    name: 'sum_squares',
    backward(out) {
      const a = out.inputs[0];
      const g2 = 2 * (out.grad as Storage)[0];
      const ga = a.gradBuffer();
      for (let i = 0; i < a.size; i++) ga[i] += g2 * a.data[i];
    },
  },
  sum_abs: {
    name: 'sum_abs',
    backward(out) {
      const a = out.inputs[0];
      const g = (out.grad as Storage)[0];
      const ga = a.gradBuffer();
      for (let i = 0; i < a.size; i++) ga[i] += g * Math.sign(a.data[i]);
    },
  },
} satisfies Record<string, GradRule>;

function addConstant(a: Tensor, value: number): void {
  const ga = a.gradBuffer();
  for (let i = 0; i < ga.length; i++) ga[i] += value;
}

function reduction(a: Tensor, rule: GradRule, value: number): Tensor {
  const out = Tensor.result(1, 1, a, [a], rule);
  out.data[0] = value;
  return out;
}

export function sum(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i];
  return reduction(a, REDUCE_RULES.sum, s);
}

export function mean(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i];
  return reduction(a, REDUCE_RULES.mean, s / a.size);
}

export function sumSquares(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * a.data[i];
  return reduction(a, REDUCE_RULES.sum_squares, s);
}

export function sumAbs(a: Tensor): Tensor {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += Math.abs(a.data[i]);
  return reduction(a, REDUCE_RULES.sum_abs, s);
}
