/**
 * The ONE worker-pool interface for parallel work (cross-validation folds, sweep runs, large
 * GEMMs). Each host implements only how a worker is started: worker_threads in Node/Electron
 * (src-main/node/worker-pool.ts), Web Workers in the browser (src-renderer/host/worker-pool.ts).
 * Scheduling, cancellation, progress and error typing live here, once.
 *
 * API
 *   const pool = createNodeWorkerPool<PoolTasks>({ size: 4 });      // or createWebWorkerPool
 *   const result = await pool.run('train-run', job, { signal, onProgress });
 *   await pool.dispose();
 *
 * - `run` queues one job (FIFO); at most `size` run at once, one per worker. Workers start
 *   lazily and are reused, so a pool costs nothing until used.
 * - Progress: whatever the task reports (`context.progress(p)` in the worker) reaches
 *   `onProgress`, in order, before the job settles.
 * - Errors are typed: a task's StudioError (ConfigError, TrainingError, ...) rejects `run` as
 *   the same class with the same one-line message; a worker that dies (uncaught error, out of
 *   memory) rejects its job with a StudioError of kind 'internal' naming the worker and the
 *   reason, and is replaced for the next job. Other jobs are unaffected.
 * - Cancellation: aborting `signal` removes a queued job at once; a running job is asked to stop
 *   (the worker's `context.signal` aborts) and rejects with CancelledError, or resolves if the
 *   task chose to return what it had. A worker that does not answer within `cancelGraceMs` is
 *   terminated (and replaced) so cancel always ends the job.
 * - `dispose()` cancels everything queued or running and terminates the workers; `run` after
 *   dispose rejects with CancelledError.
 */
import { CancelledError, StudioError, deserializeError, firstLine } from '../errors';
import { isFromPoolWorker, type TaskMapOf, type ToPoolWorker } from './protocol';

/** How the pool talks to one worker; each host wraps its Worker in this. */
export interface PoolWorkerPort {
  postMessage(message: ToPoolWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The worker died: an uncaught error, a failed start, or an exit the pool did not ask for. */
  onCrash(listener: (reason: string) => void): void;
  terminate(): void;
}

export interface RunOptions<Progress> {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface WorkerPool<M extends TaskMapOf<M>> {
  /** Number of workers, i.e. jobs that run at once. */
  readonly size: number;
  run<K extends keyof M & string>(
    task: K,
    payload: M[K]['payload'],
    options?: RunOptions<M[K]['progress']>,
  ): Promise<M[K]['result']>;
  dispose(): Promise<void>;
}

export interface WorkerPoolOptions {
  size: number;
  /** Starts worker number `index` (0-based). */
  spawn: (index: number) => PoolWorkerPort;
  /** How long a running job may take to honour a cancel before its worker is terminated (ms). */
  cancelGraceMs?: number;
}

interface Job {
  id: number;
  task: string;
  payload: unknown;
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  killTimer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  index: number;
  port: PoolWorkerPort | null;
  job: Job | null;
}

/** The pool size hosts use by default: all cores, at least 1. */
export function defaultPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.floor(cores ?? 1));
}

export function createWorkerPool<M extends TaskMapOf<M>>(options: WorkerPoolOptions): WorkerPool<M> {
  const size = Math.max(1, Math.floor(options.size));
  const grace = options.cancelGraceMs ?? 2000;
  const slots: Slot[] = Array.from({ length: size }, (_, index) => ({ index, port: null, job: null }));
  const queue: Job[] = [];
  let nextId = 1;
  let disposed = false;

  const settle = (job: Job): void => {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (job.killTimer !== undefined) clearTimeout(job.killTimer);
  };

  const finish = (slot: Slot, job: Job, outcome: { value: unknown } | { error: Error }): void => {
    if (slot.job !== job) return;
    slot.job = null;
    settle(job);
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
    pump();
  };

  const drop = (slot: Slot): void => {
    const port = slot.port;
    slot.port = null;
    try {
      port?.terminate();
    } catch {
      // Already gone.
    }
  };

  const start = (slot: Slot): PoolWorkerPort => {
    const port = options.spawn(slot.index);
    port.onMessage((message) => {
      if (slot.port !== port || !isFromPoolWorker(message)) return;
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      if (message.type === 'pool:progress') job.onProgress?.(message.progress);
      else if (message.type === 'pool:result') finish(slot, job, { value: message.result });
      else finish(slot, job, { error: deserializeError(message.error) });
    });
    port.onCrash((reason) => {
      if (slot.port !== port) return;
      drop(slot);
      const job = slot.job;
      if (job)
        finish(slot, job, {
          error: new StudioError(
            'internal',
            `worker ${slot.index + 1} of ${size} stopped during ${job.task} (${firstLine(reason)})`,
          ),
        });
    });
    slot.port = port;
    return port;
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (disposed || queue.length === 0) return;
      if (slot.job) continue;
      const job = queue.shift() as Job;
      slot.job = job;
      try {
        (slot.port ?? start(slot)).postMessage({
          type: 'pool:job',
          id: job.id,
          task: job.task,
          payload: job.payload,
        });
      } catch (err) {
        drop(slot);
        const reason = err instanceof Error ? err.message : String(err);
        finish(slot, job, {
          error: new StudioError('internal', `could not start ${job.task} in a worker: ${firstLine(reason)}`),
        });
      }
    }
  };

  const cancel = (job: Job, reason: string): void => {
    const queued = queue.indexOf(job);
    if (queued >= 0) {
      queue.splice(queued, 1);
      settle(job);
      job.reject(new CancelledError(reason));
      return;
    }
    const slot = slots.find((s) => s.job === job);
    if (!slot || job.killTimer !== undefined) return;
    slot.port?.postMessage({ type: 'pool:cancel', id: job.id });
    job.killTimer = setTimeout(() => {
      if (slot.job !== job) return;
      drop(slot);
      finish(slot, job, { error: new CancelledError(reason) });
    }, grace);
  };

  return {
    size,
    run(task, payload, runOptions = {}) {
      return new Promise((resolve, reject) => {
        if (disposed) return reject(new CancelledError('the worker pool was closed'));
        if (runOptions.signal?.aborted) return reject(new CancelledError());
        const job: Job = {
          id: nextId++,
          task,
          payload,
          resolve: resolve as (value: unknown) => void,
          reject,
          onProgress: runOptions.onProgress as ((progress: unknown) => void) | undefined,
          signal: runOptions.signal,
        };
        if (job.signal) {
          job.onAbort = () => cancel(job, 'cancelled');
          job.signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    async dispose() {
      disposed = true;
      const closed = new CancelledError('the worker pool was closed');
      for (const job of queue.splice(0)) {
        settle(job);
        job.reject(closed);
      }
      for (const slot of slots) {
        const job = slot.job;
        slot.job = null;
        drop(slot);
        if (job) {
          settle(job);
          job.reject(closed);
        }
      }
    },
  };
}
