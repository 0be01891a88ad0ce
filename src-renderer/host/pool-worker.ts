/// <reference lib="webworker" />
/**
 * Entry of a web-build pool worker: serves the shared task table (src-shared/pool/tasks.ts),
 * the same tasks the Node pool's worker threads serve.
 */
import { servePoolTasks } from '@shared/pool';
import { POOL_TASK_HANDLERS } from '@shared/pool/tasks';
import { createMessageYield } from './worker-server';

declare const self: DedicatedWorkerGlobalScope;

servePoolTasks(
  {
    postMessage: (message) => self.postMessage(message),
    onMessage: (listener) => self.addEventListener('message', (event) => listener(event.data)),
    yieldToHost: createMessageYield(),
    now: () => performance.now(),
  },
  POOL_TASK_HANDLERS,
);
