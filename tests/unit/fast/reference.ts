/**
 * An independent float64 re-statement of the network maths (straight from the definitions in
 * src-shared/engine/types.ts), used to check the fast path's float32 forward pass, losses and
 * gradients. Deliberately naive: one scalar at a time, no buffers shared with the engine.
 */
import { erf } from '../../../src-shared/engine/special';
import type { Activation, LossName, MlpSpec } from '../../../src-shared/engine/types';

export interface Params64 {
  weight: Float64Array;
  bias: Float64Array;
}

function act(name: Activation, x: number): number {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return Math.max(0, x);
    case 'leaky_relu':
      return x > 0 ? x : 0.01 * x;
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
  }
}

export function forward64(
  spec: MlpSpec,
  params: Params64[],
  x: ArrayLike<number>,
  n: number,
): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let r = 0; r < n; r++) {
    let h = Float64Array.from({ length: spec.inputSize }, (_, i) => x[r * spec.inputSize + i]);
    spec.layers.forEach((layer, l) => {
      const next = new Float64Array(layer.units);
      for (let o = 0; o < layer.units; o++) {
        let s = params[l].bias[o];
        for (let i = 0; i < h.length; i++) s += params[l].weight[o * h.length + i] * h[i];
        next[o] = act(layer.activation, s);
      }
      h = next;
    });
    rows.push(h);
  }
  return rows;
}

export function loss64(loss: LossName, outputs: Float64Array[], y: ArrayLike<number>): number {
  const n = outputs.length;
  const k = outputs[0].length;
  let sum = 0;
  outputs.forEach((out, r) => {
    if (loss === 'cross_entropy') {
      const m = Math.max(...out);
      const lse = m + Math.log(out.reduce((a, v) => a + Math.exp(v - m), 0));
      sum += lse - out[y[r]];
      return;
    }
    for (let c = 0; c < k; c++) {
      const t = y[r * k + c];
      const z = out[c];
      sum +=
        loss === 'bce'
          ? -(t * Math.log(1 / (1 + Math.exp(-z))) + (1 - t) * Math.log(1 - 1 / (1 + Math.exp(-z))))
          : (z - t) ** 2;
    }
  });
  if (loss === 'sse') return sum;
  if (loss === 'cross_entropy') return sum / n;
  return sum / (n * k);
}
