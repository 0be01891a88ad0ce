/**
 * Training contract: the one place where training happens. Hosts (CLI, Electron worker
 * thread, Web Worker) drive a `TrainingSession` and forward its metrics.
 */
import type {
  Activation,
  DenseParams,
  InitName,
  LayerSpec,
  LossName,
  MlpSpec,
  OptimizerConfig,
  Regularization,
} from '../engine/types';
import type { Task } from '../data/types';
import type { InputFeature } from '../data/prepare/input-features';
import type { BestEpoch, EarlyStopping, Keep } from './early-stop';
import type { ScheduleConfig } from './schedule';

export interface TrainConfig {
  /** Hidden layers only; the output layer is derived from the data (classes / targets). */
  hiddenLayers: LayerSpec[];
  /** 'auto' = cross_entropy for classification, mse for regression. */
  loss: LossName | 'auto';
  optimizer: OptimizerConfig;
  /** 0 = full batch. */
  batchSize: number;
  epochs: number;
  regularization: Regularization;
  regRate: number;
  /** Dropout probability on hidden layers (0 = off). */
  dropout: number;
  init: InitName;
  seed: number;
  /** Learning-rate schedule (absent = constant); see schedule.ts for the PyTorch equivalents. */
  schedule?: ScheduleConfig;
  /** Clip the total gradient L2 norm to this before each update (0 / absent = off). */
  clipGradNorm?: number;
  /** Stop when the validation loss stops improving (null / absent = off; needs a validation split). */
  earlyStopping?: EarlyStopping | null;
  /** With early stopping: end with the best epoch's weights (default) or the last epoch's. */
  keep?: Keep;
  /**
   * Model inputs of 2-input data (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2; any non-empty subset,
   * absent = the two inputs as they are). Part of the model's preprocessing once trained.
   */
  features?: InputFeature[];
}

export type SessionState = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'diverged';

/** States a run never leaves: it has ended, one way or another (the one list every layer uses). */
export const FINAL_STATES: readonly SessionState[] = ['stopped', 'done', 'diverged'];

export interface EpochMetrics {
  epoch: number;
  loss: number;
  valLoss: number | null;
  /** Classification only (0..1). */
  accuracy: number | null;
  valAccuracy: number | null;
  /** Regression only, in the target's original units. */
  r2: number | null;
  valR2: number | null;
  mae: number | null;
  valMae: number | null;
  /** Wall-clock seconds since the run started. */
  seconds: number;
  /** Learning rate of the epoch (of its first batch when it changes per batch, as onecycle does). */
  lr?: number;
}

export interface SessionSnapshot {
  state: SessionState;
  epoch: number;
  totalEpochs: number;
  task: Task;
  loss: LossName;
  spec: MlpSpec;
  /** Set when state is 'diverged' or a run ended with an error: one line for the user. */
  message: string | null;
  last: EpochMetrics | null;
  /** Fraction (0..1) of the current epoch's training rows already used; 0 between epochs. */
  epochProgress?: number;
  /** Lowest validation loss so far (null without a validation split). */
  best?: BestEpoch | null;
  /** Epoch at which early stopping ended the run (null while running or when it ran out of epochs). */
  stoppedEpoch?: number | null;
  /** Whose weights the network holds now: 'best' once an early-stopped run restored its best epoch. */
  weightsFrom?: 'best' | 'last';
  /** Epoch whose weights a diverged run kept (0 = the initial weights). */
  keptEpoch?: number | null;
}

export interface NetworkWeights {
  spec: MlpSpec;
  params: DenseParams[];
}

export type { Activation, BestEpoch, EarlyStopping, Keep, ScheduleConfig };
