import { erf } from './special';
import type { Activation } from './types';

/**
 * THE table of activations: every engine computes f and f′ with these functions (the scalar
 * Value ops, the tensor `activation` op, and the fast path's whole-buffer loops, which call
 * them per element so V8 inlines them). Scalar activation functions with their derivatives. `df(x, y)` receives both the input x and
 * the output y = f(x) because for tanh/sigmoid the derivative is cheapest from y, while for
 * relu/gelu it needs x: a fused backward loop can pass whichever it kept and pay nothing extra.
 * Conventions match PyTorch: relu'(0) = 0, leaky_relu'(0) = slope, gelu is the exact erf form.
 */
export interface ActivationFn {
  f(x: number): number;
  df(x: number, y: number): number;
}

export const LEAKY_RELU_SLOPE = 0.01;
const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const TANH_SERIES_LIMIT = 0.01;

/**
 * tanh from one Math.exp (about half the cost of Math.tanh in V8). Relative to Math.tanh it is
 * within ~1e-14, far below the float32 rounding every fast-path output goes through; near 0,
 * where 1 - 2/(e+1) would cancel, the series x - x³/3 + 2x⁵/15 takes over.
 */
export function tanhViaExp(x: number): number {
  if (Math.abs(x) < TANH_SERIES_LIMIT) {
    const x2 = x * x;
    return x * (1 - x2 * (1 / 3 - (2 / 15) * x2));
  }
  return 1 - 2 / (Math.exp(2 * x) + 1);
}

/** Overflow-free logistic: exp is only ever taken of a non-positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x * INV_SQRT2));
}

/** d/dx [x·Φ(x)] = Φ(x) + x·φ(x). */
export function geluDerivative(x: number): number {
  return 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

export const ACTIVATION_FNS: Record<Activation, ActivationFn> = {
  linear: {
    f: (x) => x,
    df: () => 1,
  },
  relu: {
    f: (x) => (x > 0 ? x : 0),
    df: (x) => (x > 0 ? 1 : 0),
  },
  leaky_relu: {
    f: (x) => (x > 0 ? x : LEAKY_RELU_SLOPE * x),
    df: (x) => (x > 0 ? 1 : LEAKY_RELU_SLOPE),
  },
  tanh: {
    f: tanhViaExp,
    df: (_x, y) => 1 - y * y,
  },
  sigmoid: {
    f: sigmoid,
    df: (_x, y) => y * (1 - y),
  },
  gelu: {
    f: gelu,
    df: geluDerivative,
  },
};
