/// <reference lib="webworker" />
/**
 * Entry of the web build's backend Web Worker: the same StudioBackend as the Electron worker
 * thread, so training never runs on the UI thread.
 */
import { serveInWorker } from './worker-server';
import { createWebWorkerPool } from './worker-pool';

declare const self: DedicatedWorkerGlobalScope;

// Sweeps run in nested Web Workers, one per core, so this worker stays free for requests.
serveInWorker(self, { createPool: () => createWebWorkerPool() });
