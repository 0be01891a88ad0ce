import { describe, expect, it } from 'vitest';
import { anchorDenseParams, initDenseParams } from '../../../src-shared/engine/init';
import { Rng } from '../../../src-shared/engine/rng';
import { INITS } from '../../../src-shared/engine/types';

function stats(a: Float32Array): { mean: number; variance: number; min: number; max: number } {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of a) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / a.length;
  let sq = 0;
  for (const v of a) sq += (v - mean) ** 2;
  return { mean, variance: sq / a.length, min, max };
}

describe('initDenseParams', () => {
  it('is bit-identical for the same seed and differs for another seed', () => {
    for (const init of INITS) {
      const a = initDenseParams(7, 5, init, new Rng(123));
      const b = initDenseParams(7, 5, init, new Rng(123));
      const c = initDenseParams(7, 5, init, new Rng(124));
      expect(Buffer.from(a.weight.buffer).equals(Buffer.from(b.weight.buffer))).toBe(true);
      expect(Buffer.from(a.bias.buffer).equals(Buffer.from(b.bias.buffer))).toBe(true);
      expect(Array.from(a.weight)).not.toEqual(Array.from(c.weight));
    }
  });

  it('draws [out, in] row-major weights first, then pytorch biases', () => {
    const rng = new Rng(0);
    const draws = Array.from({ length: 2 * 3 + 3 }, () => rng.next());
    const p = initDenseParams(2, 3, 'pytorch', new Rng(0));
    const bound = 1 / Math.sqrt(2);
    expect(p.weight.length).toBe(6);
    for (let k = 0; k < 6; k++) expect(p.weight[k]).toBe(Math.fround(bound * (2 * draws[k] - 1)));
    for (let o = 0; o < 3; o++) expect(p.bias[o]).toBe(Math.fround(bound * (2 * draws[6 + o] - 1)));
  });

  it("anchorDenseParams draws in the benchmark anchors' transposed [fanIn, fanOut] order", () => {
    const a = anchorDenseParams(2, 8, 1, new Rng(0));
    // mulberry32(0) starts 0.26642920868471265: W[0][0] = 2u - 1 lives at weight[0 * 2 + 0]
    expect(a.weight[0]).toBe(Math.fround(2 * 0.26642920868471265 - 1));
    // the second draw goes to W[0][1] = weight[1 * inSize + 0]
    expect(a.weight[2]).toBe(Math.fround(2 * 0.0003297457005828619 - 1));
    expect(Array.from(a.bias)).toEqual(new Array(8).fill(0));
  });

  it('has the documented ranges and spreads', () => {
    const inSize = 50;
    const outSize = 40;
    const uniform = stats(initDenseParams(inSize, outSize, 'uniform', new Rng(1)).weight);
    expect(uniform.min).toBeGreaterThanOrEqual(-1);
    expect(uniform.max).toBeLessThan(1);
    expect(uniform.variance).toBeCloseTo(1 / 3, 1);

    const torchParams = initDenseParams(inSize, outSize, 'pytorch', new Rng(2));
    const bound = 1 / Math.sqrt(inSize);
    const tw = stats(torchParams.weight);
    expect(tw.max).toBeLessThanOrEqual(bound);
    expect(tw.min).toBeGreaterThanOrEqual(-bound);
    expect(tw.variance / ((bound * bound) / 3)).toBeGreaterThan(0.9);
    expect(tw.variance / ((bound * bound) / 3)).toBeLessThan(1.1);
    expect(torchParams.bias.some((b) => b !== 0)).toBe(true);
    expect(Math.max(...torchParams.bias.map(Math.abs))).toBeLessThanOrEqual(bound);

    const xavier = initDenseParams(inSize, outSize, 'xavier', new Rng(3));
    const xb = Math.sqrt(6 / (inSize + outSize));
    const xs = stats(xavier.weight);
    expect(xs.max).toBeLessThanOrEqual(xb);
    expect(xs.min).toBeGreaterThanOrEqual(-xb);
    expect(xs.variance / ((xb * xb) / 3)).toBeGreaterThan(0.9);
    expect(xs.variance / ((xb * xb) / 3)).toBeLessThan(1.1);
    expect(Array.from(xavier.bias)).toEqual(new Array(outSize).fill(0));

    const he = initDenseParams(inSize, outSize, 'he', new Rng(4));
    const hs = stats(he.weight);
    expect(Math.abs(hs.mean)).toBeLessThan(0.02);
    expect(hs.variance / (2 / inSize)).toBeGreaterThan(0.9);
    expect(hs.variance / (2 / inSize)).toBeLessThan(1.1);
    expect(Array.from(he.bias)).toEqual(new Array(outSize).fill(0));
  });
});
