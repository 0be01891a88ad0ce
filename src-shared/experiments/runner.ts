/**
 * Runs a sweep on a worker pool: every run is queued at once (the pool runs `size` at a time),
 * each finished run becomes a SweepRun record as soon as it ends, and aborting the signal stops
 * what is running and drops what is queued while keeping every finished run. CLI and app share it.
 */
import { CancelledError, StudioError, firstLine } from '../errors';
import type { WorkerPool } from '../pool/pool';
import type { TaskMapOf } from '../pool/protocol';
import { sweptConfig } from './apply';
import { settingsOf, type SettingValue } from './params';
import { bestFromHistory, finalMetrics, type SweepRun } from './results';
import type { SweepRunJob, SweepRunOutcome, SweepRunProgress, SweepRunTask } from './run-task';

export interface SweepRunSpec {
  index: number;
  job: SweepRunJob;
}

export interface SweepHooks {
  signal?: AbortSignal;
  /** A run finished (done, diverged or failed); `model` is its model file text when asked for. */
  onRun?(run: SweepRun, model: string | null): void | Promise<void>;
  onProgress?(index: number, progress: SweepRunProgress): void;
}

export interface SweepOutcome {
  runs: SweepRun[];
  stopped: boolean;
}

export function sweepRunRecord(
  spec: SweepRunSpec,
  swept: readonly string[],
  outcome: SweepRunOutcome,
): SweepRun {
  const settings = settingsOf(spec.job.config);
  const last = outcome.history.length > 0 ? outcome.history[outcome.history.length - 1] : null;
  const state = outcome.state === 'diverged' ? 'diverged' : outcome.state === 'stopped' ? 'stopped' : 'done';
  return {
    index: spec.index,
    config: sweptConfig(settings, swept) as Record<string, SettingValue>,
    settings,
    trainConfig: spec.job.config,
    final: finalMetrics(last),
    best: outcome.best
      ? { epoch: outcome.best.epoch, valLoss: outcome.best.valLoss, valAccuracy: outcome.best.valAccuracy }
      : bestFromHistory(outcome.history),
    seconds: outcome.seconds,
    epochs: outcome.history.length,
    state,
    message: outcome.message,
    history: outcome.history,
    baselines: outcome.baselines,
  };
}

function failedRecord(spec: SweepRunSpec, swept: readonly string[], message: string): SweepRun {
  const settings = settingsOf(spec.job.config);
  return {
    index: spec.index,
    config: sweptConfig(settings, swept),
    settings,
    trainConfig: spec.job.config,
    final: finalMetrics(null),
    best: bestFromHistory([]),
    seconds: 0,
    epochs: 0,
    state: 'failed',
    message,
    history: [],
  };
}

export async function runSweep<M extends TaskMapOf<M> & { 'train-run': SweepRunTask }>(
  pool: WorkerPool<M>,
  specs: readonly SweepRunSpec[],
  swept: readonly string[],
  hooks: SweepHooks = {},
): Promise<SweepOutcome> {
  const runs: SweepRun[] = [];
  let stopped = false;
  await Promise.all(
    specs.map(async (spec) => {
      let record: SweepRun;
      let model: string | null = null;
      try {
        const outcome = (await pool.run('train-run', spec.job, {
          signal: hooks.signal,
          onProgress: (progress) => hooks.onProgress?.(spec.index, progress as SweepRunProgress),
        })) as SweepRunOutcome;
        record = sweepRunRecord(spec, swept, outcome);
        model = outcome.model;
      } catch (err) {
        if (err instanceof CancelledError || hooks.signal?.aborted) {
          stopped = true;
          return;
        }
        record = failedRecord(spec, swept, err instanceof StudioError ? err.message : firstLine(String(err)));
      }
      runs.push(record);
      await hooks.onRun?.(record, model);
    }),
  );
  runs.sort((a, b) => a.index - b.index);
  return { runs, stopped: stopped || (hooks.signal?.aborted ?? false) };
}
