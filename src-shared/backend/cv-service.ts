/**
 * The app's "Cross-validate" action: K folds of the current design on the current data, each the
 * same pure `trainFold` job `nanograd train --folds K` runs, in parallel on the host's worker pool
 * (Web Workers / worker_threads), or one after the other in the backend where the host has no
 * pool. One cross-validation at a time; folds stream out as 'cv:fold' events (with their curves),
 * progress a few times a second, and 'cv:state' ends it with the mean and std over the folds.
 */
import type { PrepareOptions, Table } from '../data/types';
import { TrainingError, firstLine } from '../errors';
import { runFolds, summarizeFolds, type FoldJob, type FoldResult } from '../evaluation/cross-validate';
import type { CvProgressEvent, CvStartRequest, CvStartResult, CvState } from '../evaluation/cv-app';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';
import type { EmitEvent } from './studio-backend';

export interface CvServiceHost {
  emit: EmitEvent;
  now(): number;
  yieldToHost(): Promise<void>;
  createPool?: () => WorkerPool<PoolTasks>;
}

interface ActiveCv {
  id: string;
  controller: AbortController;
  done: FoldResult[];
}

const PROGRESS_INTERVAL_MS = 250;

export class CrossValidationService {
  private active: ActiveCv | null = null;
  private counter = 0;

  constructor(private readonly host: CvServiceHost) {}

  start(req: CvStartRequest, data: { table: Table; prepare: PrepareOptions }): CvStartResult {
    if (this.active) throw new TrainingError('a cross-validation is already running: stop it first');
    const { valFraction: _valFraction, fold: _fold, ...prepare } = data.prepare;
    const jobs: FoldJob[] = Array.from({ length: req.folds }, (_, index) => ({
      table: data.table,
      prepare,
      config: req.config,
      folds: req.folds,
      index,
    }));
    const pool = this.host.createPool?.() ?? null;
    const cv: ActiveCv = { id: `cv-${++this.counter}`, controller: new AbortController(), done: [] };
    this.active = cv;
    void this.execute(cv, jobs, pool);
    return { cvId: cv.id, folds: req.folds, workers: pool ? Math.min(pool.size, req.folds) : 1 };
  }

  stop(): { finished: number } {
    const cv = this.active;
    if (!cv) return { finished: 0 };
    cv.controller.abort();
    return { finished: cv.done.length };
  }

  dispose(): void {
    this.active?.controller.abort();
  }

  private async execute(cv: ActiveCv, jobs: FoldJob[], pool: WorkerPool<PoolTasks> | null): Promise<void> {
    const started = this.host.now();
    const signal = cv.controller.signal;
    const running = new Map<number, CvProgressEvent['running'][number]>();
    let lastProgress = -Infinity;
    const progress = (force: boolean): void => {
      const now = this.host.now();
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      const folds = [...running.values()].sort((a, b) => a.fold - b.fold);
      this.host.emit('cv:progress', {
        cvId: cv.id,
        done: cv.done.length,
        total: jobs.length,
        running: folds,
      });
    };
    const onEpoch = (fold: number, epoch: number, totalEpochs: number): void => {
      running.set(fold, { fold, epoch, totalEpochs });
      progress(false);
    };
    const finished = (result: FoldResult): void => {
      running.delete(result.fold);
      cv.done.push(result);
      this.host.emit('cv:fold', { cvId: cv.id, result });
      progress(true);
    };
    let failure: unknown;
    try {
      failure = await runFolds(jobs, pool, {
        signal,
        now: () => this.host.now(),
        onEpoch: (job, metrics) => onEpoch(job.index + 1, metrics.epoch, job.config.epochs),
        yieldToHost: () => this.host.yieldToHost(),
        onFold: finished,
      });
    } finally {
      await pool?.dispose();
      running.clear();
      if (this.active === cv) this.active = null;
    }
    const state: CvState = failure ? 'failed' : signal.aborted ? 'stopped' : 'done';
    progress(true);
    const ordered = [...cv.done].sort((a, b) => a.fold - b.fold);
    this.host.emit('cv:state', {
      cvId: cv.id,
      state,
      message: failure ? firstLine(failure instanceof Error ? failure.message : String(failure)) : null,
      seconds: (this.host.now() - started) / 1000,
      cv: summarizeFolds(ordered, jobs.length),
    });
  }
}
