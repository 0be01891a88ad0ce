/// <reference lib="dom" />
/**
 * The web build's implementation of the WorkerPool interface of src-shared/pool/pool.ts: each
 * worker is a module Web Worker running pool-worker.ts (the shared task table). Works from the
 * page and from inside the backend Web Worker (nested workers). Scheduling, cancellation and
 * error typing are the shared pool's; this file only starts workers and reports their deaths.
 *
 *   const pool = createWebWorkerPool<PoolTasks>({ size: navigator.hardwareConcurrency });
 *   const result = await pool.run('train-run', job, { signal, onProgress });
 */
import {
  createWorkerPool,
  defaultPoolSize,
  type PoolWorkerPort,
  type TaskMapOf,
  type WorkerPool,
} from '@shared/pool';
import type { PoolTasks } from '@shared/pool/tasks';

export interface WebWorkerPoolOptions {
  /** Number of workers (default: navigator.hardwareConcurrency). */
  size?: number;
  /** Starts one worker (tests pass a fake). */
  createWorker?: (index: number) => Worker;
  cancelGraceMs?: number;
}

function defaultWorker(index: number): Worker {
  return new Worker(new URL('./pool-worker.ts', import.meta.url), {
    type: 'module',
    name: `nanograd-pool-${index + 1}`,
  });
}

function webPort(worker: Worker): PoolWorkerPort {
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
    onCrash: (listener) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        listener(event.message ? event.message.split('\n', 1)[0] : 'worker error');
      });
      worker.addEventListener('messageerror', () => listener('a message could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}

export function createWebWorkerPool<M extends TaskMapOf<M> = PoolTasks>(
  options: WebWorkerPoolOptions = {},
): WorkerPool<M> {
  const createWorker = options.createWorker ?? defaultWorker;
  return createWorkerPool<M>({
    size: options.size ?? defaultPoolSize(globalThis.navigator?.hardwareConcurrency),
    spawn: (index) => webPort(createWorker(index)),
    cancelGraceMs: options.cancelGraceMs,
  });
}
