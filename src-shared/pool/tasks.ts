/**
 * The task table every pool worker serves (Node worker_threads and Web Workers alike). To add
 * parallel work: declare its TaskSpec in PoolTasks and its handler in POOL_TASK_HANDLERS; the
 * handler is pure src-shared code and gets a TaskContext (cancel signal, progress, yield).
 */
import type { TaskHandlers } from './serve';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each parallel task
export interface PoolTasks {}

export const POOL_TASK_HANDLERS: TaskHandlers<PoolTasks> = {};
