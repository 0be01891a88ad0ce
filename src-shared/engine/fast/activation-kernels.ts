/**
 * Whole-buffer activation passes for the fast path. The formulas are ACTIVATION_FNS
 * (../activations.ts, the one table every engine uses); these loops only iterate. Each case
 * has its own call site to one function, so V8 inlines it and a training step still makes one
 * call per layer instead of an indirect call per element.
 */
import { ACTIVATION_FNS } from '../activations';
import type { Activation } from '../types';

const { relu, leaky_relu: leakyRelu, tanh, sigmoid, gelu } = ACTIVATION_FNS;

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
    case 'relu': {
      const f = relu.f;
      for (let k = 0; k < count; k++) out[k] = f(z[k]);
      return;
    }
    case 'leaky_relu': {
      const f = leakyRelu.f;
      for (let k = 0; k < count; k++) out[k] = f(z[k]);
      return;
    }
    case 'tanh': {
      const f = tanh.f;
      for (let k = 0; k < count; k++) out[k] = f(z[k]);
      return;
    }
    case 'sigmoid': {
      const f = sigmoid.f;
      for (let k = 0; k < count; k++) out[k] = f(z[k]);
      return;
    }
    case 'gelu': {
      const f = gelu.f;
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
      // relu.df is 1 above 0 and 0 elsewhere, so the product is a store of 0 where z ≤ 0 (or
      // NaN): written so, it is 1.4x faster than loading and multiplying by df. The test
      // tests/unit/fast/activation-kernels.test.ts keeps every case equal to the table.
      for (let k = 0; k < count; k++) if (!(z[k] > 0)) grad[k] = 0;
      return;
    case 'leaky_relu': {
      const df = leakyRelu.df;
      for (let k = 0; k < count; k++) grad[k] *= df(z[k], y[k]);
      return;
    }
    case 'tanh': {
      const df = tanh.df;
      for (let k = 0; k < count; k++) grad[k] *= df(z[k], y[k]);
      return;
    }
    case 'sigmoid': {
      const df = sigmoid.df;
      for (let k = 0; k < count; k++) grad[k] *= df(z[k], y[k]);
      return;
    }
    case 'gelu': {
      const df = gelu.df;
      for (let k = 0; k < count; k++) grad[k] *= df(z[k], y[k]);
      return;
    }
  }
}
