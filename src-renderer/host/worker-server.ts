/**
 * Serves a StudioBackend over a worker's message port. Kept apart from worker.ts (the entry
 * that binds it to the real worker global) so tests can run it against any port-like object.
 */
import { StudioBackend, type BackendOptions } from '@shared/backend';
import type { FromWorker } from './messages';
import { isWorkerRequest } from './messages';

export interface WorkerPort {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

export interface ServeOptions extends BackendOptions {
  now?: () => number;
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

export function serveBackend(port: WorkerPort, options: ServeOptions = {}): StudioBackend {
  const backend = new StudioBackend(
    {
      emit: (event, payload) => port.postMessage({ type: 'event', event, payload }),
      yieldToHost: options.yieldToHost ?? createMessageYield(),
      waitWhilePaused: options.waitWhilePaused ?? (() => new Promise((resolve) => setTimeout(resolve, 50))),
      now: options.now ?? (() => performance.now()),
    },
    options,
  );
  port.addEventListener('message', (message) => {
    const request = message.data;
    if (!isWorkerRequest(request)) return;
    void backend.handle(request.channel, request.payload).then((envelope) => port.postMessage({ type: 'response', id: request.id, envelope }));
  });
  return backend;
}
