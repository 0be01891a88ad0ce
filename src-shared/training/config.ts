/**
 * Training configuration: the defaults every host starts from and the one validator that turns
 * an untrusted object (UI payload, CLI flags, a model file's saved config) into a TrainConfig.
 * Messages have the form `<field> <rule> (got <value>)` so a host can swap the field path for
 * its own name of the setting (the CLI prints `--lr` instead of `optimizer.lr`).
 */
import { ConfigError } from '../errors';
import {
  ACTIVATIONS,
  INITS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZATIONS,
  type Activation,
  type InitName,
  type LayerSpec,
  type OptimizerConfig,
} from '../engine/types';
import type { TrainConfig } from './types';
import { DEFAULT_SCHEDULE, SCHEDULES, type ScheduleConfig } from './schedule';
import { KEEP_CHOICES, type EarlyStopping } from './early-stop';

export const LIMITS = {
  maxHiddenLayers: 16,
  maxUnits: 1024,
  maxLearningRate: 1000,
  maxEpochs: 100_000,
  maxBatchSize: 1_000_000,
  maxRegRate: 10,
  maxWeightDecay: 10,
  maxDropout: 0.9,
  maxSeed: 4_294_967_295,
  maxGamma: 10,
  maxClipGradNorm: 1e6,
  maxMinDelta: 1e6,
} as const;

/**
 * The defaults mirror the flags of `nanograd train` (two hidden layers of 16 ReLU units, Adam
 * at 0.01, batches of 32, 100 epochs, seed 1) so the app and the CLI train the same network
 * when nobody changes anything. ReLU + He init is the usual choice for tabular data with
 * standardized features; Adam at 0.01 converges on every built-in set and on the sklearn sets
 * without tuning (see docs/accuracy.md).
 */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = Object.freeze({
  hiddenLayers: Object.freeze([
    Object.freeze({ units: 16, activation: 'relu' }),
    Object.freeze({ units: 16, activation: 'relu' }),
  ]) as unknown as LayerSpec[],
  loss: 'auto',
  optimizer: Object.freeze({ name: 'adam', lr: 0.01 }) as OptimizerConfig,
  batchSize: 32,
  epochs: 100,
  regularization: 'none',
  regRate: 0,
  dropout: 0,
  init: 'he',
  seed: 1,
  schedule: DEFAULT_SCHEDULE as ScheduleConfig,
  clipGradNorm: 0,
  earlyStopping: null,
  keep: 'best',
}) as TrainConfig;

/** A fresh, mutable copy of the defaults. */
export function defaultTrainConfig(): TrainConfig {
  return cloneTrainConfig(DEFAULT_TRAIN_CONFIG);
}

export function cloneTrainConfig(config: TrainConfig): TrainConfig {
  return {
    ...config,
    hiddenLayers: config.hiddenLayers.map((layer) => ({ ...layer })),
    optimizer: { ...config.optimizer },
    ...(config.schedule ? { schedule: { ...config.schedule } } : {}),
    ...(config.earlyStopping ? { earlyStopping: { ...config.earlyStopping } } : {}),
  };
}

/**
 * The initialization that keeps activations well scaled for a hidden activation: He (Kaiming)
 * for the ReLU family, Xavier (Glorot) for the saturating ones.
 */
export function defaultInitFor(activation: Activation): InitName {
  return activation === 'relu' || activation === 'leaky_relu' || activation === 'gelu' ? 'he' : 'xavier';
}

const TOP_FIELDS = [
  'hiddenLayers',
  'loss',
  'optimizer',
  'batchSize',
  'epochs',
  'regularization',
  'regRate',
  'dropout',
  'init',
  'seed',
  'schedule',
  'clipGradNorm',
  'earlyStopping',
  'keep',
] as const;
const SCHEDULE_FIELDS = ['name', 'stepSize', 'gamma', 'warmup'] as const;
const EARLY_STOPPING_FIELDS = ['patience', 'minDelta'] as const;
const OPTIMIZER_FIELDS = [
  'name',
  'lr',
  'momentum',
  'nesterov',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
] as const;
const LAYER_FIELDS = ['units', 'activation'] as const;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function fail(field: string, rule: string, got: unknown): never {
  throw new ConfigError(`${field} ${rule} (got ${show(got)})`, { field });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      const field = path ? `${path}.${key}` : key;
      throw new ConfigError(`${field} is not a training setting (allowed: ${allowed.join(', ')})`, { field });
    }
  }
}

function integerIn(value: unknown, field: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    fail(field, `must be an integer from ${lo} to ${hi}`, value);
  }
  return value;
}

