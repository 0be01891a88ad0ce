/**
 * Where a network's buffers live and which kernels run on them. The plain-TS backend uses
 * ordinary Float32Arrays; the WebAssembly SIMD backend (./wasm-backend.ts) places every buffer
 * in one wasm memory so its kernels can read them by address. Either way the rest of the fast
 * path sees Float32Arrays, so the same code drives both.
 */
import type { DenseKernels } from './kernels';
import { jsKernels } from './kernels';

export interface FastBackend {
  readonly kernels: DenseKernels;
  /** True when the kernels can only read buffers this backend allocated: callers copy inputs in. */
  readonly needsOwnedInputs: boolean;
  /** Threads a large product is split over (1: single-threaded). */
  readonly threads: number;
  /** Allocates all buffers of a plan at once (wasm memory can only be viewed once it stops growing). Called once per backend. */
  allocate(lengths: readonly number[]): Float32Array[];
}

/** 'wasm' takes the fastest WebAssembly kernels the runtime has (relaxed SIMD, else SIMD); 'wasm-simd' forces plain SIMD. */
export type BackendPreference = 'auto' | 'js' | 'wasm' | 'wasm-simd';

export function createJsBackend(): FastBackend {
  return {
    kernels: jsKernels,
    needsOwnedInputs: false,
    threads: 1,
    allocate: (lengths) => lengths.map((length) => new Float32Array(length)),
  };
}
