/**
 * The main process's handle on the backend thread. It forwards requests and events, and
 * survives the thread: if it crashes (an exception that escaped, out of memory), pending
 * requests get an error envelope, the UI gets 'backend:error', and the next request starts a
 * fresh thread that first replays the last data set and model, so the user continues where
 * they were without restarting the app.
 */
import type { Envelope, EventChannel, EventOf, RequestChannel } from '../../src-shared/api';
import { isFromBackend, type BackendRequest } from '../../src-shared/backend/messages';
import { firstLine, type SerializedError } from '../../src-shared/errors';

/** The part of worker_threads.Worker this host uses (tests pass a fake). */
export interface ThreadLike {
  postMessage(message: BackendRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export type ForwardEvent = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

/** Requests whose success defines the state a fresh thread must get back. */
const REPLAYED: Partial<Record<RequestChannel, 'data' | 'model'>> = {
  'data:generate': 'data',
  'data:import-csv': 'data',
  'model:load': 'model',
  'project:load': 'model',
};

export class BackendWorkerHost {
  private thread: ThreadLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  private readonly replay = new Map<'data' | 'model', { channel: string; payload: unknown }>();
  /** Paint strokes (and undos) on the replayed data, in order: a fresh thread repaints them. */
  private painted: unknown[] = [];
  private disposed = false;

  constructor(
    private readonly spawn: () => ThreadLike,
    private readonly forward: ForwardEvent,
  ) {}

  /** Sends a (validated) request to the thread; always resolves with an envelope. */
  request(channel: RequestChannel, payload: unknown): Promise<Envelope<unknown>> {
    if (this.disposed) return Promise.resolve({ ok: false, error: internal('the app is shutting down') });
    const fresh = this.thread === null;
    const thread = this.ensureThread();
    if (fresh) {
      for (const saved of this.replay.values()) this.send(thread, saved.channel, saved.payload);
      for (const stroke of this.painted) this.send(thread, 'data:paint', stroke);
    }
    return this.send(thread, channel, payload).then((envelope) => {
      const slot = REPLAYED[channel];
      if (envelope.ok && slot) this.replay.set(slot, { channel, payload });
      if (envelope.ok && slot === 'data') this.painted = [];
      if (envelope.ok && channel === 'data:paint') this.painted.push(payload);
      if (envelope.ok && channel === 'train:reset') this.replay.delete('model');
      return envelope;
    });
  }

  /** True while a thread is alive (for tests and diagnostics). */
  get running(): boolean {
    return this.thread !== null;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const thread = this.thread;
    this.thread = null;
    this.failPending(internal('the app is shutting down'));
    if (thread) await thread.terminate();
  }

  private send(thread: ThreadLike, channel: string, payload: unknown): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, resolve);
      try {
        thread.postMessage({ type: 'request', id, channel, payload });
      } catch (err) {
        this.pending.delete(id);
        resolve({
          ok: false,
          error: internal(`could not send ${channel} to the training thread: ${describe(err)}`),
        });
      }
    });
  }

  private ensureThread(): ThreadLike {
    if (this.thread) return this.thread;
    const thread = this.spawn();
    thread.on('message', (message) => {
      if (this.thread !== thread || !isFromBackend(message)) return;
      if (message.type === 'response') {
        this.pending.get(message.id)?.(message.envelope);
        this.pending.delete(message.id);
      } else {
        this.forward(message.event, message.payload);
      }
    });
    thread.on('error', (error) => this.crashed(thread, describe(error)));
    thread.on('exit', (code) => this.crashed(thread, `exit code ${code}`));
    this.thread = thread;
    return thread;
  }

  private crashed(thread: ThreadLike, reason: string): void {
    if (this.thread !== thread) return;
    this.thread = null;
    void thread.terminate().catch(() => undefined);
    const error = internal(`The training backend stopped (${reason}); it restarts with your next action`);
    this.failPending(error);
    if (!this.disposed) this.forward('backend:error', { error, recoverable: true });
  }

  private failPending(error: SerializedError): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
  }
}

function internal(message: string): SerializedError {
  return { kind: 'internal', message, location: {} };
}

function describe(err: unknown): string {
  return firstLine(err instanceof Error ? err.message : String(err));
}
