/**
 * The task table every pool worker serves (Node worker_threads and Web Workers alike). To add
 * parallel work: declare its TaskSpec in PoolTasks and its handler in POOL_TASK_HANDLERS; the
 * handler is pure src-shared code and gets a TaskContext (cancel signal, progress, yield).
 */
import { trainFold, type FoldTask } from '../evaluation/cross-validate';
import { fitBaselinesJob, type BaselineJob, type Baselines } from '../evaluation/baselines';
import { trainSweepRun, type SweepRunTask } from '../experiments/run-task';
import { umapProjection, type Projection, type UmapJob } from '../datamap/projection';
import type { TaskSpec } from './protocol';
import type { TaskHandlers } from './serve';

export interface PoolTasks {
  /** One cross-validation fold trained to the end; progress = each epoch's metrics. */
  'cv-fold': FoldTask;
  /** A run's trivial and linear baselines on the run's split (the app fits them beside the run). */
  baselines: TaskSpec<BaselineJob, Baselines>;
  /** One sweep run: prepare -> session -> model file, through the training run module. */
  'train-run': SweepRunTask;
  /** The data map's UMAP layout (seconds of work), off the backend thread so training keeps going. */
  'umap-layout': TaskSpec<UmapJob, Projection, { done: number; total: number }>;
}

export const POOL_TASK_HANDLERS: TaskHandlers<PoolTasks> = {
  'cv-fold': (job, context) =>
    trainFold(job, {
      signal: context.signal,
      now: context.now,
      onEpoch: async (metrics) => {
        context.progress(metrics);
        await context.yieldToHost();
      },
    }),
  baselines: (job, context) =>
    fitBaselinesJob(job, { signal: context.signal, yieldToHost: () => context.yieldToHost() }),
  'train-run': trainSweepRun,
  'umap-layout': (job, context) =>
    umapProjection(job.x, job.n, job.d, {
      seed: job.seed,
      onProgress: (done, total) => context.progress({ done, total }),
      yieldToHost: () => context.yieldToHost(),
      cancelled: () => context.signal.aborted,
    }),
};
