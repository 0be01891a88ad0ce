import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createWasmBackend } from '../../../src-shared/engine/fast/wasm-backend';
import { Rng } from '../../../src-shared/engine/rng';

/*
 * The relaxed-SIMD kernel (f32x4.relaxed_madd: one rounding per multiply-add where the CPU fuses
 * it) against the plain-SIMD kernel (two roundings) and a float64 reference: both must be within
 * float32 accumulation error of the exact product, so within a tolerance of each other; and
 * each kernel is deterministic on its own (a rerun is bit-identical).
 */
setFlagsFromString('--experimental-wasm-relaxed-simd');

// Straddle the 4x8 micro-tile and the MC 64 / KC 128 / NC 256 blocks.
const SHAPES: [number, number, number][] = [
  [7, 9, 5],
  [33, 17, 129],
  [64, 128, 784],
  [65, 259, 300],
];

function product(relaxed: boolean, n: number, inSize: number, outSize: number) {
  const backend = createWasmBackend({ relaxed });
  if (backend === null) throw new Error('no wasm backend');
  const [x, w, bias, out] = backend.allocate([n * inSize, outSize * inSize, outSize, n * outSize]);
  const rng = new Rng(n * 7 + inSize * 3 + outSize);
  for (const a of [x, w, bias]) for (let j = 0; j < a.length; j++) a[j] = rng.uniform(-1, 1);
  const run = () => {
    backend.kernels.forward(x, w, bias, out, n, inSize, outSize);
    return Float32Array.from(out);
  };
  const first = run();
  return { name: backend.kernels.name, first, second: run(), x, w, bias };
}

describe('relaxed SIMD (FMA) GEMM kernel', () => {
  it.each(SHAPES)('n=%i in=%i out=%i: within rounding of plain SIMD and of float64', (n, inSize, outSize) => {
    const fma = product(true, n, inSize, outSize);
    const plain = product(false, n, inSize, outSize);
    expect(fma.name).toBe('wasm-relaxed-simd');
    expect(plain.name).toBe('wasm-simd');
    // Per-kernel determinism: the same call twice gives the same bits.
    expect(Array.from(fma.second)).toEqual(Array.from(fma.first));
    expect(Array.from(plain.second)).toEqual(Array.from(plain.first));
    let worstVsExact = 0;
    let worstVsPlain = 0;
    for (let r = 0; r < n; r++)
      for (let o = 0; o < outSize; o++) {
        let exact = fma.bias[o];
        let magnitude = Math.abs(exact);
        for (let i = 0; i < inSize; i++) {
          exact += fma.x[r * inSize + i] * fma.w[o * inSize + i];
          magnitude += Math.abs(fma.x[r * inSize + i] * fma.w[o * inSize + i]);
        }
        const j = r * outSize + o;
        // float32 summation of K terms: error bounded by ~K·eps·Σ|terms|.
        const bound = inSize * 2 ** -23 * magnitude + 1e-30;
        worstVsExact = Math.max(worstVsExact, Math.abs(fma.first[j] - exact) / bound);
        worstVsPlain = Math.max(worstVsPlain, Math.abs(fma.first[j] - plain.first[j]) / bound);
      }
    expect(worstVsExact).toBeLessThan(1);
    expect(worstVsPlain).toBeLessThan(2);
  });
});
