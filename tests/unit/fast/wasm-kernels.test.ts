import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { FastMlp, MlpTrainer } from '../../../src-shared/engine/fast';
import { jsKernels } from '../../../src-shared/engine/fast/kernels';
import { createBackend } from '../../../src-shared/engine/fast/backend-select';
import { createWasmBackend } from '../../../src-shared/engine/fast/wasm-backend';
import { WASM_KERNELS_BASE64 } from '../../../src-shared/engine/fast/wasm-kernels.generated';
import { Rng } from '../../../src-shared/engine/rng';
import type { MlpSpec } from '../../../src-shared/engine/types';
import { allocateLayer, runLayer } from './dense-layer';

// As the CLI does, so both kernel modules (relaxed SIMD and plain SIMD) are available here.
setFlagsFromString('--experimental-wasm-relaxed-simd');

function fill(array: Float32Array, rng: Rng) {
  for (let j = 0; j < array.length; j++) array[j] = rng.uniform(-1, 1);
}

function expectNear(actual: Float32Array, expected: Float32Array, what: string) {
  for (let j = 0; j < expected.length; j++) {
    if (Math.abs(actual[j] - expected[j]) > 1e-5 * (1 + Math.abs(expected[j])))
      throw new Error(`${what}[${j}]: wasm ${actual[j]} vs js ${expected[j]}`);
  }
}

// Shapes straddle the micro-tile (4 rows x 8 columns) and the blocking (K 128, N 256) edges.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [4, 8, 16],
  [9, 13, 2],
  [32, 64, 10],
  [5, 300, 9],
  [17, 260, 131],
  [64, 40, 300],
];

describe('WebAssembly SIMD kernels', () => {
  it('load in Node (SIMD is available in Node 20, Electron and current browsers; relaxed SIMD behind a flag in Node 20)', () => {
    expect(createWasmBackend({ relaxed: false })?.kernels.name).toBe('wasm-simd');
    expect(createWasmBackend()?.kernels.name).toBe('wasm-relaxed-simd');
  });

  it.each(SHAPES.flatMap((shape) => [true, false].map((relaxed) => [...shape, relaxed] as const)))(
    'match the plain-TS kernels for n=%i, in=%i, out=%i (relaxed %s)',
    (n, inSize, outSize, relaxed) => {
      const backend = createWasmBackend({ relaxed });
      if (backend === null) throw new Error('no wasm backend');
      const shape = { n, inSize, outSize };
      const layer = allocateLayer(backend, shape);
      const rng = new Rng(n * 1000 + inSize * 10 + outSize);
      const { x, w, bias, out, dz, gw, gb, dx } = layer;
      for (const a of [x, w, bias, dz, out, gw, gb, dx]) fill(a, rng);
      // The plain-TS kernels write their own outputs from the same inputs.
      const ref = (a: Float32Array) => new Float32Array(a.length);
      const js = { ...layer, out: ref(out), gw: ref(gw), gb: ref(gb), dx: ref(dx) };
      runLayer(jsKernels, js, shape);
      runLayer(backend.kernels, layer, shape);
      expectNear(out, js.out, 'forward');
      expectNear(gw, js.gw, 'weight grad');
      expectNear(gb, js.gb, 'bias grad');
      expectNear(dx, js.dx, 'input grad');
    },
  );

  it('refuses arrays outside its memory instead of reading garbage', () => {
    const backend = createWasmBackend();
    if (backend === null) throw new Error('no wasm backend');
    const [w, bias, out] = backend.allocate([4, 2, 4]);
    expect(() => backend.kernels.forward(new Float32Array(4), w, bias, out, 2, 2, 2)).toThrow(
      /outside their memory/,
    );
  });

  it('auto picks wasm for wide layers and JS for tiny ones', () => {
    const tiny: MlpSpec = {
      inputSize: 2,
      layers: [
        { units: 8, activation: 'relu' },
        { units: 1, activation: 'linear' },
      ],
    };
    const wide: MlpSpec = {
      inputSize: 64,
      layers: [
        { units: 64, activation: 'relu' },
        { units: 10, activation: 'linear' },
      ],
    };
    expect(createBackend('auto', tiny).kernels.name).toBe('js');
    expect(createBackend('auto', wide).kernels.name).toBe('wasm-relaxed-simd');
    expect(createBackend('wasm-simd', wide).kernels.name).toBe('wasm-simd');
    expect(createBackend('js', wide).kernels.name).toBe('js');
  });

  it('trains the same network to the same place as the JS kernels (float32 rounding apart)', () => {
    const spec: MlpSpec = {
      inputSize: 20,
      layers: [
        { units: 33, activation: 'relu' },
        { units: 17, activation: 'tanh' },
        { units: 5, activation: 'linear' },
      ],
    };
    const rng = new Rng(9);
    const n = 50;
    const x = Float32Array.from({ length: n * 20 }, () => rng.uniform(-1, 1));
    const y = Float32Array.from({ length: n }, () => rng.int(5));
    const losses = (backend: 'js' | 'wasm') => {
      const mlp = FastMlp.create(spec, 'xavier', new Rng(1));
      const trainer = new MlpTrainer(mlp, {
        loss: 'cross_entropy',
        optimizer: { name: 'adam', lr: 0.01 },
        regularization: 'l2',
        regRate: 1e-3,
        dropout: 0.1,
        seed: 3,
        maxBatch: 16,
        backend,
      });
      const perm = Int32Array.from({ length: n }, (_, i) => i);
      const out: number[] = [];
      for (let epoch = 0; epoch < 10; epoch++)
        for (let s = 0; s < n; s += 16)
          out.push(trainer.trainRows({ x, y, n, inputSize: 20 }, perm, s, Math.min(16, n - s)));
      return { out, trainer, mlp };
    };
    const js = losses('js');
    const wasm = losses('wasm');
    expect(wasm.trainer.backendName).toBe('wasm-relaxed-simd');
    expect(js.out[js.out.length - 1]).toBeLessThan(js.out[0] * 0.8);
    js.out.forEach((loss, i) => expect(wasm.out[i]).toBeCloseTo(loss, 4));
    // The trained parameters are readable through the FastMlp (moved into wasm memory, same values).
    expect(wasm.mlp.forward(x, n)[0]).toBeCloseTo(js.mlp.forward(x, n)[0], 3);
    expect(wasm.trainer.evaluate(x, y, n).correct).toBe(js.trainer.evaluate(x, y, n).correct);
  });
});

