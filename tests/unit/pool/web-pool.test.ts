import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shared/errors';
import { servePoolTasks, type TaskSpec } from '@shared/pool';
import { createWebWorkerPool } from '../../../src-renderer/host/worker-pool';

interface Tasks {
  double: TaskSpec<number, number, string>;
  refuse: TaskSpec<string, never>;
}

type Listener = (event: { data?: unknown; message?: string; preventDefault?: () => void }) => void;

/** Stands in for a module Web Worker: the same servePoolTasks the real pool-worker.ts runs. */
class FakeWorker {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly inside: ((data: unknown) => void)[] = [];
  terminated = false;

  constructor() {
    servePoolTasks<Tasks>(
      {
        postMessage: (message) =>
          setImmediate(() => this.emit('message', { data: structuredClone(message) })),
        onMessage: (listener) => this.inside.push(listener),
        yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
        now: () => performance.now(),
      },
      {
        double: (x, context) => {
          context.progress(`doubling ${x}`);
          return x * 2;
        },
        refuse: (field) => {
          throw new ConfigError(`${field} is not allowed`, { field });
        },
      },
    );
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  postMessage(message: unknown): void {
    const copy = structuredClone(message);
    setImmediate(() => this.inside.forEach((listener) => listener(copy)));
  }

  terminate(): void {
    this.terminated = true;
  }

  emit(type: string, event: Parameters<Listener>[0]): void {
    if (!this.terminated) (this.listeners.get(type) ?? []).forEach((listener) => listener(event));
  }
}

describe('web worker pool (Web Workers)', () => {
  it('runs jobs with progress and typed errors, and replaces a worker whose script failed', async () => {
    const workers: FakeWorker[] = [];
    const pool = createWebWorkerPool<Tasks>({
      size: 2,
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker as unknown as Worker;
      },
    });
    const progress: string[] = [];
    expect(await pool.run('double', 21, { onProgress: (p) => progress.push(p) })).toBe(42);
    expect(progress).toEqual(['doubling 21']);
    await expect(pool.run('refuse', 'lr')).rejects.toEqual(
      new ConfigError('lr is not allowed', { field: 'lr' }),
    );

    const pending = pool.run('double', 1);
    const prevented: boolean[] = [];
    workers[0].emit('error', {
      message: 'Uncaught SyntaxError: bad token\n  at pool-worker.js:1',
      preventDefault: () => prevented.push(true),
    });
    await expect(pending).rejects.toThrow(
      'worker 1 of 2 stopped during double (Uncaught SyntaxError: bad token)',
    );
    expect(prevented).toEqual([true]);
    expect(workers[0].terminated).toBe(true);
    expect(await pool.run('double', 5)).toBe(10);
    await pool.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
