/**
 * The worker side of a WorkerPool: answers 'pool:job' messages with the task table it is given
 * and reports progress, a result or a typed failure. Each host's worker entry (a worker_threads
 * file, a Web Worker file) calls servePoolTasks with its own way to post, listen and yield.
 */
import { CancelledError, serializeError } from '../errors';
import { isToPoolWorker, type FromPoolWorker, type TaskMapOf } from './protocol';

export interface TaskContext<Progress> {
  /** Aborts when the pool cancels this job: stop soon, then throw CancelledError or return. */
  signal: AbortSignal;
  /** Sends progress to the pool's `onProgress` (structured-cloneable values only). */
  progress(progress: Progress): void;
  /** Gives the worker's event loop a turn, so a cancel message can arrive during long work. */
  yieldToHost(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
}

export type TaskHandlers<M extends TaskMapOf<M>> = {
  [K in keyof M]: (
    payload: M[K]['payload'],
    context: TaskContext<M[K]['progress']>,
  ) => M[K]['result'] | Promise<M[K]['result']>;
};

export interface PoolWorkerScope {
  postMessage(message: FromPoolWorker): void;
  onMessage(listener: (data: unknown) => void): void;
  yieldToHost(): Promise<void>;
  now(): number;
}

export function servePoolTasks<M extends TaskMapOf<M>>(
  scope: PoolWorkerScope,
  handlers: TaskHandlers<M>,
): void {
  const running = new Map<number, AbortController>();
  scope.onMessage((data) => {
    if (!isToPoolWorker(data)) return;
    if (data.type === 'pool:cancel') {
      running.get(data.id)?.abort();
      return;
    }
    const { id, task, payload } = data;
    const controller = new AbortController();
    running.set(id, controller);
    const handler = (handlers as Record<string, (p: unknown, c: TaskContext<unknown>) => unknown>)[task];
    const context: TaskContext<unknown> = {
      signal: controller.signal,
      progress: (progress) => scope.postMessage({ type: 'pool:progress', id, progress }),
      yieldToHost: () => scope.yieldToHost(),
      now: () => scope.now(),
    };
    void (async () => {
      try {
        if (!handler) throw new Error(`this worker has no task named '${task}'`);
        const result = await handler(payload, context);
        scope.postMessage({ type: 'pool:result', id, result });
      } catch (err) {
        const error =
          controller.signal.aborted && !(err instanceof CancelledError) ? new CancelledError() : err;
        scope.postMessage({ type: 'pool:failed', id, error: serializeError(error) });
      } finally {
        running.delete(id);
      }
    })();
  });
}
