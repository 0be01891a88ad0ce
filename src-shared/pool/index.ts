/** The worker pool: one interface for parallel work, implemented by each host (see pool.ts). */
export * from './protocol';
export {
  createWorkerPool,
  defaultPoolSize,
  type PoolWorkerPort,
  type RunOptions,
  type WorkerPool,
  type WorkerPoolOptions,
} from './pool';
export { servePoolTasks, type PoolWorkerScope, type TaskContext, type TaskHandlers } from './serve';
