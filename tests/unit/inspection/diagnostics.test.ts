import { describe, expect, it } from 'vitest';
import {
  activationHistogram,
  deadShare,
  firstNonFinite,
  l2Norm,
  layerDiagnostics,
} from '../../../src-shared/inspection';

const dense = (weight: number[]) => ({
  inSize: weight.length,
  outSize: 1,
  weight: Float32Array.from(weight),
  bias: new Float32Array(1),
});

describe('layerDiagnostics', () => {
  it('computes norms and the update/weight ratio by hand', () => {
    const before = [Float32Array.from([3, 4])];
    const after = [dense([3, 4.5])];
    const [d] = layerDiagnostics(before, after, [{ weight: Float32Array.from([1, 2, 2]) }]);
    expect(d.weightNorm).toBeCloseTo(Math.sqrt(9 + 20.25), 6);
    expect(d.gradNorm).toBeCloseTo(3, 6);
    expect(d.updateRatio).toBeCloseTo(0.5 / 5, 6);
    expect(l2Norm([])).toBe(0);
  });

  it('finds the first epoch and layer with a non-finite value', () => {
    const ok = { weightNorm: 1, gradNorm: 1, updateRatio: 0.01 };
    expect(firstNonFinite([{ epoch: 1, layers: [ok, ok] }])).toBeNull();
    const found = firstNonFinite([
      { epoch: 1, layers: [ok, ok] },
      { epoch: 2, layers: [ok, { ...ok, gradNorm: Infinity }] },
      { epoch: 3, layers: [{ ...ok, weightNorm: NaN }, ok] },
    ]);
    expect(found).toEqual({ epoch: 2, layer: 1, what: 'gradNorm' });
  });
});

describe('activationHistogram and deadShare', () => {
  // rows x units = 5 x 2; unit 1 is the column [-1, 0, 0.5, 1, NaN].
  const values = Float32Array.from([9, -1, 9, 0, 9, 0.5, 9, 1, 9, NaN]);

  it('bins one column over its finite range', () => {
    const h = activationHistogram(values, 5, 2, 1, 4);
    expect(h.min).toBe(-1);
    expect(h.max).toBe(1);
    expect(h.counts).toEqual([1, 0, 1, 2]);
    expect(h.nonFinite).toBe(1);
  });

  it('puts a constant unit in one bin', () => {
    const h = activationHistogram(Float32Array.from([0, 0, 0]), 3, 1, 0, 5);
    expect(h.counts).toEqual([3, 0, 0, 0, 0]);
  });

  it('counts rows where a ReLU-family unit is inactive, and nothing for other activations', () => {
    expect(deadShare('relu', values, 5, 2, 1)).toBeCloseTo(2 / 5, 9);
    expect(deadShare('leaky_relu', Float32Array.from([-0.01, 0.3]), 2, 1, 0)).toBe(0.5);
    expect(deadShare('tanh', values, 5, 2, 1)).toBeNull();
  });
});
