/// <reference lib="webworker" />
/**
 * Entry of the web build's backend Web Worker: the same StudioBackend as the Electron worker
 * thread, so training never runs on the UI thread.
 */
import { serveInWorker } from './worker-server';
import { createWebWorkerPool } from './worker-pool';
import { startWebGemmThreads, webCores, webThreadsAvailable } from './gemm-threads';

declare const self: DedicatedWorkerGlobalScope;

// Sweeps run in nested Web Workers, one per core, so this worker stays free for requests.
// Large matrix products use every core where the page is cross-origin isolated (else one thread).
startWebGemmThreads(webCores());
serveInWorker(self, {
  createPool: () => createWebWorkerPool(),
  setGemmThreads: webThreadsAvailable() ? startWebGemmThreads : undefined,
  cores: webCores(),
});
