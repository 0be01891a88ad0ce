/// <reference lib="dom" />
/**
 * Binds the shared backend server to a Web Worker scope. Kept apart from worker.ts (the entry
 * with the real global) so tests can run it against any port-like object.
 */
import {
  serveBackend,
  type BackendHost,
  type BackendOptions,
  type FromBackend,
  type StudioBackend,
} from '@shared/backend';

export interface WorkerScopeLike {
  postMessage(message: FromBackend): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

export interface ServeOptions extends BackendOptions {
  now?: () => number;
  /** The worker pool sweeps run on (the web build: nested Web Workers). */
  createPool?: BackendHost['createPool'];
  setGemmThreads?: BackendHost['setGemmThreads'];
  cores?: number;
  yieldToHost?: () => Promise<void>;
  waitWhilePaused?: () => Promise<void>;
}

/**
 * Yields through a MessageChannel rather than setTimeout(0): nested timeouts are clamped to
 * 4 ms, which would waste most of each slice, while a message task comes back at once and
 * still lets queued requests (pause, stop) run first.
 */
export function createMessageYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

export function serveInWorker(scope: WorkerScopeLike, options: ServeOptions = {}): StudioBackend {
  return serveBackend(
    {
      postMessage: (message) => scope.postMessage(message),
      onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
    },
    {
      yieldToHost: options.yieldToHost ?? createMessageYield(),
      waitWhilePaused: options.waitWhilePaused ?? (() => new Promise((resolve) => setTimeout(resolve, 50))),
      now: options.now ?? (() => performance.now()),
      createPool: options.createPool,
      setGemmThreads: options.setGemmThreads,
      cores: options.cores,
    },
    options,
  );
}
