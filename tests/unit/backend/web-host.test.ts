import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../../src-shared/api';
import { StudioError } from '../../../src-shared/errors';
import type { BackendRequest, FromBackend } from '../../../src-shared/backend';
import { createWebApi, type WorkerLike } from '../../../src-renderer/host/web-api';
import { serveInWorker } from '../../../src-renderer/host/worker-server';

// The host code types these as DOM MessageEvents; only `data` is read.
type Listener = (event: never) => void;
const asEvent = (data: unknown) => ({ data }) as never;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An in-process stand-in for `new Worker(...)`: messages cross with structuredClone in a later
 * macrotask (as postMessage does), and the "worker side" runs the real serveBackend.
 */
class LoopbackWorker implements WorkerLike {
  terminated = false;
  private readonly toClient: Listener[] = [];
  private readonly errorListeners: ((event: Event) => void)[] = [];
  private readonly toServer: Listener[] = [];

  constructor() {
    serveInWorker(
      {
        postMessage: (message: FromBackend) => this.deliver(this.toClient, message),
        addEventListener: (_type: 'message', listener: Listener) => this.toServer.push(listener),
      },
      { yieldToHost: tick, waitWhilePaused: tick },
    );
  }

  postMessage(message: BackendRequest): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.deliver(this.toServer, message);
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: 'message' | 'error', listener: Listener | ((event: Event) => void)): void {
    if (type === 'message') this.toClient.push(listener as Listener);
    else this.errorListeners.push(listener as (event: Event) => void);
  }

  crash(message: string): void {
    const event = Object.assign(new Event('error'), { message });
    for (const listener of this.errorListeners) listener(event);
  }

  private deliver(listeners: Listener[], message: unknown): void {
    const data = structuredClone(message);
    setImmediate(() => {
      if (this.terminated) return;
      for (const listener of listeners) listener(asEvent(data));
    });
  }
}

const noFiles: StudioApi['files'] = { open: async () => null, save: async () => null };

function setup() {
  const workers: LoopbackWorker[] = [];
  const api = createWebApi({
    files: noFiles,
    createWorker: () => {
      const worker = new LoopbackWorker();
      workers.push(worker);
      return worker;
    },
  });
  return { api, workers };
}

describe('web host (Web Worker transport)', () => {
  it('round-trips requests and delivers training events to subscribers', async () => {
    const { api, workers } = setup();
    expect(api.host).toBe('web');
    const summary = await api.data.generate({ kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 });
    expect(summary.inputSize).toBe(2);
    expect(workers).toHaveLength(1);

    const states: string[] = [];
    let progressEvents = 0;
    const offState = api.on('train:state', (e) => states.push(e.snapshot.state));
    const offProgress = api.on('train:progress', () => progressEvents++);
    await api.train.start({
      hiddenLayers: [{ units: 4, activation: 'tanh' }],
      loss: 'auto',
      optimizer: { name: 'adam', lr: 0.05 },
      batchSize: 0,
      epochs: 50,
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      init: 'xavier',
      seed: 1,
    });
    for (let i = 0; i < 5000 && !states.includes('done'); i++) await tick();
    expect(states).toContain('done');
    expect(progressEvents).toBeGreaterThan(0);
    offState();
    offProgress();
    const onnx = await api.model.export('onnx');
    expect(onnx.data).toBeInstanceOf(Uint8Array);
  });

  it('turns error envelopes into StudioErrors with the same kind and message', async () => {
    const { api } = setup();
    const error = await api.train.pause().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).kind).toBe('training');
    expect((error as StudioError).message).toBe('cannot pause: no training run (press Train first)');
  });

  it('reports a crashed worker, fails its pending requests, and starts a fresh one on the next request', async () => {
    const { api, workers } = setup();
    await api.data.generate({ kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 });
    const backendErrors: { message: string; recoverable: boolean }[] = [];
    api.on('backend:error', (e) =>
      backendErrors.push({ message: e.error.message, recoverable: e.recoverable }),
    );

    const pending = api.data
      .generate({ kind: 'circle', points: 100, noise: 0, seed: 1, valFraction: 0 })
      .catch((e: unknown) => e);
    workers[0].crash('out of memory');
    const failed = await pending;
    expect(failed).toBeInstanceOf(StudioError);
    expect((failed as StudioError).message).toBe(
      'The training backend stopped (out of memory); it restarts with your next action',
    );
    expect(backendErrors).toEqual([{ message: (failed as StudioError).message, recoverable: true }]);
    expect(workers[0].terminated).toBe(true);

    const summary = await api.data.generate({
      kind: 'moons',
      points: 100,
      noise: 0.1,
      seed: 1,
      valFraction: 0.2,
    });
    expect(summary.trainRows + summary.valRows).toBe(100);
    expect(workers).toHaveLength(2);
  });

  it('ignores malformed messages on the worker port', async () => {
    const posted: FromBackend[] = [];
    const listeners: Listener[] = [];
    serveInWorker(
      { postMessage: (m) => posted.push(m), addEventListener: (_t, l) => listeners.push(l) },
      { yieldToHost: tick },
    );
    listeners[0](asEvent({ type: 'request', channel: 'data:generate' }));
    listeners[0](asEvent('hello'));
    listeners[0](asEvent({ type: 'request', id: 9, channel: 'nope', payload: {} }));
    for (let i = 0; i < 5; i++) await tick();
    expect(posted).toEqual([
      {
        type: 'response',
        id: 9,
        envelope: {
          ok: false,
          error: { kind: 'payload', message: 'unknown channel "nope"', location: { field: 'channel' } },
        },
      },
    ]);
  });
});
