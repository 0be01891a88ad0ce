import { describe, expect, it } from 'vitest';
import {
  TrainingSession,
  defaultTrainConfig,
  runSession,
  type EpochMetrics,
  type SessionSnapshot,
} from '../../../src-shared/training';
import { plane, spiral, xorClasses } from './datasets';

/** Time advances by `perCall` ms on every now() call (a stand-in for work taking time). */
function tickingClock(perCall: number): () => number {
  let t = 0;
  return () => (t += perCall);
}

describe('runSession', () => {
  it('forwards every epoch once, in order, in at most ~30 batches per second', async () => {
    const now = tickingClock(1);
    const session = new TrainingSession(
      xorClasses(),
      { ...defaultTrainConfig(), epochs: 500, batchSize: 0 },
      { now },
    );
    const calls: { at: number; epochs: number[]; state: string }[] = [];
    let yields = 0;
    const final = await runSession(session, {
      now,
      sliceMs: 5,
      yieldToHost: async () => {
        yields++;
      },
      onProgress: (metrics: EpochMetrics[], snap: SessionSnapshot) =>
        calls.push({ at: now(), epochs: metrics.map((m) => m.epoch), state: snap.state }),
    });
    expect(final.state).toBe('done');
    expect(calls.flatMap((c) => c.epochs)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(yields).toBeGreaterThan(10);
    // Throttle: consecutive calls (except the final flush) are at least 1000/30 ms apart on the host clock.
    for (let i = 1; i < calls.length - 1; i++)
      expect(calls[i].at - calls[i - 1].at).toBeGreaterThanOrEqual(1000 / 30);
    expect(calls.length).toBeLessThan(500 / 5);
    expect(calls[calls.length - 1].state).toBe('done');
  });

  it('maxEventsPerSecond changes the batching', async () => {
    const count = async (maxEventsPerSecond: number) => {
      const now = tickingClock(1);
      const session = new TrainingSession(
        xorClasses(),
        { ...defaultTrainConfig(), epochs: 300, batchSize: 0 },
        { now },
      );
      let n = 0;
      await runSession(session, {
        now,
        sliceMs: 2,
        maxEventsPerSecond,
        yieldToHost: async () => undefined,
        onProgress: () => n++,
      });
      return n;
    };
    const fast = await count(1000);
    const slow = await count(5);
    expect(fast).toBeGreaterThan(slow * 5);
  });

  it('stops within a slice when the host stops the session, and forwards stepped epochs while paused', async () => {
    const now = tickingClock(1);
    const session = new TrainingSession(
      spiral(300),
      { ...defaultTrainConfig(), epochs: 1000, batchSize: 8 },
      { now },
    );
    const seen: number[] = [];
    let yields = 0;
    let waits = 0;
    const final = await runSession(session, {
      now,
      sliceMs: 3,
      yieldToHost: async () => {
        yields++;
        if (yields === 5) session.pause();
      },
      waitWhilePaused: async () => {
        waits++;
        if (waits === 1) session.stepEpoch();
        if (waits === 3) session.stop();
      },
      onProgress: (metrics) => seen.push(...metrics.map((m) => m.epoch)),
    });
    expect(final.state).toBe('stopped');
    expect(final.epoch).toBeLessThan(10);
    expect(seen).toEqual(Array.from({ length: final.epoch }, (_, i) => i + 1));
    expect(waits).toBe(3);
  });

  it('ends with the diverged snapshot and its message', async () => {
    const now = tickingClock(1);
    const session = new TrainingSession(
      plane().data,
      { ...defaultTrainConfig(), epochs: 100, optimizer: { name: 'sgd', lr: 1000 } },
      { now },
    );
    let lastSnapshot: SessionSnapshot | null = null;
    const final = await runSession(session, {
      now,
      yieldToHost: async () => undefined,
      onProgress: (_m, snap) => (lastSnapshot = snap),
    });
    expect(final.state).toBe('diverged');
    expect(final.message).toContain('lower the learning rate (now 1000)');
    expect(lastSnapshot!.state).toBe('diverged');
  });
});
