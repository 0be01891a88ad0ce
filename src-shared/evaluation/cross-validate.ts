/**
 * K-fold cross-validation: K runs of the same design (each a training run, ../training/run.ts),
 * fold i validating on the i-th of K disjoint seeded folds (stratified for classes) and training
 * on the rest. One fold is a pure job (`trainFold`), so hosts run folds in parallel on a worker
 * pool (the 'cv-fold' task) or one after the other; `summarizeFolds` gives mean and std over the
 * folds.
 */
import type { PrepareOptions, Table } from '../data/types';
import { CancelledError, TrainingError } from '../errors';
import { prepareRun, startRun } from '../training/run';
import type { EpochMetrics, TrainConfig } from '../training/types';
import type { WorkerPool } from '../pool/pool';
import type { TaskMapOf, TaskSpec } from '../pool/protocol';

export interface FoldJob {
  table: Table;
  /** prepareDataset options without the fold (the job adds it). */
  prepare: Omit<PrepareOptions, 'fold' | 'valFraction'>;
  config: TrainConfig;
  folds: number;
  /** 0-based fold index. */
  index: number;
}

export interface FoldResult {
  /** 1-based, as printed ("fold 1 of 5"). */
  fold: number;
  trainRows: number;
  valRows: number;
  /** Validation rows per class (classification), null for regression. */
  valClassCounts: Record<string, number> | null;
  valLoss: number | null;
  valAccuracy: number | null;
  valR2: number | null;
  /** Epochs trained, and the per-epoch metrics (the app draws them as fold curves). */
  epochs: number;
  history: EpochMetrics[];
  state: 'done' | 'diverged' | 'stopped';
  message: string | null;
  seconds: number;
}

export interface CvSummary {
  folds: number;
  valLossMean: number | null;
  valLossStd: number | null;
  valAccuracyMean: number | null;
  valAccuracyStd: number | null;
}

export interface FoldHooks {
  signal?: AbortSignal;
  /** Called after each epoch; await it to let the host breathe (and a cancel arrive). */
  onEpoch?: (metrics: EpochMetrics) => void | Promise<void>;
  now?: () => number;
}

/** Trains one fold to the end (or until cancelled: CancelledError). */
export async function trainFold(job: FoldJob, hooks: FoldHooks = {}): Promise<FoldResult> {
  const now = hooks.now ?? (() => Date.now());
  const started = now();
  const prepare = { ...job.prepare, valFraction: 0, fold: { count: job.folds, index: job.index } };
  const run = startRun(prepareRun({ table: job.table, prepare }), job.config, { now });
  const { session, data } = run;
  while (session.state !== 'done' && session.state !== 'diverged' && session.state !== 'stopped') {
    if (hooks.signal?.aborted) throw new CancelledError(`fold ${job.index + 1} cancelled`);
    let metrics: EpochMetrics;
    try {
      metrics = run.step();
    } catch (err) {
      // A diverged fold ends with its message; the other folds still count.
      if (err instanceof TrainingError && session.snapshot().state === 'diverged') break;
      throw err;
    }
    await hooks.onEpoch?.(metrics);
  }
  const val = data.val!;
  let valClassCounts: Record<string, number> | null = null;
  const classes = data.preprocessing.target.classes;
  if (classes) {
    valClassCounts = Object.fromEntries(classes.map((c) => [c, 0]));
    for (let i = 0; i < val.n; i++) valClassCounts[classes[val.y[i]]]++;
  }
  const last = session.history[session.history.length - 1] ?? null;
  const snapshot = session.snapshot();
  return {
    fold: job.index + 1,
    trainRows: data.train.n,
    valRows: val.n,
    valClassCounts,
    valLoss: last?.valLoss ?? null,
    valAccuracy: last?.valAccuracy ?? null,
    valR2: last?.valR2 ?? null,
    epochs: session.epoch,
    history: session.history.slice(),
    state: session.state === 'diverged' ? 'diverged' : session.state === 'stopped' ? 'stopped' : 'done',
    message: snapshot.message,
    seconds: (now() - started) / 1000,
  };
}

/** Mean and population std (numpy's default, as `scores.std()`) over the folds that have a value. */
export function summarizeFolds(results: FoldResult[], folds: number): CvSummary {
  const stats = (values: (number | null)[]): { mean: number | null; std: number | null } => {
    const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (finite.length === 0) return { mean: null, std: null };
    const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
    const variance = finite.reduce((a, v) => a + (v - mean) * (v - mean), 0) / finite.length;
    return { mean, std: Math.sqrt(variance) };
  };
  const loss = stats(results.map((r) => r.valLoss));
  const accuracy = stats(results.map((r) => r.valAccuracy));
  return {
    folds,
    valLossMean: loss.mean,
    valLossStd: loss.std,
    valAccuracyMean: accuracy.mean,
    valAccuracyStd: accuracy.std,
  };
}

export type FoldTask = TaskSpec<FoldJob, FoldResult, EpochMetrics>;

export interface FoldRunnerHooks {
  signal: AbortSignal;
  now: () => number;
  /** After each epoch of a fold (in this thread: then yieldToHost is awaited). */
  onEpoch?: (job: FoldJob, metrics: EpochMetrics) => void;
  /** Lets the host breathe between epochs when the folds run in this thread. */
  yieldToHost: () => Promise<void>;
  onFold: (result: FoldResult) => void;
}

/**
 * Runs the folds on a worker pool (all queued at once, `size` at a time) or, without one, one
 * after the other in this thread; onFold gets each as it finishes. Resolves with the first
 * failure that is not a cancel, or null: aborting the signal just ends it early, keeping what
 * finished. The CLI and the app both run their folds through it.
 */
export async function runFolds<M extends TaskMapOf<M> & { 'cv-fold': FoldTask }>(
  jobs: readonly FoldJob[],
  pool: WorkerPool<M> | null,
  hooks: FoldRunnerHooks,
): Promise<unknown> {
  const { signal, onEpoch, onFold } = hooks;
  try {
    if (pool) {
      const runs = jobs.map((job) =>
        pool.run('cv-fold', job, { signal, onProgress: (metrics) => onEpoch?.(job, metrics) }).then(onFold),
      );
      const settled = await Promise.allSettled(runs);
      const bad = settled.find(
        (s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof CancelledError),
      );
      return bad ? bad.reason : null;
    }
    for (const job of jobs) {
      if (signal.aborted) break;
      const result = await trainFold(job, {
        signal,
        now: hooks.now,
        onEpoch: async (metrics) => {
          onEpoch?.(job, metrics);
          await hooks.yieldToHost();
        },
      });
      onFold(result);
    }
    return null;
  } catch (err) {
    return err instanceof CancelledError ? null : err;
  }
}
