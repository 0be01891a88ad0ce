/**
 * The baselines of each app run (a constant predictor and a model without hidden layers, on the
 * run's own split and settings, as `nanograd train` reports them), fitted beside the run: on a
 * pool worker where the host has one, so neither the UI nor the run's own training loop waits
 * for the linear model's epochs; otherwise in the backend, an epoch between host yields. The result
 * goes out as one 'train:baselines' event for the run it belongs to; a newer run cancels it.
 */
import type { PrepareOptions, Table } from '../data/types';
import { CancelledError } from '../errors';
import { fitBaselinesJob, type BaselineJob, type Baselines } from '../evaluation/baselines';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';
import type { TrainConfig } from '../training/types';
import type { EmitEvent } from './studio-backend';

export interface BaselineServiceHost {
  emit: EmitEvent;
  yieldToHost(): Promise<void>;
  createPool?: () => WorkerPool<PoolTasks>;
}

export class BaselineService {
  private pool: WorkerPool<PoolTasks> | null = null;
  private current: AbortController | null = null;

  constructor(private readonly host: BaselineServiceHost) {}

  /** Fits the baselines of run `runId` (cancelling those of an earlier run still fitting). */
  fit(runId: string, data: { table: Table; prepare: PrepareOptions }, config: TrainConfig): void {
    this.cancel();
    const controller = new AbortController();
    this.current = controller;
    const job: BaselineJob = { table: data.table, prepare: data.prepare, config };
    void this.compute(job, controller.signal).then(
      (baselines) => {
        if (!controller.signal.aborted) this.host.emit('train:baselines', { runId, baselines });
      },
      () => {
        // Cancelled (the run was replaced), or a baseline that could not be fitted at all: the
        // run goes on without reference lines; a backend error would end the run's display.
      },
    );
  }

  cancel(): void {
    this.current?.abort();
    this.current = null;
  }

  dispose(): void {
    this.cancel();
    void this.pool?.dispose();
    this.pool = null;
  }

  private async compute(job: BaselineJob, signal: AbortSignal): Promise<Baselines> {
    if (this.host.createPool) {
      try {
        this.pool ??= this.host.createPool();
        return await this.pool.run('baselines', job, { signal });
      } catch (err) {
        if (err instanceof CancelledError || signal.aborted) throw err;
        // A pool that cannot start (a missing worker file, a crash) must not cost the run its
        // reference lines: fit them here instead.
      }
    }
    await this.host.yieldToHost();
    return fitBaselinesJob(job, { signal, yieldToHost: () => this.host.yieldToHost() });
  }
}
