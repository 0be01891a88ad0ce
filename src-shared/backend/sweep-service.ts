/**
 * The app's sweeps: the backend's current data and a base design, expanded by the experiments
 * module and run on the host's worker pool (Web Workers in the browser, worker_threads in
 * Electron), so neither the UI thread nor the backend's own training loop does the work. One
 * sweep at a time; its runs stream out as 'sweep:run' events, progress a few times a second.
 *
 * In the app a sweep keeps the data fixed (the data panel's set, split and seed): the seeds
 * 1..K vary the training seed (initial weights, batch order, dropout) only.
 */
import type { SweepStartRequest, SweepStartResult } from '../api';
import { CancelledError, TrainingError, firstLine } from '../errors';
import type { PrepareOptions, Table } from '../data/types';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';
import { configsForPlan, planRuns, runSweep, sweptNames, type SweepRunSpec } from '../experiments';
import type { EmitEvent } from './studio-backend';

export interface SweepData {
  table: Table;
  prepare: PrepareOptions;
}

export interface SweepServiceHost {
  emit: EmitEvent;
  now(): number;
  /** Starts a worker pool; absent where the host has no workers (then sweeps are refused). */
  createPool?: () => WorkerPool<PoolTasks>;
}

interface ActiveSweep {
  id: string;
  controller: AbortController;
  done: number;
}

const PROGRESS_INTERVAL_MS = 250;

export class SweepService {
  private active: ActiveSweep | null = null;
  private counter = 0;

  constructor(private readonly host: SweepServiceHost) {}

  start(req: SweepStartRequest, data: SweepData): SweepStartResult {
    if (this.active) throw new TrainingError('a sweep is already running: stop it first');
    if (!this.host.createPool)
      throw new TrainingError('sweeps need worker threads, which this host does not have');
    // Every configuration is checked before any run starts; a bad value names its parameter.
    const planned = planRuns(req);
    const configs = configsForPlan(req.base, planned);
    const swept = sweptNames(req);
    const specs: SweepRunSpec[] = planned.map((run, i) => ({
      index: run.index,
      job: { table: data.table, prepare: data.prepare, config: configs[i], fromModel: null, modelName: null },
    }));
    const pool = this.host.createPool();
    const sweep: ActiveSweep = { id: `sweep-${++this.counter}`, controller: new AbortController(), done: 0 };
    this.active = sweep;
    void this.execute(sweep, pool, specs, swept);
    return { sweepId: sweep.id, runs: specs.length, workers: Math.min(pool.size, specs.length), swept };
  }

  stop(): { finished: number } {
    const sweep = this.active;
    if (!sweep) return { finished: 0 };
    sweep.controller.abort();
    return { finished: sweep.done };
  }

  dispose(): void {
    this.active?.controller.abort();
  }

  private async execute(
    sweep: ActiveSweep,
    pool: WorkerPool<PoolTasks>,
    specs: SweepRunSpec[],
    swept: string[],
  ): Promise<void> {
    const started = this.host.now();
    const running = new Map<number, { index: number; epoch: number; totalEpochs: number }>();
    let lastProgress = -Infinity;
    const progress = (force: boolean): void => {
      const now = this.host.now();
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      this.host.emit('sweep:progress', {
        sweepId: sweep.id,
        done: sweep.done,
        total: specs.length,
        running: [...running.values()],
      });
    };
    let state: 'done' | 'stopped' | 'failed' = 'done';
    let message: string | null = null;
    try {
      const outcome = await runSweep(pool, specs, swept, {
        signal: sweep.controller.signal,
        onProgress: (index, p) => {
          running.set(index, { index, epoch: p.epoch, totalEpochs: p.totalEpochs });
          progress(false);
        },
        onRun: (run) => {
          running.delete(run.index);
          sweep.done++;
          this.host.emit('sweep:run', { sweepId: sweep.id, run });
          progress(false);
        },
      });
      if (outcome.stopped) state = 'stopped';
      else if (outcome.runs.length > 0 && outcome.runs.every((r) => r.state === 'failed')) {
        state = 'failed';
        message = outcome.runs[0].message;
      }
    } catch (err) {
      state = err instanceof CancelledError ? 'stopped' : 'failed';
      message = err instanceof Error ? firstLine(err.message) : String(err);
    } finally {
      await pool.dispose();
      running.clear();
      progress(true);
      if (this.active === sweep) this.active = null;
      this.host.emit('sweep:state', {
        sweepId: sweep.id,
        state,
        message,
        seconds: (this.host.now() - started) / 1000,
      });
    }
  }
}