/** A finite number in [lo, hi] (or (lo, hi] when `openLow`). */
function numberIn(
  value: unknown,
  field: string,
  lo: number,
  hi: number,
  openLow = false,
  openHigh = false,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (openLow ? value > lo : value >= lo) &&
    (openHigh ? value < hi : value <= hi);
  if (!ok) {
    const low = openLow ? `greater than ${lo}` : `at least ${lo}`;
    const high = openHigh ? `less than ${hi}` : `at most ${hi}`;
    fail(field, `must be a number ${low} and ${high}`, value);
  }
  return value as number;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

function validateLayers(value: unknown): LayerSpec[] {
  if (!Array.isArray(value)) fail('hiddenLayers', 'must be a list of layers', value);
  if (value.length > LIMITS.maxHiddenLayers) {
    fail('hiddenLayers', `must have at most ${LIMITS.maxHiddenLayers} layers`, `${value.length} layers`);
  }
  return value.map((layer: unknown, i) => {
    const path = `hiddenLayers[${i}]`;
    if (!isRecord(layer)) fail(path, 'must be an object with units and activation', layer);
    rejectUnknownKeys(layer, LAYER_FIELDS, path);
    return {
      units: integerIn(layer.units, `${path}.units`, 1, LIMITS.maxUnits),
      activation: oneOf(layer.activation, `${path}.activation`, ACTIVATIONS),
    };
  });
}

function validateOptimizer(value: unknown): OptimizerConfig {
  if (!isRecord(value)) fail('optimizer', 'must be an object with name and lr', value);
  rejectUnknownKeys(value, OPTIMIZER_FIELDS, 'optimizer');
  const out: OptimizerConfig = {
    name: oneOf(value.name, 'optimizer.name', OPTIMIZERS),
    lr: numberIn(value.lr, 'optimizer.lr', 0, LIMITS.maxLearningRate, true),
  };
  if (value.momentum !== undefined)
    out.momentum = numberIn(value.momentum, 'optimizer.momentum', 0, 1, false, true);
  if (value.nesterov !== undefined) {
    if (typeof value.nesterov !== 'boolean')
      fail('optimizer.nesterov', 'must be true or false', value.nesterov);
    out.nesterov = value.nesterov;
  }
  if (value.beta1 !== undefined) out.beta1 = numberIn(value.beta1, 'optimizer.beta1', 0, 1, false, true);
  if (value.beta2 !== undefined) out.beta2 = numberIn(value.beta2, 'optimizer.beta2', 0, 1, false, true);
  if (value.eps !== undefined) out.eps = numberIn(value.eps, 'optimizer.eps', 0, 1, true);
  if (value.weightDecay !== undefined)
    out.weightDecay = numberIn(value.weightDecay, 'optimizer.weightDecay', 0, LIMITS.maxWeightDecay);
  if (out.nesterov && (out.name === 'adam' || out.name === 'adamw')) {
    fail('optimizer.nesterov', `applies only to sgd and momentum, not ${out.name}`, true);
  }
  return out;
}

function validateSchedule(value: unknown, epochs: number): ScheduleConfig {
  if (!isRecord(value)) fail('schedule', 'must be an object with name, stepSize, gamma and warmup', value);
  rejectUnknownKeys(value, SCHEDULE_FIELDS, 'schedule');
  const field = (key: keyof ScheduleConfig): unknown => value[key] ?? DEFAULT_SCHEDULE[key];
  const schedule: ScheduleConfig = {
    name: oneOf(field('name'), 'schedule.name', SCHEDULES),
    stepSize: integerIn(field('stepSize'), 'schedule.stepSize', 1, LIMITS.maxEpochs),
    gamma: numberIn(field('gamma'), 'schedule.gamma', 0, LIMITS.maxGamma, true),
    warmup: integerIn(field('warmup'), 'schedule.warmup', 0, LIMITS.maxEpochs),
  };
  if (schedule.warmup > 0 && schedule.name === 'onecycle')
    fail(
      'schedule.warmup',
      'must be 0 with onecycle, which warms up by itself (its first 30% of steps)',
      schedule.warmup,
    );
  if (schedule.warmup >= epochs)
    fail('schedule.warmup', `must be less than the epochs (${epochs})`, schedule.warmup);
  return schedule;
}

function validateEarlyStopping(value: unknown, epochs: number): EarlyStopping | null {
  if (value === null) return null;
  if (!isRecord(value)) fail('earlyStopping', 'must be null or an object with patience and minDelta', value);
  rejectUnknownKeys(value, EARLY_STOPPING_FIELDS, 'earlyStopping');
  return {
    patience: integerIn(value.patience, 'earlyStopping.patience', 1, Math.max(1, epochs)),
    minDelta: numberIn(value.minDelta ?? 0, 'earlyStopping.minDelta', 0, LIMITS.maxMinDelta),
  };
}

/**
 * Checks an untrusted config and returns a clean copy. Fields left out take their default
 * (so a host may send only what the user changed); unknown fields are rejected so a typo
 * (`epoch` for `epochs`) is not silently ignored.
 */
export function validateTrainConfig(config: unknown): TrainConfig {
  if (!isRecord(config))
    throw new ConfigError(`training config must be an object (got ${show(config)})`, { field: '' });
  rejectUnknownKeys(config, TOP_FIELDS, '');
  const pick = <K extends keyof TrainConfig>(key: K): unknown =>
    config[key] === undefined ? DEFAULT_TRAIN_CONFIG[key] : config[key];
  const epochs = integerIn(pick('epochs'), 'epochs', 1, LIMITS.maxEpochs);
  return {
    hiddenLayers: validateLayers(pick('hiddenLayers')),
    loss: oneOf(pick('loss'), 'loss', ['auto', ...LOSSES] as const),
    optimizer: validateOptimizer(pick('optimizer')),
    batchSize: integerIn(pick('batchSize'), 'batchSize', 0, LIMITS.maxBatchSize),
    epochs,
    regularization: oneOf(pick('regularization'), 'regularization', REGULARIZATIONS),
    regRate: numberIn(pick('regRate'), 'regRate', 0, LIMITS.maxRegRate),
    dropout: numberIn(pick('dropout'), 'dropout', 0, LIMITS.maxDropout),
    init: oneOf(pick('init'), 'init', INITS),
    seed: integerIn(pick('seed'), 'seed', 0, LIMITS.maxSeed),
    schedule: validateSchedule(pick('schedule'), epochs),
    clipGradNorm: numberIn(pick('clipGradNorm'), 'clipGradNorm', 0, LIMITS.maxClipGradNorm),
    earlyStopping: validateEarlyStopping(pick('earlyStopping'), epochs),
    keep: oneOf(pick('keep'), 'keep', KEEP_CHOICES),
  };
}
