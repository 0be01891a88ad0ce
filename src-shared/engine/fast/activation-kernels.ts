/**
 * Whole-buffer activation passes for the fast path. The formulas are those of
 * ../activations.ts (ACTIVATION_FNS, the scalar definitions the tests check against); the
 * cheap ones are written out as loops here so a training step makes one call per layer
 * instead of one indirect call per element. GELU (exact erf form) uses the shared scalar
 * definition directly: it is rare and erf dominates its cost anyway.
 */
import { ACTIVATION_FNS, LEAKY_RELU_SLOPE, sigmoid } from '../activations';
import type { Activation } from '../types';

const TANH_SERIES_LIMIT = 0.01;

/**
 * tanh from one Math.exp (about half the cost of Math.tanh in V8). Relative to Math.tanh it is
 * within ~1e-14, far below the float32 rounding every output goes through; near 0, where
 * 1 - 2/(e+1) would cancel, the series x - x³/3 + 2x⁵/15 takes over.
 */
export function tanhViaExp(x: number): number {
  if (Math.abs(x) < TANH_SERIES_LIMIT) {
    const x2 = x * x;
    return x * (1 - x2 * (1 / 3 - (2 / 15) * x2));
  }
  return 1 - 2 / (Math.exp(2 * x) + 1);
}

/** out[k] = f(z[k]) for k < count. `out` may be `z` itself. */
export function activateForward(
  activation: Activation,
  z: Float32Array,
  out: Float32Array,
  count: number,
): void {
  switch (activation) {
    case 'linear':
      if (out !== z) out.set(z.subarray(0, count));
      return;
    case 'relu':
      for (let k = 0; k < count; k++) {
        const v = z[k];
        out[k] = v > 0 ? v : 0;
      }
      return;
    case 'leaky_relu':
      for (let k = 0; k < count; k++) {
        const v = z[k];
        out[k] = v > 0 ? v : LEAKY_RELU_SLOPE * v;
      }
      return;
    case 'tanh':
      for (let k = 0; k < count; k++) out[k] = tanhViaExp(z[k]);
      return;
    case 'sigmoid':
      for (let k = 0; k < count; k++) out[k] = sigmoid(z[k]);
      return;
    case 'gelu': {
      const { f } = ACTIVATION_FNS.gelu;
      for (let k = 0; k < count; k++) out[k] = f(z[k]);
      return;
    }
  }
}

/** grad[k] *= f'(z[k]) given the input z and output y = f(z). */
export function activateBackward(
  activation: Activation,
  z: Float32Array,
  y: Float32Array,
  grad: Float32Array,
  count: number,
): void {
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let k = 0; k < count; k++) if (!(z[k] > 0)) grad[k] = 0;
      return;
    case 'leaky_relu':
      for (let k = 0; k < count; k++) if (!(z[k] > 0)) grad[k] *= LEAKY_RELU_SLOPE;
      return;
    case 'tanh':
      for (let k = 0; k < count; k++) {
        const t = y[k];
        grad[k] *= 1 - t * t;
      }
      return;
    case 'sigmoid':
      for (let k = 0; k < count; k++) {
        const s = y[k];
        grad[k] *= s * (1 - s);
      }
      return;
    case 'gelu': {
      const { df } = ACTIVATION_FNS.gelu;
      for (let k = 0; k < count; k++) grad[k] *= df(z[k], y[k]);
      return;
    }
  }
}
