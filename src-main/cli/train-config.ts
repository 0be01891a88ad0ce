/** Flags (and a model to continue) → the one TrainConfig and the prepared run, for train, lr-find and sweep. */
import { ConfigError, DatasetError } from '../../src-shared/errors';
import { type Activation, type LayerSpec, type OptimizerConfig } from '../../src-shared/engine/types';
import { count } from '../../src-shared/data';
import type { Table } from '../../src-shared/data/types';
import { modelNetwork, parseModel } from '../../src-shared/model';
import type { ModelFile } from '../../src-shared/model/types';
import {
  DEFAULT_REG_RATE,
  DEFAULT_TRAIN_CONFIG,
  DEFAULT_SCHEDULE,
  defaultInitFor,
  prepareRun,
  validateTrainConfig,
  type ContinueFrom,
  type PreparedRun,
  type TrainConfig,
} from '../../src-shared/training';
import { UsageError, flagFor } from './options';
import { defaultValFraction, prepareOptions } from './data-flags';
import { loadTable, readTextFile } from './files';
import type { TrainFlags } from './train-flags';

const defaults = DEFAULT_TRAIN_CONFIG;

function hiddenLayersFrom(flags: TrainFlags, initModel: ModelFile | null): LayerSpec[] {
  const fromModel = initModel ? modelNetwork(initModel).spec.layers.slice(0, -1) : null;
  const sizes =
    flags.layers ?? (fromModel ? fromModel.map((l) => l.units) : defaults.hiddenLayers.map((l) => l.units));
  const modelActivations = fromModel && fromModel.length > 0 ? fromModel.map((l) => l.activation) : null;
  const activations =
    flags.activation ??
    (modelActivations && (!flags.layers || flags.layers.length === modelActivations.length)
      ? modelActivations
      : [modelActivations?.[0] ?? defaults.hiddenLayers[0].activation]);
  if (activations.length !== 1 && activations.length !== sizes.length) {
    throw new UsageError(
      `--activation lists ${count(activations.length, 'activation')} for ${count(sizes.length, 'hidden layer')}: give one for all or one per layer`,
      'hiddenLayers',
    );
  }
  return sizes.map((units, i) => ({
    units,
    activation: (activations.length === 1 ? activations[0] : activations[i]) as Activation,
  }));
}

/** `--reg-rate`, else the saved model's rate, else DEFAULT_REG_RATE once a penalty is chosen. */
function regRateFrom(flags: TrainFlags, saved: TrainConfig | null): number {
  if (flags.regRate !== undefined) return flags.regRate;
  if (flags.regularization === undefined && saved) return saved.regRate;
  return (flags.regularization ?? 'none') === 'none' ? 0 : DEFAULT_REG_RATE;
}

const OPTIMIZER_FLAGS = ['--momentum', '--nesterov', '--betas', '--eps', '--weight-decay'];

function flagGiven(flags: TrainFlags, flag: string): boolean {
  const key = {
    '--momentum': 'momentum',
    '--nesterov': 'nesterov',
    '--betas': 'betas',
    '--eps': 'eps',
    '--weight-decay': 'weightDecay',
  }[flag] as keyof TrainFlags | undefined;
  return key !== undefined && flags[key] !== undefined;
}

/** The optimizer of the flags; continuing a model keeps its saved settings for the same optimizer. */
function optimizerFrom(flags: TrainFlags, saved: TrainConfig | null): OptimizerConfig {
  const name = (flags.optimizer ??
    saved?.optimizer.name ??
    defaults.optimizer.name) as OptimizerConfig['name'];
  const kept = saved && saved.optimizer.name === name ? saved.optimizer : null;
  const optimizer: OptimizerConfig = {
    ...kept,
    name,
    lr: flags.lr ?? saved?.optimizer.lr ?? defaults.optimizer.lr,
  };
  if (flags.momentum !== undefined) optimizer.momentum = flags.momentum;
  if (flags.nesterov) optimizer.nesterov = true;
  if (flags.betas) [optimizer.beta1, optimizer.beta2] = flags.betas;
  if (flags.eps !== undefined) optimizer.eps = flags.eps;
  if (flags.weightDecay !== undefined) optimizer.weightDecay = flags.weightDecay;
  return optimizer;
}

