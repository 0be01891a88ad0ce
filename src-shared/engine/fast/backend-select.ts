/**
 * Picks the kernel backend for a network. WebAssembly SIMD is used only where it beats the
 * plain-TS kernels on the benchmark: layers wide enough that a SIMD GEMM outweighs the cost of
 * the call boundary and of copying inputs into wasm memory. Measured: W2's 2-16-16-3 (336
 * multiply-adds a row) already gains; XOR's 2-8-1 (24) stays in JS.
 */
import type { MlpSpec } from '../types';
import { createJsBackend, type BackendPreference, type FastBackend } from './backend';
import { createWasmBackend } from './wasm-backend';

export type { BackendPreference, FastBackend };

/** Multiply-adds per row of one forward pass above which 'auto' picks wasm (measured on the benchmark: see docs/benchmarks.md). */
export const WASM_MIN_MACS_PER_ROW = 256;

export function macsPerRow(spec: MlpSpec): number {
  let inSize = spec.inputSize;
  let macs = 0;
  for (const layer of spec.layers) {
    macs += inSize * layer.units;
    inSize = layer.units;
  }
  return macs;
}

export function createBackend(preference: BackendPreference, spec: MlpSpec): FastBackend {
  if (preference === 'js') return createJsBackend();
  if (preference === 'wasm-simd') return createWasmBackend({ relaxed: false }) ?? createJsBackend();
  if (preference === 'wasm' || macsPerRow(spec) >= WASM_MIN_MACS_PER_ROW)
    return createWasmBackend() ?? createJsBackend();
  return createJsBackend();
}
