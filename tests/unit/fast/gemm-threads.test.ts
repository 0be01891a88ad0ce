import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FastMlp, MlpTrainer } from '../../../src-shared/engine/fast';
import { installGemmThreads, type GemmThreadPool } from '../../../src-shared/engine/fast/gemm-threads';
import { createWasmBackend } from '../../../src-shared/engine/fast/wasm-backend';
import { Rng, identityPermutation } from '../../../src-shared/engine/rng';
import type { MlpSpec } from '../../../src-shared/engine/types';
import { startGemmThreads } from '../../../src-main/node/gemm-threads';
import { allocateLayer, runLayer } from './dense-layer';

/*
 * Threads split a product by C's rows or columns only, so every element is summed by one call
 * in the same order: the results must be bit-identical whatever the thread count. Each pool's
 * helper-task counter proves the helpers actually ran part of the work (otherwise the
 * comparison would be single-threaded against itself).
 */
setFlagsFromString('--experimental-wasm-relaxed-simd');
// The bundled helper entry (the test setup builds out/cli when its sources changed).
const ENTRY = fileURLToPath(new URL('../../../out/cli/gemm-worker.js', import.meta.url));

const pools = new Map<number, GemmThreadPool | null>();
function pool(threads: number): GemmThreadPool | null {
  if (!pools.has(threads)) {
    pools.set(threads, startGemmThreads(threads, ENTRY));
    installGemmThreads(null); // each test passes its pool explicitly
  }
  return pools.get(threads) ?? null;
}
afterAll(() => pools.forEach((p) => p?.dispose()));

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

// Odd sizes, every product above the threading threshold (2^20 multiply-adds): column splits
// (N wide) and row splits (M tall), with tails of the 4x8 tile and of the K/N blocks.
const SHAPES: [number, number, number][] = [
  [67, 131, 129],
  [301, 13, 301],
  [9, 1025, 131],
];

async function products(threads: number, relaxed: boolean, n: number, inSize: number, outSize: number) {
  const p = threads === 1 ? null : pool(threads);
  const backend = createWasmBackend({ relaxed, threads: p });
  if (backend === null) throw new Error('no wasm backend');
  expect(backend.threads).toBe(threads);
  await p?.settled();
  const shape = { n, inSize, outSize };
  const layer = allocateLayer(backend, shape);
  const rng = new Rng(n + inSize + outSize);
  const { x, w, bias, out, dz, gw, gb, dx } = layer;
  for (const a of [x, w, bias, dz]) for (let j = 0; j < a.length; j++) a[j] = rng.uniform(-1, 1);
  const before = p?.helperTasks() ?? 0;
  // On a loaded machine the caller may take every task before a helper wakes: repeat (the
  // same inputs, so the same outputs) until the helpers have run some of the work.
  for (let attempt = 0; attempt < 200; attempt++) {
    runLayer(backend.kernels, layer, shape);
    if (p === null || p.helperTasks() > before) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { bits: [bits(out), bits(gw), bits(gb), bits(dx)], helperTasks: (p?.helperTasks() ?? 0) - before };
}

describe('multi-threaded GEMM', () => {
  it.each(SHAPES.flatMap((s) => [true, false].map((relaxed) => [...s, relaxed] as const)))(
    'n=%i in=%i out=%i (relaxed %s): 1, 2 and 3 threads give the same bits',
    async (n, inSize, outSize, relaxed) => {
      const one = await products(1, relaxed, n, inSize, outSize);
      for (const threads of [2, 3]) {
        const many = await products(threads, relaxed, n, inSize, outSize);
        expect(many.helperTasks, `${threads} threads: helpers ran no task`).toBeGreaterThan(0);
        many.bits.forEach((b, i) => expect(b, `${threads} threads, product ${i}`).toEqual(one.bits[i]));
      }
    },
  );

  it('training 301-130-7 on batches of 67: same parameters and losses with 1, 2 and 3 threads', async () => {
    const spec: MlpSpec = {
      inputSize: 301,
      layers: [
        { units: 130, activation: 'relu' },
        { units: 7, activation: 'linear' },
      ],
    };
    const rng = new Rng(4);
    const rows = 201;
    const x = Float32Array.from({ length: rows * 301 }, () => rng.uniform(-1, 1));
    const y = Float32Array.from({ length: rows }, () => rng.int(7));
    const run = async (threads: number) => {
      installGemmThreads(threads === 1 ? null : pool(threads));
      const mlp = FastMlp.create(spec, 'he', new Rng(2));
      const trainer = new MlpTrainer(mlp, {
        loss: 'cross_entropy',
        optimizer: { name: 'adam', lr: 0.003 },
        regularization: 'none',
        regRate: 0,
        dropout: 0.2,
        seed: 8,
        maxBatch: 67,
        backend: 'wasm',
      });
      installGemmThreads(null);
      const p = pools.get(threads) ?? null;
      await p?.settled();
      const before = p?.helperTasks() ?? 0;
      const perm = identityPermutation(rows);
      const losses: number[] = [];
      for (let epoch = 0; epoch < 3; epoch++)
        for (let s = 0; s < rows; s += 67)
          losses.push(trainer.trainRows({ x, y, n: rows, inputSize: 301 }, perm, s, 67));
      return {
        losses,
        params: mlp.params.flatMap((q) => [...bits(q.weight), ...bits(q.bias)]),
        helperTasks: (p?.helperTasks() ?? 0) - before,
      };
    };
    const one = await run(1);
    expect(one.losses.at(-1)).toBeLessThan(one.losses[0]); // it trains
    for (const threads of [2, 3]) {
      const many = await run(threads);
      expect(many.helperTasks).toBeGreaterThan(0);
      expect(many.losses).toEqual(one.losses);
      expect(many.params).toEqual(one.params);
    }
  });
});
