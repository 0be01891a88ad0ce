/**
 * Entry of the Electron backend thread (worker_threads): the same StudioBackend as the web
 * build's Web Worker. Training runs here so the main process (menus, dialogs, IPC) never waits
 * on an epoch.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { serveBackend } from '../../src-shared/backend';
import { coreCount, createNodeWorkerPool } from '../node/worker-pool';
import { startGemmThreads } from '../node/gemm-threads';

/** Large matrix products over `threads` threads (helpers: gemm-worker.js next to this file). */
function setGemmThreads(threads: number): number {
  try {
    return startGemmThreads(threads)?.threads ?? 1;
  } catch {
    // No helper file (a test bundle of this entry alone): single-threaded, the same results.
    return 1;
  }
}

// Every core from the start; the app's Threads setting changes the count.
setGemmThreads(coreCount());

if (!parentPort) throw new Error('training-worker.ts must run as a worker thread');
const port = parentPort;

serveBackend(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
  },
  {
    // setImmediate runs after pending I/O callbacks, so a queued pause/stop is handled between slices.
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    waitWhilePaused: () => new Promise((resolve) => setTimeout(resolve, 50)),
    now: () => performance.now(),
    // Sweeps run on a pool of worker threads (pool-worker.js, next to this file), one per core.
    createPool: () => createNodeWorkerPool(),
    setGemmThreads,
    cores: coreCount(),
  },
);
