/// <reference lib="dom" />
/**
 * The web build's GEMM thread pool (src-shared/engine/fast/gemm-threads.ts) on nested Web
 * Workers. Shared wasm memory needs a cross-origin-isolated page (COOP/COEP headers, see
 * README); without it the page has no SharedArrayBuffer and training stays single-threaded.
 */
import {
  createGemmThreadPool,
  installGemmThreads,
  installedGemmThreads,
  sharedMemoryAvailable,
} from '@shared/engine/fast/gemm-threads';

export function webCores(): number {
  return Math.max(1, Math.floor(globalThis.navigator?.hardwareConcurrency ?? 1));
}

/** True where helpers can share memory with this worker. */
export function webThreadsAvailable(): boolean {
  return (
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && sharedMemoryAvailable()
  );
}

/** Replaces the installed pool with one of `threads` threads (1: none); returns the count in use. */
export function startWebGemmThreads(threads: number): number {
  installedGemmThreads()?.dispose();
  if (threads <= 1 || !webThreadsAvailable()) {
    installGemmThreads(null);
    return 1;
  }
  const pool = createGemmThreadPool(threads, (index) => {
    const worker = new Worker(new URL('./gemm-worker.ts', import.meta.url), {
      type: 'module',
      name: `nanograd-gemm-${index + 1}`,
    });
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
      terminate: () => worker.terminate(),
    };
  });
  installGemmThreads(pool);
  return pool.threads;
}
