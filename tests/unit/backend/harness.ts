import type {
  Envelope,
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../../src-shared/api';
import { StudioBackend, type BackendOptions } from '../../../src-shared/backend';
import type { SerializedError } from '../../../src-shared/errors';

export interface RecordedEvent<E extends EventChannel = EventChannel> {
  event: E;
  payload: EventOf<E>;
  /** Fake-clock time at emission. */
  at: number;
}

/**
 * A StudioBackend on a fake clock that ticks 1 ms per reading (so time slices end after a
 * fixed amount of work, independent of the machine's speed) and a real macrotask yield (so
 * requests interleave with the training loop as they do in a worker).
 */
export function createHarness(options: BackendOptions = {}) {
  let clock = 0;
  const events: RecordedEvent[] = [];
  const now = (): number => (clock += 1);
  const backend = new StudioBackend(
    {
      emit: (event, payload) => events.push({ event, payload, at: clock } as RecordedEvent),
      yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
      waitWhilePaused: () => new Promise((resolve) => setImmediate(resolve)),
      now,
    },
    options,
  );

  async function call<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const envelope = (await backend.handle(channel, payload)) as Envelope<ResponseOf<C>>;
    if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`);
    return envelope.value;
  }

  async function fail(channel: string, payload: unknown): Promise<SerializedError> {
    const envelope = await backend.handle(channel, payload);
    if (envelope.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return envelope.error;
  }

  function of<E extends EventChannel>(event: E): RecordedEvent<E>[] {
    return events.filter((e) => e.event === event) as RecordedEvent<E>[];
  }

  /** Lets the training loop run until `condition` holds (fails after many turns). */
  async function until(condition: () => boolean, turns = 20_000): Promise<void> {
    for (let i = 0; i < turns; i++) {
      if (condition()) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('condition not reached');
  }

  async function turns(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  const lastState = () => of('train:state').at(-1)?.payload.snapshot.state;

  return { backend, events, call, fail, of, until, turns, lastState, time: () => clock };
}
