import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '@shared/api';
import { StudioBackend } from '@shared/backend';
import { POOL_TASK_HANDLERS, type PoolTasks } from '@shared/pool/tasks';
import { inProcessPool } from '../pool/in-process';

/**
 * A StudioBackend on a real clock, with (by default) an in-process worker pool of 2 serving the
 * real task table: for the jobs that run on the pool (sweeps, cross-validation, baselines).
 * Unlike createHarness, `of` gives the events' payloads.
 */
export function createPoolHarness({ pool = true, turns = 400_000 }: { pool?: boolean; turns?: number } = {}) {
  const events: { event: EventChannel; payload: unknown }[] = [];
  const backend = new StudioBackend({
    emit: (event, payload) => events.push({ event, payload }),
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    now: () => performance.now(),
    ...(pool ? { createPool: () => inProcessPool<PoolTasks>(POOL_TASK_HANDLERS, { size: 2 }).pool } : {}),
  });
  const call = async <C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<ResponseOf<C>> => {
    const envelope = await backend.handle(channel, payload);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.value as ResponseOf<C>;
  };
  const of = <E extends EventChannel>(event: E) =>
    events.filter((e) => e.event === event).map((e) => e.payload as EventOf<E>);
  /** Lets the backend run until `condition` holds (fails after `turns` macrotasks). */
  const until = async (condition: () => boolean): Promise<void> => {
    for (let i = 0; i < turns && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
    if (!condition()) throw new Error('condition not reached');
  };
  return { backend, call, of, until };
}
