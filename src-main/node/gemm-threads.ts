/**
 * Starts the GEMM thread pool of src-shared/engine/fast/gemm-threads.ts on Node worker_threads
 * (gemm-worker.js, next to the CLI bundle and Electron's main) and installs it for the calling
 * thread, so every wasm backend created afterwards splits large products over `threads` threads.
 * The helpers are unref'd: they never keep a finished CLI process alive.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import {
  createGemmThreadPool,
  installGemmThreads,
  installedGemmThreads,
  sharedMemoryAvailable,
  type GemmThreadPool,
} from '../../src-shared/engine/fast/gemm-threads';
import { defaultPoolEntry } from './worker-pool';

const ENTRY_FILE = 'gemm-worker.js';

/** Installs a pool of `threads` threads (1: none, single-threaded) in place of (and disposing) the installed one; returns it. */
export function startGemmThreads(threads: number, entry?: string | URL): GemmThreadPool | null {
  installedGemmThreads()?.dispose();
  if (threads <= 1 || !sharedMemoryAvailable()) {
    installGemmThreads(null);
    return null;
  }
  // Helpers compile the same (possibly relaxed-SIMD) module: V8 flags are per process.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  const file = entry ?? defaultPoolEntry(ENTRY_FILE);
  const pool = createGemmThreadPool(threads, (index) => {
    const worker = new Worker(file, { name: `nanograd-gemm-${index + 1}` });
    // A helper that cannot start leaves its share to the caller (tasks are claimed, not assigned).
    worker.on('error', () => {});
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => {
        worker.on('message', listener);
        // After the listener: adding a 'message' listener refs the worker again.
        worker.unref();
      },
      terminate: () => void worker.terminate(),
    };
  });
  installGemmThreads(pool);
  return pool;
}
