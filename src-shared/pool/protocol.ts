/**
 * The type-tagged messages between a WorkerPool and one of its workers. A job carries an id
 * so its progress, result or failure can be matched; errors cross as SerializedError and are
 * turned back into the typed StudioError classes on the pool side.
 */
import type { SerializedError } from '../errors';

/** What one task kind takes, reports while it runs, and returns. */
export interface TaskSpec<Payload = unknown, Result = unknown, Progress = never> {
  payload: Payload;
  result: Result;
  progress: Progress;
}

/** A table of task kinds, e.g. `{ 'train-run': TaskSpec<RunJob, RunResult, EpochMetrics[]> }`. */
export type TaskMapOf<M> = { [K in keyof M]: TaskSpec<unknown, unknown, unknown> };

export interface PoolJobMessage {
  type: 'pool:job';
  id: number;
  task: string;
  payload: unknown;
}

export interface PoolCancelMessage {
  type: 'pool:cancel';
  id: number;
}

export type ToPoolWorker = PoolJobMessage | PoolCancelMessage;

export interface PoolProgressMessage {
  type: 'pool:progress';
  id: number;
  progress: unknown;
}

export interface PoolResultMessage {
  type: 'pool:result';
  id: number;
  result: unknown;
}

export interface PoolFailedMessage {
  type: 'pool:failed';
  id: number;
  error: SerializedError;
}

export type FromPoolWorker = PoolProgressMessage | PoolResultMessage | PoolFailedMessage;

function tagged(message: unknown): { type?: unknown; id?: unknown } | null {
  return typeof message === 'object' && message !== null ? (message as { type?: unknown }) : null;
}

export function isToPoolWorker(message: unknown): message is ToPoolWorker {
  const m = tagged(message);
  if (!m || typeof m.id !== 'number') return false;
  if (m.type === 'pool:cancel') return true;
  return m.type === 'pool:job' && typeof (m as { task?: unknown }).task === 'string';
}

export function isFromPoolWorker(message: unknown): message is FromPoolWorker {
  const m = tagged(message);
  if (!m || typeof m.id !== 'number') return false;
  if (m.type === 'pool:progress' || m.type === 'pool:result') return true;
  if (m.type !== 'pool:failed') return false;
  const error = (m as { error?: { message?: unknown } }).error;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}