export function buildConfig(flags: TrainFlags, initModel: ModelFile | null, initPath?: string): TrainConfig {
  const hiddenLayers = hiddenLayersFrom(flags, initModel);
  const saved = initModel?.training?.config ?? null;
  const raw = {
    hiddenLayers,
    loss: flags.loss ?? (initModel ? initModel.loss : defaults.loss),
    optimizer: optimizerFrom(flags, saved),
    batchSize: flags.batch ?? defaults.batchSize,
    epochs: flags.epochs ?? defaults.epochs,
    regularization: flags.regularization ?? saved?.regularization ?? defaults.regularization,
    regRate: regRateFrom(flags, saved),
    dropout: flags.dropout ?? saved?.dropout ?? defaults.dropout,
    init:
      flags.weightInit ?? (hiddenLayers.length > 0 ? defaultInitFor(hiddenLayers[0].activation) : 'xavier'),
    seed: flags.seed,
    schedule: {
      name: flags.schedule ?? 'constant',
      stepSize: flags.stepSize ?? DEFAULT_SCHEDULE.stepSize,
      gamma: flags.gamma ?? DEFAULT_SCHEDULE.gamma,
      warmup: flags.warmup ?? 0,
    },
    clipGradNorm: flags.clipGradNorm ?? 0,
    earlyStopping:
      flags.earlyStop === undefined ? null : { patience: flags.earlyStop, minDelta: flags.minDelta ?? 0 },
    keep: flags.keep ?? 'best',
    features: flags.features ?? saved?.features,
  };
  try {
    return validateTrainConfig(raw);
  } catch (err) {
    // A rule between optimizer flags (--nesterov without momentum, --betas with sgd) is a usage error.
    const flag = err instanceof ConfigError ? flagFor(err.location.field ?? '') : null;
    if (flag && OPTIMIZER_FLAGS.includes(flag) && flagGiven(flags, flag))
      throw new UsageError(
        `${flag}${err instanceof ConfigError ? err.message.slice((err.location.field ?? '').length) : ''}`,
        err instanceof ConfigError ? err.location.field : undefined,
      );
    // Every other flag value was checked while parsing, so what is left came from the --from-model model.
    if (err instanceof ConfigError && initPath)
      throw new ConfigError(`${initPath}: its saved training config: ${err.message}`, {
        ...err.location,
        file: initPath,
      });
    throw err;
  }
}

/** prepareRun, with what it says about the validation fraction naming --val. */
export function prepareForRun(
  table: Table,
  flags: TrainFlags,
  valFraction: number,
  builtin: boolean,
  fromModel: ContinueFrom | null,
): PreparedRun {
  const asFlag = (text: string) => text.replace(/^validation fraction /, '--val ');
  try {
    const prepared = prepareRun(
      {
        table,
        prepare: prepareOptions(flags, valFraction, builtin),
      },
      fromModel,
    );
    const data = prepared.data;
    return {
      ...prepared,
      data: { ...data, notes: data.notes.map(asFlag), warnings: data.warnings?.map(asFlag) },
    };
  } catch (err) {
    if (err instanceof DatasetError && err.location.field === 'valFraction')
      throw new DatasetError(asFlag(err.message), err.location);
    throw err;
  }
}

/** What the run flags name on disk: the model to continue (read and checked), the config, the table. */
export interface RunInputs {
  initModel: ModelFile | null;
  fromModel: ContinueFrom | null;
  config: TrainConfig;
  table: Table;
  builtin: boolean;
  valFraction: number;
}

/** Reads --from-model and --data and builds the one config from the flags: what train and lr-find start from. */
export async function loadRunInputs(flags: TrainFlags): Promise<RunInputs> {
  const initModel = await readFromModel(flags);
  const config = buildConfig(flags, initModel, flags.fromModel);
  const { table, builtin } = await loadTable(flags.data, {
    points: flags.points,
    noise: flags.noise,
    seed: flags.seed,
  });
  const valFraction = flags.val ?? defaultValFraction(flags.data);
  return { initModel, fromModel: continueFrom(flags, initModel), config, table, builtin, valFraction };
}

/** The model named by --from-model, parsed and validated (null without the flag). */
export async function readFromModel(flags: Pick<TrainFlags, 'fromModel'>): Promise<ModelFile | null> {
  return flags.fromModel ? parseModel(await readTextFile(flags.fromModel), flags.fromModel) : null;
}

/** How the run flow names the continued model in its errors ("--from-model FILE: ..."). */
export function continueFrom(
  flags: Pick<TrainFlags, 'fromModel'>,
  initModel: ModelFile | null,
): ContinueFrom | null {
  return initModel && flags.fromModel ? { model: initModel, label: `--from-model ${flags.fromModel}` } : null;
}
