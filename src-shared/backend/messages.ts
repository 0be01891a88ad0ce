/**
 * The type-tagged messages between a host and the thread that runs StudioBackend (the web
 * build's Web Worker, the Electron worker thread). Requests carry an id so responses can
 * arrive out of order (a slow import does not hold up a pause); events carry no id.
 */
import type { Envelope, EventChannel, EventOf } from '../api';

export interface BackendRequest {
  type: 'request';
  id: number;
  channel: string;
  payload: unknown;
}

export interface BackendResponse {
  type: 'response';
  id: number;
  envelope: Envelope<unknown>;
}

export interface BackendEvent<E extends EventChannel = EventChannel> {
  type: 'event';
  event: E;
  payload: EventOf<E>;
}

export type FromBackend = BackendResponse | BackendEvent;

export function isBackendRequest(message: unknown): message is BackendRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<BackendRequest>;
  return m.type === 'request' && typeof m.id === 'number' && typeof m.channel === 'string';
}

export function isFromBackend(message: unknown): message is FromBackend {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as { type?: unknown; id?: unknown; event?: unknown };
  return (
    (m.type === 'response' && typeof m.id === 'number') || (m.type === 'event' && typeof m.event === 'string')
  );
}
