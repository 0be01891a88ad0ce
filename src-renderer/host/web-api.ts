/// <reference lib="dom" />
/**
 * StudioApi for the web build: requests go to a backend Web Worker as type-tagged messages,
 * events come back on the same port. If the worker dies (out of memory, a bug), pending
 * requests fail with a one-line error, listeners get 'backend:error', and the next request
 * starts a fresh worker: the page never needs a reload.
 */
import type { Envelope, EventChannel, EventOf, Invoke, StudioApi, Subscribe } from '@shared/api';
import { createApi } from '@shared/api-client';
import type { SerializedError } from '@shared/errors';
import { isFromBackend, type BackendRequest } from '@shared/backend/messages';
import { createWebFiles } from './web-files';

export interface WorkerLike {
  postMessage(message: BackendRequest): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

export interface WebApiOptions {
  createWorker?: () => WorkerLike;
  files?: StudioApi['files'];
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'nanograd-backend' });
}

type Listener = (payload: never) => void;

export function createWebApi(options: WebApiOptions = {}): StudioApi {
  const createWorker = options.createWorker ?? defaultWorker;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  const listeners = new Map<EventChannel, Set<Listener>>();
  let worker: WorkerLike | null = null;
  let nextId = 1;

  const dispatch = <E extends EventChannel>(event: E, payload: EventOf<E>): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) (listener as (p: EventOf<E>) => void)(payload);
  };

  const fail = (instance: WorkerLike, reason: string): void => {
    if (worker !== instance) return;
    worker = null;
    instance.terminate();
    const error: SerializedError = {
      kind: 'internal',
      message: `The training backend stopped (${reason}); it restarts with your next action`,
      location: {},
    };
    for (const resolve of pending.values()) resolve({ ok: false, error });
    pending.clear();
    dispatch('backend:error', { error, recoverable: true });
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const instance = createWorker();
    instance.addEventListener('message', (event) => {
      const message = event.data;
      if (!isFromBackend(message) || worker !== instance) return;
      if (message.type === 'response') {
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
      } else {
        dispatch(message.event, message.payload);
      }
    });
    instance.addEventListener('error', (event) => {
      const detail = (event as ErrorEvent).message;
      fail(instance, detail ? detail.split('\n', 1)[0] : 'worker error');
    });
    worker = instance;
    return instance;
  };

  const invoke = ((channel: string, payload: unknown) =>
    new Promise<Envelope<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ensureWorker().postMessage({ type: 'request', id, channel, payload });
    })) as Invoke;

  const subscribe: Subscribe = (event, listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => {
      set.delete(listener as Listener);
    };
  };

  return createApi({ host: 'web', invoke, subscribe, files: options.files ?? createWebFiles(document) });
}
