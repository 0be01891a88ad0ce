/**
 * One sweep run as a pool task: the same prepare -> session -> model file flow as a standalone
 * `nanograd train` (the training run module), so the same seed and backend give the same loss
 * trace bit for bit, then the run's baselines on its own prepared data and config (the same
 * split, as `train` fits them). Runs in a pool worker; the pool's cancel stops the session
 * between slices and the linear baseline between epochs.
 */
import { CancelledError } from '../errors';
import { fitBaselinesAsync, type Baselines } from '../evaluation/baselines';
import type { PrepareOptions, Table } from '../data/types';
import { serializeModel } from '../model';
import type { ModelFile } from '../model/types';
import { prepareRun, runModelFile, startRun } from '../training';
import type { EpochMetrics, SessionState, TrainConfig } from '../training/types';
import type { TaskContext } from '../pool/serve';
import type { TaskSpec } from '../pool/protocol';

export interface SweepRunJob {
  /** The run's data, as `train` loads it (a built-in set is generated with the run's seed). */
  table: Table;
  prepare: PrepareOptions;
  config: TrainConfig;
  /** A saved model to continue from (`--from-model`), with the label messages name it by. */
  fromModel: { model: ModelFile; label: string } | null;
  /** Name of the model file to return; null = no model file (saves the serialization). */
  modelName: string | null;
}

export interface SweepRunProgress {
  epoch: number;
  totalEpochs: number;
}

export interface SweepRunOutcome {
  history: EpochMetrics[];
  state: SessionState;
  message: string | null;
  seconds: number;
  /** The model file (JSON text) when a modelName was given. */
  model: string | null;
  /** The session's best epoch (lowest validation loss, what early stopping keeps), when it reports one. */
  best: { epoch: number; valLoss: number; valAccuracy: number | null } | null;
  /** The trivial and linear references on the run's split (null scores when the linear one diverged). */
  baselines: Baselines;
}

export type SweepRunTask = TaskSpec<SweepRunJob, SweepRunOutcome, SweepRunProgress>;

export async function trainSweepRun(
  job: SweepRunJob,
  context: TaskContext<SweepRunProgress>,
): Promise<SweepRunOutcome> {
  const started = context.now();
  const prepared = prepareRun({ table: job.table, prepare: job.prepare }, job.fromModel);
  const run = startRun(prepared, job.config, { now: () => context.now() });
  const stop = (): void => run.session.stop();
  context.signal.addEventListener('abort', stop, { once: true });
  try {
    const final = await run.drive({
      now: () => context.now(),
      yieldToHost: () => context.yieldToHost(),
      // The UI shows one progress line per run; a few updates a second are plenty.
      maxEventsPerSecond: 4,
      onProgress: (_metrics, snapshot) =>
        context.progress({ epoch: snapshot.epoch, totalEpochs: snapshot.totalEpochs }),
    });
    if (context.signal.aborted) throw new CancelledError(`stopped at epoch ${final.epoch}`);
    const seconds = (context.now() - started) / 1000;
    const baselines = await fitBaselinesAsync(prepared.data, run.session.config, {
      signal: context.signal,
      yieldToHost: () => context.yieldToHost(),
    });
    return {
      history: [...run.session.history],
      state: final.state,
      message: final.message,
      seconds,
      model: job.modelName ? serializeModel(runModelFile(run, job.modelName)) : null,
      best: (final as { best?: SweepRunOutcome['best'] }).best ?? null,
      baselines,
    };
  } finally {
    context.signal.removeEventListener('abort', stop);
  }
}
