import { describe, expect, it } from 'vitest';
import { Mlp, MlpTrainer } from '../../../src-shared/engine/fast';
import { jsKernels } from '../../../src-shared/engine/fast/kernels';
import { createBackend } from '../../../src-shared/engine/fast/backend-select';
import { createWasmBackend } from '../../../src-shared/engine/fast/wasm-backend';
import { Rng } from '../../../src-shared/engine/rng';
import type { MlpSpec } from '../../../src-shared/engine/types';

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
  it('load in Node (SIMD is available in Node 20, Electron and current browsers)', () => {
    expect(createWasmBackend()?.kernels.name).toBe('wasm-simd');
  });

  it.each(SHAPES)('match the plain-TS kernels for n=%i, in=%i, out=%i', (n, inSize, outSize) => {
    const backend = createWasmBackend();
    if (backend === null) throw new Error('no wasm backend');
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
    const rng = new Rng(n * 1000 + inSize * 10 + outSize);
    for (const a of [x, w, bias, dz, out, gw, gb, dx]) fill(a, rng);
    const ref = (length: number) => new Float32Array(length);
    const [outRef, gwRef, gbRef, dxRef] = [ref(out.length), ref(gw.length), ref(gb.length), ref(dx.length)];
    jsKernels.forward(x, w, bias, outRef, n, inSize, outSize);
    jsKernels.backwardParams(dz, x, gwRef, gbRef, n, inSize, outSize);
    jsKernels.backwardInput(dz, w, dxRef, n, inSize, outSize);
    backend.kernels.forward(x, w, bias, out, n, inSize, outSize);
    backend.kernels.backwardParams(dz, x, gw, gb, n, inSize, outSize);
    backend.kernels.backwardInput(dz, w, dx, n, inSize, outSize);
    expectNear(out, outRef, 'forward');
    expectNear(gw, gwRef, 'weight grad');
    expectNear(gb, gbRef, 'bias grad');
    expectNear(dx, dxRef, 'input grad');
  });

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
    expect(createBackend('auto', tiny, 4).kernels.name).toBe('js');
    expect(createBackend('auto', wide, 32).kernels.name).toBe('wasm-simd');
    expect(createBackend('js', wide, 32).kernels.name).toBe('js');
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
      const mlp = Mlp.create(spec, 'xavier', new Rng(1));
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
    expect(wasm.trainer.backendName).toBe('wasm-simd');
    expect(js.out[js.out.length - 1]).toBeLessThan(js.out[0] * 0.8);
    js.out.forEach((loss, i) => expect(wasm.out[i]).toBeCloseTo(loss, 4));
    // The trained parameters are readable through the Mlp (moved into wasm memory, same values).
    expect(wasm.mlp.forward(x, n)[0]).toBeCloseTo(js.mlp.forward(x, n)[0], 3);
    expect(wasm.trainer.evaluate(x, y, n).correct).toBe(js.trainer.evaluate(x, y, n).correct);
  });
});
