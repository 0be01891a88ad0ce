import { describe, expect, it } from 'vitest';
import { CancelledError, ConfigError, StudioError } from '@shared/errors';
import type { TaskSpec } from '@shared/pool';
import { inProcessPool } from './in-process';

interface Tasks {
  square: TaskSpec<{ x: number; ticks?: number }, { y: number }, number>;
  fail: TaskSpec<{ message: string }, never>;
  /** Runs until cancelled, yielding between steps; returns how far it got when asked to stop. */
  spin: TaskSpec<{ returnOnCancel: boolean }, { steps: number }>;
  /** Never yields and never answers: only termination ends it. */
  hang: TaskSpec<Record<string, never>, never>;
}

const live = { running: 0, peak: 0 };

const handlers = {
  async square(
    { x, ticks = 3 }: { x: number; ticks?: number },
    context: { progress(p: number): void; yieldToHost(): Promise<void> },
  ) {
    live.running++;
    live.peak = Math.max(live.peak, live.running);
    for (let i = 1; i <= ticks; i++) {
      await context.yieldToHost();
      context.progress(i);
    }
    live.running--;
    return { y: x * x };
  },
  fail({ message }: { message: string }): never {
    throw new ConfigError(message, { field: 'lr' });
  },
  async spin(
    { returnOnCancel }: { returnOnCancel: boolean },
    context: { signal: AbortSignal; yieldToHost(): Promise<void> },
  ) {
    let steps = 0;
    while (!context.signal.aborted) {
      steps++;
      await context.yieldToHost();
    }
    if (returnOnCancel) return { steps };
    throw new CancelledError('stopped at step ' + steps);
  },
  hang(): Promise<never> {
    return new Promise(() => undefined);
  },
};

describe('worker pool (shared core, in-process workers)', () => {
  it('runs every job once, at most size at a time, and returns each result to its caller', async () => {
    live.peak = 0;
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => pool.run('square', { x: i })));
    expect(results.map((r) => r.y)).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    expect(live.peak).toBe(3);
    expect(workers).toHaveLength(3); // workers are reused, not one per job
    await pool.dispose();
  });

  it('delivers progress in order before the job settles', async () => {
    const { pool } = inProcessPool<Tasks>(handlers, { size: 1 });
    const seen: number[] = [];
    const result = await pool.run('square', { x: 7, ticks: 5 }, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(result.y).toBe(49);
    await pool.dispose();
  });

  it('rejects with the same typed error the task threw, and keeps serving', async () => {
    const { pool } = inProcessPool<Tasks>(handlers, { size: 1 });
    const error = await pool.run('fail', { message: 'lr must be positive' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('lr must be positive');
    expect((error as ConfigError).location).toEqual({ field: 'lr' });
    expect((await pool.run('square', { x: 3 })).y).toBe(9);
    await pool.dispose();
  });

  it('names an unknown task instead of hanging', async () => {
    const { pool } = inProcessPool<Tasks>(handlers, { size: 1 });
    const run = pool.run('nope' as 'square', { x: 1 });
    await expect(run).rejects.toThrow("this worker has no task named 'nope'");
    await pool.dispose();
  });

  it('a crashed worker fails only its job, naming the worker, and is replaced', async () => {
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 2 });
    const doomed = pool.run('hang', {});
    const fine = pool.run('square', { x: 5, ticks: 20 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers[0].crash('out of memory');
    const error = await doomed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).kind).toBe('internal');
    expect((error as Error).message).toBe('worker 1 of 2 stopped during hang (out of memory)');
    expect((await fine).y).toBe(25);
    expect((await pool.run('square', { x: 6 })).y).toBe(36);
    expect(workers.length).toBe(3);
    await pool.dispose();
  });

  it('cancelling a queued job removes it before it reaches a worker', async () => {
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 1 });
    const first = pool.run('square', { x: 2, ticks: 10 });
    const controller = new AbortController();
    const queued = pool.run('square', { x: 9 }, { signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    expect((await first).y).toBe(4);
    const jobs = workers[0].received.filter((m) => (m as { type: string }).type === 'pool:job');
    expect(jobs).toHaveLength(1);
    await pool.dispose();
  });

  it('cancelling a running job stops it in the worker: CancelledError, or the partial result it returns', async () => {
    const { pool } = inProcessPool<Tasks>(handlers, { size: 2 });
    const a = new AbortController();
    const b = new AbortController();
    const thrown = pool.run('spin', { returnOnCancel: false }, { signal: a.signal });
    const returned = pool.run('spin', { returnOnCancel: true }, { signal: b.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    a.abort();
    b.abort();
    const error = await thrown.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toMatch(/^stopped at step \d+$/);
    expect((await returned).steps).toBeGreaterThan(0);
    await pool.dispose();
  });

  it('a job that ignores cancel is ended by terminating its worker after the grace period', async () => {
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 1, cancelGraceMs: 20 });
    const controller = new AbortController();
    const stuck = pool.run('hang', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(stuck).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].terminated).toBe(true);
    expect((await pool.run('square', { x: 4 })).y).toBe(16);
    expect(workers).toHaveLength(2);
    await pool.dispose();
  });

  it('dispose cancels queued and running jobs, terminates workers and refuses new work', async () => {
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 1 });
    const running = pool.run('hang', {});
    const queued = pool.run('square', { x: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await pool.dispose();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await expect(queued).rejects.toBeInstanceOf(CancelledError);
    expect(workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.run('square', { x: 1 })).rejects.toThrow('the worker pool was closed');
  });

  it('an already aborted signal never queues the job', async () => {
    const { pool, workers } = inProcessPool<Tasks>(handlers, { size: 1 });
    await expect(pool.run('square', { x: 1 }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(workers).toHaveLength(0);
    await pool.dispose();
  });
});
