/**
 * Connects the shared pool to servePoolTasks inside one process: messages cross through
 * structuredClone on a later task (as they would between threads), and a "worker" can be
 * crashed or frozen, so the scheduling, cancellation and error paths are tested without threads.
 */
import { createWorkerPool, servePoolTasks, type PoolWorkerPort, type TaskMapOf } from '@shared/pool';
import type { TaskHandlers } from '@shared/pool';

export interface FakeWorker {
  index: number;
  crash(reason: string): void;
  terminated: boolean;
  /** Messages the worker received (after cloning). */
  received: unknown[];
}

export function inProcessPool<M extends TaskMapOf<M>>(
  handlers: TaskHandlers<M>,
  options: { size: number; cancelGraceMs?: number },
) {
  const workers: FakeWorker[] = [];
  const spawn = (index: number): PoolWorkerPort => {
    const toPool: ((message: unknown) => void)[] = [];
    const toWorker: ((message: unknown) => void)[] = [];
    const crashListeners: ((reason: string) => void)[] = [];
    const worker: FakeWorker = {
      index,
      terminated: false,
      received: [],
      crash: (reason) => crashListeners.forEach((listener) => listener(reason)),
    };
    workers.push(worker);
    const deliver = (listeners: ((m: unknown) => void)[], message: unknown) =>
      setImmediate(() => {
        if (worker.terminated) return;
        const copy = structuredClone(message);
        listeners.forEach((listener) => listener(copy));
      });
    servePoolTasks(
      {
        postMessage: (message) => deliver(toPool, message),
        onMessage: (listener) =>
          toWorker.push((message) => {
            worker.received.push(message);
            listener(message);
          }),
        yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
        now: () => performance.now(),
      },
      handlers,
    );
    return {
      postMessage: (message) => deliver(toWorker, message),
      onMessage: (listener) => toPool.push(listener),
      onCrash: (listener) => crashListeners.push(listener),
      terminate: () => {
        worker.terminated = true;
      },
    };
  };
  const pool = createWorkerPool<M>({ size: options.size, spawn, cancelGraceMs: options.cancelGraceMs });
  return { pool, workers };
}
