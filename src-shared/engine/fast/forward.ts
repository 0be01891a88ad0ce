/**
 * The forward pass over preallocated per-layer buffers, shared by inference (FastMlp) and
 * training (MlpTrainer). Buffers are sized for `maxBatch` rows once; a pass allocates nothing.
 */
import type { Rng } from '../rng';
import type { MlpSpec } from '../types';
import { activateForward } from './activation-kernels';
import type { DenseKernels } from './kernels';

export interface LayerBuffers {
  /** Pre-activation x·Wᵀ + b. */
  z: Float32Array;
  /** Activation output f(z); the same array as `z` for a linear layer. */
  h: Float32Array;
  /** What the next layer reads: `h`, or `h` times the dropout mask while training. */
  out: Float32Array;
  /** Inverted-dropout multipliers (0 or 1/(1-p)); hidden layers only, training only. */
  mask: Float32Array | null;
}

export interface Dropout {
  rate: number;
  rng: Rng;
}

/** Number of floats a layer's buffers need (used to size one allocation up front). */
export function layerBufferLengths(spec: MlpSpec, maxBatch: number, withDropout: boolean): number[][] {
  return spec.layers.map((layer, l) => {
    const size = maxBatch * layer.units;
    const hidden = l < spec.layers.length - 1;
    const lengths = [size];
    if (layer.activation !== 'linear') lengths.push(size);
    if (hidden && withDropout) lengths.push(size, size);
    return lengths;
  });
}

/** Builds LayerBuffers from arrays allocated in the order layerBufferLengths listed them. */
export function assembleLayerBuffers(
  spec: MlpSpec,
  arrays: Float32Array[][],
  withDropout: boolean,
): LayerBuffers[] {
  return spec.layers.map((layer, l) => {
    const list = arrays[l];
    let next = 0;
    const z = list[next++];
    const h = layer.activation === 'linear' ? z : list[next++];
    const hidden = l < spec.layers.length - 1;
    if (hidden && withDropout) {
      return { z, h, out: list[next], mask: list[next + 1] };
    }
    return { z, h, out: h, mask: null };
  });
}

/**
 * Runs rows x[0..n) through the network; returns the last layer's output buffer (valid until
 * the next pass). With `dropout`, hidden outputs are masked (training); without, `out` = `h`.
 */
export function forwardLayers(
  kernels: DenseKernels,
  spec: MlpSpec,
  weights: readonly Float32Array[],
  biases: readonly Float32Array[],
  buffers: readonly LayerBuffers[],
  x: Float32Array,
  n: number,
  dropout: Dropout | null,
): Float32Array {
  let input = x;
  let inSize = spec.inputSize;
  const last = spec.layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const { units, activation } = spec.layers[l];
    const b = buffers[l];
    const count = n * units;
    kernels.forward(input, weights[l], biases[l], b.z, n, inSize, units);
    activateForward(activation, b.z, b.h, count);
    if (b.mask !== null && dropout !== null && dropout.rate > 0) {
      applyDropout(b.h, b.out, b.mask, count, dropout);
      input = b.out;
    } else {
      input = b.h;
    }
    inSize = units;
  }
  return buffers[last].h;
}

function applyDropout(
  h: Float32Array,
  out: Float32Array,
  mask: Float32Array,
  count: number,
  dropout: Dropout,
): void {
  const keep = 1 / (1 - dropout.rate);
  const { rate, rng } = dropout;
  for (let k = 0; k < count; k++) {
    const m = rng.next() < rate ? 0 : keep;
    mask[k] = m;
    out[k] = h[k] * m;
  }
}
