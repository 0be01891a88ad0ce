/**
 * The type-tagged messages between the web build's UI thread and its backend Web Worker.
 * Requests carry an id so responses can arrive out of order (a slow import does not hold up
 * a pause); events carry no id.
 */
import type { Envelope, EventChannel, EventOf } from '@shared/api';

export interface WorkerRequest {
  type: 'request';
  id: number;
  channel: string;
  payload: unknown;
}

export interface WorkerResponse {
  type: 'response';
  id: number;
  envelope: Envelope<unknown>;
}

export interface WorkerEvent<E extends EventChannel = EventChannel> {
  type: 'event';
  event: E;
  payload: EventOf<E>;
}

export type FromWorker = WorkerResponse | WorkerEvent;

export function isWorkerRequest(message: unknown): message is WorkerRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<WorkerRequest>;
  return m.type === 'request' && typeof m.id === 'number' && typeof m.channel === 'string';
}

export function isFromWorker(message: unknown): message is FromWorker {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; id?: unknown; event?: unknown };
  return (m.type === 'response' && typeof m.id === 'number') || (m.type === 'event' && typeof m.event === 'string');
}
