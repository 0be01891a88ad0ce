import type { Rng } from './rng';
import type { DenseParams, InitName } from './types';

/** The weight value drawn k-th for an init (biases are handled separately). */
function weightSampler(init: InitName, inSize: number, outSize: number, rng: Rng): () => number {
  switch (init) {
    case 'uniform':
      return () => 2 * rng.next() - 1;
    case 'pytorch': {
      const bound = 1 / Math.sqrt(inSize);
      return () => bound * (2 * rng.next() - 1);
    }
    case 'xavier': {
      const bound = Math.sqrt(6 / (inSize + outSize));
      return () => bound * (2 * rng.next() - 1);
    }
    case 'he': {
      const std = Math.sqrt(2 / inSize);
      return () => std * rng.normal();
    }
  }
}

/**
 * Fresh parameters of one Dense layer (weight [out, in] row-major, Float32Array).
 *   uniform: W ~ U(-1, 1), b = 0                       (the micrograd seed)
 *   pytorch: W, b ~ U(-1/√in, 1/√in)                    (nn.Linear's default; biases drawn after all weights)
 *   xavier:  W ~ U(-√(6/(in+out)), √(6/(in+out))), b = 0 (Glorot uniform)
 *   he:      W ~ N(0, 2/in), b = 0                       (Kaiming normal, fan_in, gain √2)
 * Same rng state in, same parameters out, bit for bit.
 */
export function initDenseParams(inSize: number, outSize: number, init: InitName, rng: Rng): DenseParams {
  const weight = new Float32Array(outSize * inSize);
  const bias = new Float32Array(outSize);
  const draw = weightSampler(init, inSize, outSize, rng);
  // Row-major weight[o][i], one output unit after another, like micrograd's Neuron and like
  // PyTorch fills nn.Linear.weight (anchorDenseParams below keeps the anchors' [in, out] order).
  for (let k = 0; k < weight.length; k++) weight[k] = draw();
  if (init === 'pytorch') {
    const bound = 1 / Math.sqrt(inSize);
    for (let o = 0; o < outSize; o++) bias[o] = bound * (2 * rng.next() - 1);
  }
  return { inSize, outSize, weight, bias };
}

/**
 * The benchmark anchors' init (../shared/bench/anchors/README.md): W[i][o] = scale·(2·rng() − 1)
 * drawn in the transposed [in, out] order, zero
 * biases (scale 1 for W1, 1/√fanIn for W2–W4). Exposed so the benchmark reproduces the anchor
 * runs exactly instead of re-deriving the formula.
 */
export function anchorDenseParams(inSize: number, outSize: number, scale: number, rng: Rng): DenseParams {
  const weight = new Float32Array(outSize * inSize);
  for (let i = 0; i < inSize; i++)
    for (let o = 0; o < outSize; o++) weight[o * inSize + i] = scale * (2 * rng.next() - 1);
  return { inSize, outSize, weight, bias: new Float32Array(outSize) };
}
