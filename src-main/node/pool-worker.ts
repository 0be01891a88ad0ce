/**
 * Entry of a Node pool worker (worker_threads), bundled as pool-worker.js next to the CLI and
 * Electron's main: serves the shared task table (src-shared/pool/tasks.ts).
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { servePoolTasks } from '../../src-shared/pool';
import { POOL_TASK_HANDLERS } from '../../src-shared/pool/tasks';

if (!parentPort) throw new Error('pool-worker.ts must run as a worker thread');
const port = parentPort;

servePoolTasks(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    // setImmediate runs after pending messages, so a cancel arrives between slices of work.
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    now: () => performance.now(),
  },
  POOL_TASK_HANDLERS,
);
