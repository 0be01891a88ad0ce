import type { BuiltinDataRequest } from '@shared/api';
import type {
  Activation,
  InitName,
  LayerSpec,
  LossName,
  OptimizerName,
  Regularization,
} from '@shared/engine/types';
import { APP_TRAIN_CONFIG } from '@shared/training/config';
import type { TrainConfig } from '@shared/training/types';
import { DEFAULT_SCHEDULE, type ScheduleName } from '@shared/training/schedule';
import type { Keep } from '@shared/training/early-stop';
import { advancedFromOptimizer, optimizerConfigOf, type AdvancedSettings } from './optimizer-settings';
import { RAW_FEATURES, type InputFeature } from '@shared/data/prepare/input-features';

/** The form's settings of the next run; buildTrainConfig turns them into the run config. */
export interface HyperSettings extends AdvancedSettings {
  learningRate: number;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName;
  loss: LossName | 'auto';
  regularization: Regularization;
  regRate: number;
  dropout: number;
  init: InitName;
  seed: number;
  schedule: ScheduleName;
  stepSize: number;
  gamma: number;
  warmup: number;
  /** 0 = no clipping. */
  clipGradNorm: number;
  /** 0 = no early stopping. */
  patience: number;
  minDelta: number;
  keep: Keep;
}

/**
 * The settings that are run config fields as they are: hyperFromConfig copies them and the
 * stored settings check them by the config's own rules.
 */
export const SAME_AS_CONFIG = [
  'epochs',
  'batchSize',
  'loss',
  'regularization',
  'regRate',
  'dropout',
  'init',
  'seed',
] as const satisfies readonly (keyof HyperSettings & keyof TrainConfig)[];

export function pickKeys<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

export interface DesignSettings {
  hiddenLayers: LayerSpec[];
  defaultActivation: Activation;
  /** The input feature toggles of 2-input data (x1, x2, x1sq, ...; at least one on). */
  features: InputFeature[];
}

/** The generator's settings; painted rows live in the backend (a project carries them). */
export type DataSettings = Omit<BuiltinDataRequest, 'painted'>;

/**
 * Functions, not constants, so no caller can mutate a shared default object. The app's
 * defaults are APP_TRAIN_CONFIG (src-shared/training/config.ts says why they differ from the CLI's).
 */
export function defaultHyper(): HyperSettings {
  return hyperFromConfig(APP_TRAIN_CONFIG);
}

export function defaultDesign(): DesignSettings {
  return {
    hiddenLayers: APP_TRAIN_CONFIG.hiddenLayers.map((layer) => ({ ...layer })),
    defaultActivation: APP_TRAIN_CONFIG.hiddenLayers[0].activation,
    features: [...RAW_FEATURES],
  };
}

export function defaultData(): DataSettings {
  return { kind: 'xor', points: 200, noise: 0.1, valFraction: 0.2, seed: 1 };
}

/**
 * The next run's config. `features` are the toggles' inputs when the data has two numeric
 * inputs (useInputFeatures' `active`), undefined otherwise: other data never gets them.
 */
export function buildTrainConfig(
  design: DesignSettings,
  hyper: HyperSettings,
  features?: readonly InputFeature[],
): TrainConfig {
  return {
    hiddenLayers: design.hiddenLayers.map((layer) => ({ ...layer })),
    loss: hyper.loss,
    optimizer: optimizerConfigOf(hyper.optimizer, hyper.learningRate, hyper),
    batchSize: hyper.batchSize,
    epochs: hyper.epochs,
    regularization: hyper.regularization,
    regRate: hyper.regRate,
    dropout: hyper.dropout,
    init: hyper.init,
    seed: hyper.seed,
    schedule: {
      name: hyper.schedule,
      stepSize: hyper.stepSize,
      gamma: hyper.gamma,
      // onecycle warms up by itself; a warm-up as long as the run would leave no schedule.
      warmup: hyper.schedule === 'onecycle' ? 0 : Math.min(hyper.warmup, hyper.epochs - 1),
    },
    clipGradNorm: hyper.clipGradNorm,
    earlyStopping:
      hyper.patience > 0
        ? { patience: Math.min(hyper.patience, hyper.epochs), minDelta: hyper.minDelta }
        : null,
    keep: hyper.keep,
    ...(features ? { features: [...features] } : {}),
  };
}

export function hyperFromConfig(config: TrainConfig): HyperSettings {
  return {
    ...advancedFromOptimizer(config.optimizer),
    learningRate: config.optimizer.lr,
    optimizer: config.optimizer.name,
    ...pickKeys(config, SAME_AS_CONFIG),
    schedule: config.schedule?.name ?? 'constant',
    stepSize: config.schedule?.stepSize ?? DEFAULT_SCHEDULE.stepSize,
    gamma: config.schedule?.gamma ?? DEFAULT_SCHEDULE.gamma,
    warmup: config.schedule?.warmup ?? DEFAULT_SCHEDULE.warmup,
    clipGradNorm: config.clipGradNorm ?? 0,
    patience: config.earlyStopping?.patience ?? 0,
    minDelta: config.earlyStopping?.minDelta ?? 0,
    keep: config.keep ?? 'best',
  };
}

/**
 * The two runs of the Seed demo: the micrograd seed's set-up (U(-1,1) init, summed squared
 * error) and PyTorch's defaults (fan-in scaled init, mean squared error), everything else equal.
 */
export type SeedPreset = 'seed' | 'pytorch';

export function seedDemoConfig(preset: SeedPreset): TrainConfig {
  return {
    hiddenLayers: [{ units: 8, activation: 'relu' }],
    loss: preset === 'seed' ? 'sse' : 'mse',
    optimizer: { name: 'sgd', lr: 0.05 },
    batchSize: 0,
    epochs: 1000,
    regularization: 'none',
    regRate: 0,
    dropout: 0,
    init: preset === 'seed' ? 'uniform' : 'pytorch',
    seed: 1,
  };
}
