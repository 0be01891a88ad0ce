import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, EventChannel, EventOf } from '../../../src-shared/api';
import type { SessionSnapshot } from '../../../src-shared/training/types';
import type { BackendRequest } from '../../../src-shared/backend';
import { BackendWorkerHost, type ThreadLike } from '../../../src-main/electron/worker-host';
import { buildTrainingWorker } from './build-worker';

type Recorded = { event: EventChannel; payload: EventOf<EventChannel> };

const XOR = { kind: 'xor', points: 4, noise: 0, seed: 1, valFraction: 0 } as const;
const CONFIG = {
  hiddenLayers: [{ units: 8, activation: 'tanh' }],
  loss: 'auto',
  optimizer: { name: 'adam', lr: 0.05 },
  batchSize: 0,
  epochs: 400,
  regularization: 'none',
  regRate: 0,
  dropout: 0,
  init: 'xavier',
  seed: 4,
} as const;

async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as T;
}

describe('BackendWorkerHost with the real worker thread', () => {
  let entry = '';
  const hosts: BackendWorkerHost[] = [];

  beforeAll(async () => {
    entry = await buildTrainingWorker();
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  function setup() {
    const events: Recorded[] = [];
    const threads: Worker[] = [];
    const host = new BackendWorkerHost(
      () => {
        const worker = new Worker(entry);
        threads.push(worker);
        return worker as unknown as ThreadLike;
      },
      (event, payload) => events.push({ event, payload }),
    );
    hosts.push(host);
    const states = () =>
      events
        .filter((e) => e.event === 'train:state')
        .map((e) => (e.payload as EventOf<'train:state'>).snapshot.state);
    return { host, events, threads, states };
  }

  it('trains XOR in the thread and streams progress, boundary and state events', async () => {
    const { host, events, states } = setup();
    expect(value<{ inputSize: number }>(await host.request('data:generate', XOR)).inputSize).toBe(2);
    await host.request('train:start', CONFIG);
    await waitFor(() => states().includes('done'));
    const progress = events
      .filter((e) => e.event === 'train:progress')
      .map((e) => e.payload as EventOf<'train:progress'>);
    expect(progress.flatMap((p) => p.metrics).map((m) => m.epoch)).toEqual(
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    expect(progress.at(-1)!.snapshot.last!.loss).toBeLessThan(0.05);
    expect(progress.at(-1)!.weights![0].weight).toBeInstanceOf(Float32Array);
    expect(events.some((e) => e.event === 'train:boundary')).toBe(true);
    const onnx = value<{ data: Uint8Array }>(await host.request('model:export', { format: 'onnx' }));
    expect(onnx.data).toBeInstanceOf(Uint8Array);
  });

  it('pauses and stops a long run while the thread is busy training', async () => {
    const { host, events, states } = setup();
    await host.request('data:generate', {
      kind: 'spiral',
      points: 400,
      noise: 0.1,
      seed: 2,
      valFraction: 0.2,
    });
    await host.request('train:start', { ...CONFIG, epochs: 100_000, batchSize: 16 });
    await waitFor(() => events.some((e) => e.event === 'train:progress'));
    const paused = value<SessionSnapshot>(await host.request('train:pause', {}));
    expect(paused.state).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(value<SessionSnapshot>(await host.request('train:step', {})).epoch).toBe(paused.epoch + 1);
    const stopped = value<SessionSnapshot>(await host.request('train:stop', {}));
    expect(stopped.state).toBe('stopped');
    expect(states()).toEqual(['paused', 'stopped']);
  });

  it('reports a dead thread, fails what was pending, and restarts with the last data replayed', async () => {
    const { host, events, threads } = setup();
    await host.request('data:generate', XOR);
    await host.request('train:start', { ...CONFIG, epochs: 100_000 });
    await waitFor(() => events.some((e) => e.event === 'train:progress'));
    await threads[0].terminate();
    await waitFor(() => events.some((e) => e.event === 'backend:error'));
    const crash = events.find((e) => e.event === 'backend:error')!.payload as EventOf<'backend:error'>;
    expect(crash.recoverable).toBe(true);
    expect(crash.error.message).toBe(
      'The training backend stopped (exit code 1); it restarts with your next action',
    );
    expect(host.running).toBe(false);

    // The fresh thread got XOR back: training starts without a new data:generate.
    const restarted = value<{ snapshot: SessionSnapshot }>(
      await host.request('train:start', { ...CONFIG, epochs: 5 }),
    );
    expect(restarted.snapshot.spec.inputSize).toBe(2);
    expect(threads).toHaveLength(2);
  });
});

describe('BackendWorkerHost logic (fake thread)', () => {
  class FakeThread implements ThreadLike {
    sent: BackendRequest[] = [];
    private listeners: Record<string, ((arg: never) => void)[]> = {};
    postMessage(message: BackendRequest): void {
      this.sent.push(message);
    }
    on(event: string, listener: (arg: never) => void): this {
      (this.listeners[event] ??= []).push(listener);
      return this;
    }
    async terminate(): Promise<number> {
      return 0;
    }
    emit(event: string, arg: unknown): void {
      for (const l of this.listeners[event] ?? []) l(arg as never);
    }
    answer(id: number, envelope: Envelope<unknown>): void {
      this.emit('message', { type: 'response', id, envelope });
    }
  }

  it('replays only successful data and model requests, in order, to a new thread', async () => {
    const threads: FakeThread[] = [];
    const events: Recorded[] = [];
    const host = new BackendWorkerHost(
      () => {
        threads.push(new FakeThread());
        return threads.at(-1)!;
      },
      (event, payload) => events.push({ event, payload }),
    );
    const first = host.request('data:generate', XOR);
    threads[0].answer(threads[0].sent[0].id, { ok: true, value: 'summary' });
    await first;
    const failing = host.request('data:import-csv', { bad: true });
    threads[0].answer(threads[0].sent[1].id, {
      ok: false,
      error: { kind: 'csv', message: 'bad', location: {} },
    });
    await failing;
    const loading = host.request('model:load', { fileName: 'm.json', text: '{}' });
    threads[0].answer(threads[0].sent[2].id, { ok: true, value: 'model' });
    await loading;
    const pending = host.request('train:start', CONFIG);
    threads[0].emit('error', new Error('heap out of memory\nstack'));
    expect(await pending).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: 'The training backend stopped (heap out of memory); it restarts with your next action',
        location: {},
      },
    });
    expect(events.map((e) => e.event)).toEqual(['backend:error']);
    // A late exit of the dead thread is not a second crash.
    threads[0].emit('exit', 1);
    expect(events).toHaveLength(1);

    void host.request('train:pause', {});
    expect(threads).toHaveLength(2);
    expect(threads[1].sent.map((m) => m.channel)).toEqual(['data:generate', 'model:load', 'train:pause']);
    // Events of the dead thread are ignored.
    threads[0].emit('message', { type: 'event', event: 'train:state', payload: {} });
    expect(events).toHaveLength(1);
    await host.dispose();
    expect((await host.request('train:pause', {})).ok).toBe(false);
  });
  it('replays the paint strokes on the replayed data, and forgets them with new data', async () => {
    const threads: FakeThread[] = [];
    const host = new BackendWorkerHost(
      () => {
        threads.push(new FakeThread());
        return threads.at(-1)!;
      },
      () => undefined,
    );
    const answered = async (channel: 'data:generate' | 'data:paint', payload: unknown, ok = true) => {
      const pending = host.request(channel, payload);
      const t = threads.at(-1)!;
      t.answer(
        t.sent.at(-1)!.id,
        ok
          ? { ok: true, value: 's' }
          : { ok: false, error: { kind: 'payload', message: 'no', location: {} } },
      );
      return pending;
    };
    const stroke = { action: 'add', stroke: 1, label: 0, points: [{ x: 0, y: 0 }] };
    await answered('data:generate', XOR);
    await answered('data:paint', { action: 'add', stroke: 0, label: 0, points: [{ x: 5, y: 5 }] });
    await answered('data:generate', XOR);
    await answered('data:paint', stroke);
    await answered('data:paint', { action: 'add', stroke: 2, label: 9, points: [{ x: 0, y: 0 }] }, false);
    await answered('data:paint', { action: 'undo' });
    threads[0].emit('exit', 1);
    void host.request('train:pause', {});
    expect(threads[1].sent.map((m) => [m.channel, m.payload])).toEqual([
      ['data:generate', XOR],
      ['data:paint', stroke],
      ['data:paint', { action: 'undo' }],
      ['train:pause', {}],
    ]);
    await host.dispose();
  });
});