// The raw gemm export, driven with the strides of each of the three dense-layer products.
interface RawKernels {
  heapBase(): number;
  scratchBytes(): number;
  gemm(...args: number[]): void;
}
const rawMemory = new WebAssembly.Memory({ initial: 258 });
const raw = new WebAssembly.Instance(
  new WebAssembly.Module(Uint8Array.from(atob(WASM_KERNELS_BASE64), (ch) => ch.charCodeAt(0))),
  { env: { memory: rawMemory } },
).exports as unknown as RawKernels;
const rawScratch = Math.ceil(raw.heapBase() / 16) * 16;
const rawHeap = rawScratch + raw.scratchBytes();

// Strides of a(m,k) and b(k,n) for each product (see assembly/kernels.ts).
const PRODUCTS = {
  forward: (M: number, N: number, K: number) => [K, 1, 1, K], // a = x, b = Wᵀ read from W [N,K]
  weightGrad: (M: number, N: number, _K: number) => [1, M, N, 1], // a = dzᵀ read from dz [K,M], b = x
  inputGrad: (M: number, N: number, K: number) => [K, 1, N, 1], // a = dz, b = W
} as const;

// M, N, K straddle the 4x8 micro-tile, the 4-row A strips, the 4-wide transposes of the
// packing and the MC 64 / KC 128 / NC 256 blocks.
const GEMM_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 9, 3],
  [3, 5, 7],
  [4, 8, 4],
  [5, 9, 5],
  [7, 17, 6],
  [8, 16, 131],
  [63, 7, 129],
  [65, 33, 257],
  [69, 258, 11],
  [6, 520, 130],
  [11, 23, 0],
];

describe('wasm gemm, bit for bit', () => {
  // The kernel adds a(m,k)·b(k,n) to its starting value in k order, each product and sum
  // rounded to float32, so a Math.fround loop in the same order must agree exactly.
  it.each(GEMM_SHAPES)('M=%i N=%i K=%i, all three products, modes 0/1/2', (M, N, K) => {
    const rng = new Rng(M * 10007 + N * 101 + K);
    for (const [name, strides] of Object.entries(PRODUCTS)) {
      const [sAm, sAk, sBk, sBn] = strides(M, N, K);
      for (const mode of [0, 1, 2]) {
        const a = rawHeap;
        const b = a + 4 * M * K + 64;
        const c = b + 4 * K * N + 64;
        const bias = c + 4 * M * N + 64;
        const f = new Float32Array(rawMemory.buffer);
        const A = f.subarray(a / 4, a / 4 + M * K);
        const B = f.subarray(b / 4, b / 4 + K * N);
        const C = f.subarray(c / 4, c / 4 + M * N);
        const bv = f.subarray(bias / 4, bias / 4 + N);
        for (const arr of [A, B, C, bv]) fill(arr, rng);
        const expected = new Float32Array(M * N);
        for (let m = 0; m < M; m++)
          for (let n = 0; n < N; n++) {
            let acc = mode === 1 ? C[m * N + n] : mode === 2 ? bv[n] : 0;
            for (let k = 0; k < K; k++)
              acc = Math.fround(acc + Math.fround(A[m * sAm + k * sAk] * B[k * sBk + n * sBn]));
            expected[m * N + n] = acc;
          }
        raw.gemm(M, N, K, a, sAm, sAk, b, sBk, sBn, c, N, mode, bias, rawScratch);
        for (let j = 0; j < expected.length; j++)
          if (!Object.is(C[j], expected[j]))
            throw new Error(`${name} mode ${mode} C[${j}]: wasm ${C[j]} vs reference ${expected[j]}`);
        // Nothing is written past C (the bias vector right after it is intact).
        expect(Array.from(f.subarray(bias / 4, bias / 4 + N))).toEqual(Array.from(bv));
      }
    }
  });
});
