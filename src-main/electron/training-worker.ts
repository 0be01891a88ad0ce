/**
 * Entry of the Electron backend thread (worker_threads): the same StudioBackend as the web
 * build's Web Worker. Training runs here so the main process (menus, dialogs, IPC) never waits
 * on an epoch.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { serveBackend } from '../../src-shared/backend';
import { createNodeWorkerPool } from '../node/worker-pool';

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
  },
);
