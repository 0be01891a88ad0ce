/// <reference lib="webworker" />
/**
 * Entry of a web-build GEMM helper (a Web Worker nested in the backend worker): runs slices of
 * large matrix products on the trainer's shared wasm memory (src-shared/engine/fast/gemm-worker-loop.ts).
 */
import { serveGemmHelper } from '@shared/engine/fast/gemm-worker-loop';
import type { GemmWorkerMessage } from '@shared/engine/fast/gemm-threads';

declare const self: DedicatedWorkerGlobalScope;

serveGemmHelper({
  postMessage: (message) => self.postMessage(message),
  onMessage: (listener) =>
    self.addEventListener('message', (event: MessageEvent<GemmWorkerMessage>) => listener(event.data)),
});
