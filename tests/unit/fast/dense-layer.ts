/**
 * One dense layer's three products (forward, weight and bias gradients, input gradient) over
 * arrays a backend allocated: the kernel tests run them on one backend and check another's.
 */
import type { FastBackend } from '../../../src-shared/engine/fast/backend';
import type { DenseKernels } from '../../../src-shared/engine/fast/kernels';

export interface LayerArrays {
  x: Float32Array;
  w: Float32Array;
  bias: Float32Array;
  out: Float32Array;
  dz: Float32Array;
  gw: Float32Array;
  gb: Float32Array;
  dx: Float32Array;
}

export interface LayerShape {
  n: number;
  inSize: number;
  outSize: number;
}

export function allocateLayer(backend: FastBackend, { n, inSize, outSize }: LayerShape): LayerArrays {
  const [x, w, bias, out, dz, gw, gb, dx] = backend.allocate([
    n * inSize,
    outSize * inSize,
    outSize,
    n * outSize,
    n * outSize,
    outSize * inSize,
    outSize,
    n * inSize,
  ]);
  return { x, w, bias, out, dz, gw, gb, dx };
}

/** Writes out, gw, gb and dx from x, w, bias and dz. */
export function runLayer(kernels: DenseKernels, a: LayerArrays, { n, inSize, outSize }: LayerShape): void {
  kernels.forward(a.x, a.w, a.bias, a.out, n, inSize, outSize);
  kernels.backwardParams(a.dz, a.x, a.gw, a.gb, n, inSize, outSize);
  kernels.backwardInput(a.dz, a.w, a.dx, n, inSize, outSize);
}
