/**
 * A training run, the ONE flow every capability that trains goes through (the CLI's `train`,
 * the app's backend, the benchmark, and later cross-validation folds and sweep runs):
 *
 *   prepareRun(source, fromModel?)  table -> PreparedData; continuing from a model re-encodes
 *                                   the rows with the MODEL's preprocessing (its statistics,
 *                                   vocabularies, classes) after checking task and classes
 *   startRun(prepared, config, options?) -> TrainingRun, wrapping a TrainingSession:
 *     run.step()                    one epoch, synchronously (the app's Step button)
 *     run.runToEnd()                all remaining epochs, synchronously
 *     run.drive(hostHooks)          all remaining epochs in time slices between host yields
 *                                   (runSession: batched progress, pause/stop from the host)
 *   runModelFile(run, name)         the model file of the weights so far (epochs and history
 *                                   counted on top of the continued model's)
 *
 * `options.onEpoch` sees every epoch's metrics as soon as it ends, however the run is driven,
 * so an early-stopping rule or a sweep's pruning can stop a run at the exact epoch. Everything here
 * is pure TypeScript: hosts add the clock, the yields, the printing and the files.
 */
import { prepareDataset } from '../data';
import type { PrepareOptions, PreparedData, Table } from '../data/types';
import type { DenseParams } from '../engine/types';
import { ConfigError } from '../errors';
import { buildModelFile, modelNetwork } from '../model/model-file';
import type { ModelFile } from '../model/types';
import { encodeForModel } from './continue';
import { runSession, type RunHooks } from './driver';
import { TrainingSession } from './session';
import type { SessionOptions } from './session-options';
import type { EpochMetrics, SessionSnapshot, TrainConfig } from './types';

/** A saved model to continue from; `label` names it in messages (`--from-model m.json`, `m.json`). */
export interface ContinueFrom {
  model: ModelFile;
  label: string;
}

/**
 * Where a run's data comes from: a table and how to prepare it, a table the host already
 * prepared (the app prepares on import, to show the summary), or data built directly as
 * arrays (the benchmark's anchor sets; such data cannot continue a model: there is no table).
 */
export type RunSource =
  | { table: Table; prepare: PrepareOptions }
  | { table: Table; prepared: PreparedData }
  | { prepared: PreparedData };

export interface PreparedRun {
  /** The data the session trains on (encoded with the model's preprocessing when continuing). */
  data: PreparedData;
  fromModel: ContinueFrom | null;
}

/** Throws a ConfigError when `model`'s output layer cannot serve `data` (other task or classes). */
export function checkModelFitsData(from: ContinueFrom, data: PreparedData): void {
  const { model, label } = from;
  if (model.task !== data.task) {
    throw new ConfigError(`${label} is a ${model.task} model but ${data.name} is a ${data.task} task`, {
      field: 'task',
    });
  }
  const want = model.preprocessing.target.classes ?? [];
  const got = data.preprocessing.target.classes ?? [];
  if (want.join('\u0000') !== got.join('\u0000')) {
    throw new ConfigError(
      `${label} predicts the classes ${want.join(', ')} but ${data.name} has ${got.join(', ')}`,
      { field: 'preprocessing.target.classes' },
    );
  }
}

export function prepareRun(source: RunSource, fromModel: ContinueFrom | null = null): PreparedRun {
  const prepared =
    'prepare' in source
      ? prepareDataset(source.table, source.prepare)
      : (source as { prepared: PreparedData }).prepared;
  if (!fromModel) return { data: prepared, fromModel: null };
  if (!('table' in source))
    throw new ConfigError(`cannot continue ${fromModel.label} on data without a source table`, {
      field: 'fromModel',
    });
  checkModelFitsData(fromModel, prepared);
  return {
    data: encodeForModel(source.table, prepared, fromModel.model.preprocessing, fromModel.label),
    fromModel,
  };
}

export interface RunOptions extends Omit<SessionOptions, 'initial' | 'afterEpoch'> {
  /** Starting weights when not continuing a model (the benchmark's anchor init). */
  initial?: DenseParams[];
  /** Every finished epoch, in order, right after it ends; return 'stop' to end the run there. */
  onEpoch?(metrics: EpochMetrics, run: TrainingRun): 'stop' | void;
}

/** A session plus where its data and starting weights came from. */
export class TrainingRun {
  readonly session: TrainingSession;
  readonly prepared: PreparedRun;

  constructor(prepared: PreparedRun, config: TrainConfig, options: RunOptions = {}) {
    this.prepared = prepared;
    const from = prepared.fromModel;
    const { onEpoch, ...sessionOptions } = options;
    const initial = from ? modelNetwork(from.model).params : options.initial;
    try {
      this.session = new TrainingSession(prepared.data, config, {
        ...sessionOptions,
        initial,
        afterEpoch: onEpoch ? (metrics) => onEpoch(metrics, this) : undefined,
      });
    } catch (err) {
      if (from && err instanceof ConfigError && err.location.field?.startsWith('initial'))
        throw new ConfigError(`${from.label} does not fit: ${err.message}`, err.location);
      throw err;
    }
  }

  /** The data the session trains on (with the config's input features). */
  get data(): PreparedData {
    return this.session.data;
  }

  /** Epochs of the model this run continues (0 for a fresh run). */
  get previousEpochs(): number {
    return this.prepared.fromModel?.model.training?.epochs ?? 0;
  }

  /**
   * Every epoch of the model so far: the continued model's saved history, then this run's
   * epochs numbered on from it (the curves of a continued model go on where they stopped).
   */
  history(): EpochMetrics[] {
    const before = this.prepared.fromModel?.model.training?.history ?? [];
    const offset = this.previousEpochs;
    return [...before, ...this.session.history.map((m) => ({ ...m, epoch: m.epoch + offset }))];
  }

  /** Trains one whole epoch now (see TrainingSession.stepEpoch). */
  step(): EpochMetrics {
    return this.session.stepEpoch();
  }

  /** Trains every remaining epoch synchronously (or until a hook stops the run or it diverges). */
  runToEnd(): SessionSnapshot {
    const session = this.session;
    session.resume();
    while (session.state === 'running') session.advance(Infinity);
    return session.snapshot();
  }

  /** Trains in time slices between host yields, reporting batched progress (see runSession). */
  drive(hooks: RunHooks): Promise<SessionSnapshot> {
    return runSession(this.session, hooks);
  }
}

export function startRun(prepared: PreparedRun, config: TrainConfig, options: RunOptions = {}): TrainingRun {
  return new TrainingRun(prepared, config, options);
}

/** The model file of the run's current weights, its preprocessing and its training record. */
export function runModelFile(run: TrainingRun, name: string): ModelFile {
  const { session } = run;
  const weights = session.weights();
  const snapshot = session.snapshot();
  return buildModelFile({
    name,
    spec: weights.spec,
    params: weights.params,
    task: session.data.task,
    loss: session.loss,
    preprocessing: session.data.preprocessing,
    training: {
      config: session.config,
      epochs: run.previousEpochs + session.epoch,
      metrics: snapshot.last,
      history: run.history(),
      ...(session.data.split ? { split: session.data.split } : {}),
      best: snapshot.best ?? null,
      stoppedEpoch: snapshot.stoppedEpoch ?? null,
      weightsFrom: snapshot.weightsFrom ?? 'last',
    },
  });
}
