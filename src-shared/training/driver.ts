/**
 * Host-agnostic driver for a TrainingSession. It owns no timers: the host supplies the clock
 * and the way to give control back (setImmediate in Node, a MessageChannel tick in a worker),
 * so the same loop runs in the CLI, the Electron worker thread and the Web Worker.
 *
 * Every completed epoch reaches `onProgress` exactly once, in order, but in batches: at most
 * `maxEventsPerSecond` calls per second (a UI cannot draw faster than that and IPC has a cost
 * per message). Epochs done with `stepEpoch()` while the driver waits are forwarded too.
 */
import type { TrainingSession } from './session';
import type { EpochMetrics, SessionSnapshot, SessionState } from './types';

export interface RunHooks {
  onProgress(metrics: EpochMetrics[], snapshot: SessionSnapshot): void;
  /** Gives control back to the host (lets pause/stop messages in) and resolves soon after. */
  yieldToHost(): Promise<void>;
  now(): number;
  /** Length of one slice of training between yields, in ms (default 50). */
  sliceMs?: number;
  /** Upper bound on onProgress calls per second (default 30). */
  maxEventsPerSecond?: number;
  /**
   * Called instead of yieldToHost while the session is paused; make it wait (e.g. 50 ms) so a
   * paused run does not spin. Default: yieldToHost.
   */
  waitWhilePaused?(): Promise<void>;
}

const FINAL: readonly SessionState[] = ['stopped', 'done', 'diverged'];

/**
 * Runs until the session is stopped, done or diverged and resolves with its final snapshot.
 * The last onProgress call always carries the final snapshot (even with no new epochs), so a
 * host learns about the end from the same stream as the metrics.
 */
export async function runSession(session: TrainingSession, hooks: RunHooks): Promise<SessionSnapshot> {
  const sliceMs = hooks.sliceMs ?? 50;
  const minInterval = 1000 / (hooks.maxEventsPerSecond ?? 30);
  let emitted = session.history.length;
  let lastEmit = -Infinity;

  const flush = (force: boolean): void => {
    const pending = session.history.length - emitted;
    const t = hooks.now();
    if (!force && (pending === 0 || t - lastEmit < minInterval)) return;
    const batch = session.history.slice(emitted);
    emitted = session.history.length;
    lastEmit = t;
    hooks.onProgress(batch, session.snapshot());
  };

  while (!FINAL.includes(session.state)) {
    if (session.state === 'paused') {
      flush(false);
      await (hooks.waitWhilePaused ? hooks.waitWhilePaused() : hooks.yieldToHost());
      continue;
    }
    // Tiny data sets finish an epoch in microseconds: keep going until the slice is used up.
    const sliceEnd = hooks.now() + sliceMs;
    do {
      session.advance(Math.max(0, sliceEnd - hooks.now()));
    } while (session.state === 'running' && hooks.now() < sliceEnd);
    if (FINAL.includes(session.state)) break;
    flush(false);
    await hooks.yieldToHost();
  }
  flush(true);
  return session.snapshot();
}
