import { erf } from './special';
import type { Activation } from './types';

/**
 * Scalar activation functions with their derivatives. `df(x, y)` receives both the input x and
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
    f: Math.tanh,
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
