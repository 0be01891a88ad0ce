/**
 * The Node (CLI and Electron) implementation of the WorkerPool interface of
 * src-shared/pool/pool.ts: each worker is a worker_threads Worker running pool-worker.js, the
 * bundled src-main/node/pool-worker.ts. Scheduling, cancellation and error typing are the shared
 * pool's; this file only starts threads and reports their deaths.
 *
 *   const pool = createNodeWorkerPool<PoolTasks>({ size: os.availableParallelism() });
 *   try { await pool.run('train-run', job, { signal, onProgress }); } finally { await pool.dispose(); }
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StudioError } from '../../src-shared/errors';
import {
  createWorkerPool,
  defaultPoolSize,
  type PoolWorkerPort,
  type TaskMapOf,
  type WorkerPool,
} from '../../src-shared/pool';
import type { PoolTasks } from '../../src-shared/pool/tasks';

export interface NodeWorkerPoolOptions {
  /** Number of threads (default: all cores). */
  size?: number;
  /** The worker entry file (default: pool-worker.js next to the bundle that runs this code). */
  entry?: string | URL;
  cancelGraceMs?: number;
}

const ENTRY_FILE = 'pool-worker.js';

/** Cores Node may use (the pool's default size). */
export function coreCount(): number {
  return defaultPoolSize(availableParallelism());
}

/**
 * pool-worker.js is emitted next to the CLI bundle (out/cli) and Electron's main (out/main);
 * code split into a chunks/ folder looks one level up. Worker threads cannot load from app.asar.
 */
export function defaultPoolEntry(entryFile = ENTRY_FILE): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, entryFile), path.join(here, '..', entryFile)].map((file) =>
    file.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found)
    throw new StudioError(
      'internal',
      `the worker file ${entryFile} is missing next to ${here}: run npm run build`,
    );
  return found;
}

function nodePort(entry: string | URL, index: number): PoolWorkerPort {
  const worker = new Worker(entry, { name: `nanograd-pool-${index + 1}` });
  let terminating = false;
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => {
      worker.on('message', listener);
    },
    onCrash: (listener) => {
      worker.on('error', (error) => listener(error.message));
      worker.on('exit', (code) => {
        if (!terminating) listener(`exit code ${code}`);
      });
    },
    terminate: () => {
      terminating = true;
      void worker.terminate();
    },
  };
}

export function createNodeWorkerPool<M extends TaskMapOf<M> = PoolTasks>(
  options: NodeWorkerPoolOptions = {},
): WorkerPool<M> {
  const entry = options.entry ?? defaultPoolEntry();
  return createWorkerPool<M>({
    size: options.size ?? coreCount(),
    spawn: (index) => nodePort(entry, index),
    cancelGraceMs: options.cancelGraceMs,
  });
}
