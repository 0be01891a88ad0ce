/**
 * Entry of a GEMM helper thread (worker_threads), bundled as gemm-worker.js next to the CLI and
 * Electron's main: runs slices of large matrix products on the trainer's shared wasm memory
 * (src-shared/engine/fast/gemm-worker-loop.ts).
 */
import { parentPort } from 'node:worker_threads';
import { serveGemmHelper } from '../../src-shared/engine/fast/gemm-worker-loop';
import type { GemmWorkerMessage } from '../../src-shared/engine/fast/gemm-threads';

if (!parentPort) throw new Error('gemm-worker.ts must run as a worker thread');
const port = parentPort;

serveGemmHelper({
  postMessage: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (message: GemmWorkerMessage) => listener(message)),
});
