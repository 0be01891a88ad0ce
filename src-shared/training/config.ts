/**
 * The training configuration, defined ONCE: its limits (LIMITS), its defaults, and the zod
 * schema `trainConfigSchema` from which everything else derives —
 *   - the IPC/API payload of `train:start` (src-shared/api-schemas.ts uses this schema as is),
 *   - the `training.config` of a model file (src-shared/model/schema.ts) and of a project file
 *     (read with api-schemas.ts savedProjectStateSchema: savedTrainConfigSchema below),
 *   - `validateTrainConfig` (the session, the CLI after turning flags into a config; the CLI's
 *     flag parsers read their ranges from LIMITS too),
 *   - the app's form: its defaults are APP_TRAIN_CONFIG (src-renderer/src/lib/defaults.ts), its
 *     fields, stored settings and hidden layers check LIMITS and this schema's field rules
 *     (lib/hyper-fields.ts, persistence.ts, hidden-layers.ts), and it names the schema's
 *     problems before a run starts (lib/optimizer-settings.ts configProblem).
 * Messages are `<rule>` sentences (`must be an integer from 1 to 1024`); each host puts its own
 * name of the setting in front (`field "optimizer.lr"`, `--lr`, `optimizer.lr ... (got 0)`).
 */
import { z } from 'zod';
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
  type OptimizerName,
} from '../engine/types';
import { formatFieldPath, valueAt } from '../zod-issues';
import { integerField, numberField, requiredOr } from '../zod-fields';
import type { TrainConfig } from './types';
import { DEFAULT_SCHEDULE, SCHEDULES, type ScheduleConfig } from './schedule';
import { KEEP_CHOICES } from './early-stop';
import { INPUT_FEATURES } from '../data/prepare/input-features';

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
  /** Adam's eps, momentum and betas lie in [0, 1) (eps in (0, maxEps]). */
  maxEps: 1,
} as const;

/**
 * PyTorch's optimizer defaults, which the engine uses when a field is left out: momentum 0.9
 * for the 'momentum' optimizer (0 for plain sgd), Adam betas (0.9, 0.999), eps 1e-8, weight
 * decay 0 (0.01 for adamw, as torch.optim.AdamW).
 */
export const OPTIMIZER_DEFAULTS = Object.freeze({
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  adamwWeightDecay: 0.01,
});

/** The optimizer settings each optimizer takes (the config schema refuses the others). */
export const OPTIMIZER_FIELDS: Readonly<
  Record<OptimizerName, readonly (keyof Omit<OptimizerConfig, 'name' | 'lr'>)[]>
> = Object.freeze({
  sgd: ['momentum', 'nesterov', 'weightDecay'],
  momentum: ['momentum', 'nesterov', 'weightDecay'],
  adam: ['beta1', 'beta2', 'eps', 'weightDecay'],
  adamw: ['beta1', 'beta2', 'eps', 'weightDecay'],
});

/** What the engine uses for each optimizer setting a config leaves out (the app's form shows these). */
export function optimizerDefaults(name: OptimizerName) {
  return {
    momentum: name === 'momentum' ? OPTIMIZER_DEFAULTS.momentum : 0,
    nesterov: false,
    beta1: OPTIMIZER_DEFAULTS.beta1,
    beta2: OPTIMIZER_DEFAULTS.beta2,
    eps: OPTIMIZER_DEFAULTS.eps,
    weightDecay: name === 'adamw' ? OPTIMIZER_DEFAULTS.adamwWeightDecay : OPTIMIZER_DEFAULTS.weightDecay,
  };
}

/** The rate `--regularization l1|l2` uses without `--reg-rate` (and the app's form shows). */
export const DEFAULT_REG_RATE = 0.001;

/**
 * The library / CLI defaults (`nanograd train` with no flags): two hidden layers of 16 ReLU
 * units, Adam at 0.01, batches of 32, 100 epochs, seed 1. ReLU + He init is the usual choice
 * for tabular data with standardized features; Adam at 0.01 converges on every built-in set
 * and on the sklearn sets without tuning (see docs/accuracy.md).
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

/**
 * The app's defaults (its form on first start) differ ON PURPOSE from the CLI's above: the app
 * opens on a 2-D playground set (xor) where a TensorFlow-Playground-sized network (two hidden
 * layers of 8 tanh units, Xavier init) draws a smooth boundary, and it trains 1000 epochs at
 * Adam lr 0.03 so the boundary visibly forms; the CLI's defaults suit a CSV of standardized
 * tabular data. Those five fields (hiddenLayers, optimizer.lr, epochs, init, regRate) are the
 * only differences. regRate is the rate the form shows for l1/l2 once a penalty is picked
 * (DEFAULT_REG_RATE, as the CLI's --regularization without --reg-rate); it has no effect
 * while regularization is 'none', the default of both.
 */
export const APP_TRAIN_CONFIG: TrainConfig = Object.freeze({
  ...DEFAULT_TRAIN_CONFIG,
  hiddenLayers: Object.freeze([
    Object.freeze({ units: 8, activation: 'tanh' }),
    Object.freeze({ units: 8, activation: 'tanh' }),
  ]) as unknown as LayerSpec[],
  optimizer: Object.freeze({ name: 'adam', lr: 0.03 }) as OptimizerConfig,
  epochs: 1000,
  regRate: DEFAULT_REG_RATE,
  init: 'xavier',
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
    ...(config.features ? { features: [...config.features] } : {}),
  };
}

/**
 * The initialization that keeps activations well scaled for a hidden activation: He (Kaiming)
 * for the ReLU family, Xavier (Glorot) for the saturating ones.
 */
export function defaultInitFor(activation: Activation): InitName {
  return activation === 'relu' || activation === 'leaky_relu' || activation === 'gelu' ? 'he' : 'xavier';
}

// ---------- field builders: each carries the sentence the user reads ----------

/** A finite number in [lo, hi]; `openLow` / `openHigh` exclude the bound. */
export function numberInRange(lo: number, hi: number, openLow = false, openHigh = false) {
  const low = openLow ? `greater than ${lo}` : `at least ${lo}`;
  const high = openHigh ? `less than ${hi}` : `at most ${hi}`;
  return numberField(
    `a number ${low} and ${high}`,
    (v) => Number.isFinite(v) && (openLow ? v > lo : v >= lo) && (openHigh ? v < hi : v <= hi),
  );
}

/** The integer fields' schemas, so a field's kind can be read off the schema (fieldKind). */
const INTEGER_SCHEMAS = new WeakSet<z.ZodType>();

export function integerInRange(lo: number, hi: number) {
  const schema = integerField(`an integer from ${lo} to ${hi}`, lo, hi);
  INTEGER_SCHEMAS.add(schema);
  return schema;
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: requiredOr(`must be one of ${values.join(', ')}`) });
}

// ---------- the schema ----------

export const layerSpecSchema = z.strictObject(
  { units: integerInRange(1, LIMITS.maxUnits), activation: oneOf(ACTIVATIONS) },
  { error: requiredOr('must be an object with units and activation') },
);

export const optimizerConfigSchema = z.strictObject(
  {
    name: oneOf(OPTIMIZERS),
    lr: numberInRange(0, LIMITS.maxLearningRate, true),
    momentum: numberInRange(0, 1, false, true).optional(),
    nesterov: z.boolean({ error: requiredOr('must be true or false') }).optional(),
    beta1: numberInRange(0, 1, false, true).optional(),
    beta2: numberInRange(0, 1, false, true).optional(),
    eps: numberInRange(0, LIMITS.maxEps, true).optional(),
    weightDecay: numberInRange(0, LIMITS.maxWeightDecay).optional(),
  },
  { error: requiredOr('must be an object with name and lr') },
);

export const scheduleSchema = z.strictObject(
  {
    name: oneOf(SCHEDULES),
    stepSize: integerInRange(1, LIMITS.maxEpochs),
    gamma: numberInRange(0, LIMITS.maxGamma, true),
    warmup: integerInRange(0, LIMITS.maxEpochs),
  },
  { error: requiredOr('must be an object with name, stepSize, gamma and warmup') },
);

export const earlyStoppingSchema = z.strictObject(
  {
    patience: integerInRange(1, LIMITS.maxEpochs),
    minDelta: numberInRange(0, LIMITS.maxMinDelta),
  },
  { error: requiredOr('must be null or an object with patience and minDelta') },
);

const trainConfigShape = {
  hiddenLayers: z
    .array(layerSpecSchema, { error: requiredOr('must be a list of layers') })
    .max(LIMITS.maxHiddenLayers, { error: `must have at most ${LIMITS.maxHiddenLayers} layers` }),
  loss: oneOf(['auto', ...LOSSES]),
  optimizer: optimizerConfigSchema,
  batchSize: integerInRange(0, LIMITS.maxBatchSize),
  epochs: integerInRange(1, LIMITS.maxEpochs),
  regularization: oneOf(REGULARIZATIONS),
  regRate: numberInRange(0, LIMITS.maxRegRate),
  dropout: numberInRange(0, LIMITS.maxDropout),
  init: oneOf(INITS),
  seed: integerInRange(0, LIMITS.maxSeed),
  schedule: scheduleSchema.optional(),
  clipGradNorm: numberInRange(0, LIMITS.maxClipGradNorm).optional(),
  earlyStopping: earlyStoppingSchema.nullable().optional(),
  keep: oneOf(KEEP_CHOICES).optional(),
  features: z
    .array(oneOf(INPUT_FEATURES), { error: requiredOr(`must be a list of ${INPUT_FEATURES.join(', ')}`) })
    .min(1, { error: `must list at least one of ${INPUT_FEATURES.join(', ')}` })
    .refine((list) => new Set(list).size === list.length, { error: 'must list each feature once' })
    .optional(),
};

type ConfigShape = z.infer<z.ZodObject<typeof trainConfigShape>>;

/** What the config field at a dotted path ('optimizer.lr') holds, read off the schema; null if none. */
export function fieldKind(path: string): 'integer' | 'number' | 'text' | null {
  let shape: Record<string, z.ZodType> = trainConfigShape;
  let schema: z.ZodType | undefined;
  for (const part of path.split('.')) {
    schema = shape[part];
    if (!schema) return null;
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
      schema = schema.unwrap() as z.ZodType;
    shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  }
  if (schema instanceof z.ZodEnum) return 'text';
  if (schema && INTEGER_SCHEMAS.has(schema)) return 'integer';
  return schema instanceof z.ZodNumber ? 'number' : null;
}

/** Rules between fields, as PyTorch states them (so a config no optimizer would accept never runs). */
function checkRelations(config: ConfigShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { optimizer, epochs } = config;
  if (optimizer.nesterov) {
    if (optimizer.name === 'adam' || optimizer.name === 'adamw')
      issue(['optimizer', 'nesterov'], `applies only to sgd and momentum, not ${optimizer.name}`);
    else if ((optimizer.momentum ?? optimizerDefaults(optimizer.name).momentum) === 0)
      // torch.optim.SGD: "Nesterov momentum requires a momentum and zero dampening".
      issue(
        ['optimizer', 'nesterov'],
        'requires a momentum greater than 0 (Nesterov momentum needs momentum)',
      );
  }
  if (
    optimizer.momentum !== undefined &&
    optimizer.momentum > 0 &&
    (optimizer.name === 'adam' || optimizer.name === 'adamw')
  )
    issue(['optimizer', 'momentum'], `applies only to sgd and momentum, not ${optimizer.name} (use betas)`);
  for (const key of ['beta1', 'beta2', 'eps'] as const)
    if (optimizer[key] !== undefined && !OPTIMIZER_FIELDS[optimizer.name].includes(key))
      issue(['optimizer', key], `applies only to adam and adamw, not ${optimizer.name}`);
  const schedule = config.schedule;
  if (schedule) {
    if (schedule.warmup > 0 && schedule.name === 'onecycle')
      issue(
        ['schedule', 'warmup'],
        'must be 0 with onecycle, which warms up by itself (its first 30% of steps)',
      );
    if (schedule.warmup >= epochs) issue(['schedule', 'warmup'], `must be less than the epochs (${epochs})`);
  }
  if (config.earlyStopping && config.earlyStopping.patience > Math.max(1, epochs))
    issue(['earlyStopping', 'patience'], `must be an integer from 1 to ${Math.max(1, epochs)} (the epochs)`);
}

/** A complete training config (API payloads, saved configs): unknown fields are refused. */
export const trainConfigSchema = z
  .strictObject(trainConfigShape, { error: requiredOr('must be an object') })
  .superRefine(checkRelations);

/**
 * The same config as read from a model or project file: fields a newer or other writer added
 * (the PyTorch script's own settings) are dropped instead of refused.
 */
export const savedTrainConfigSchema = z.object(trainConfigShape).superRefine(checkRelations);

/**
 * Checks an untrusted config and returns a clean copy. Fields left out take their default
 * (so a host may send only what the user changed); unknown fields are rejected so a typo
 * (`epoch` for `epochs`) is not silently ignored. Throws a ConfigError
 * `<field> <rule> (got <value>)` naming the first problem.
 */
export function validateTrainConfig(config: unknown): TrainConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new ConfigError(`training config must be an object (got ${show(config)})`, { field: '' });
  const raw = config as Record<string, unknown>;
  const filled: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_TRAIN_CONFIG) as (keyof TrainConfig)[])
    filled[key] = raw[key] === undefined ? DEFAULT_TRAIN_CONFIG[key] : raw[key];
  for (const key of Object.keys(raw)) if (!(key in filled)) filled[key] = raw[key];
  if (isRecord(raw.schedule)) filled.schedule = { ...DEFAULT_SCHEDULE, ...definedOnly(raw.schedule) };
  if (isRecord(raw.earlyStopping)) filled.earlyStopping = { minDelta: 0, ...definedOnly(raw.earlyStopping) };
  const result = trainConfigSchema.safeParse(filled);
  if (result.success) return result.data as TrainConfig;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const field = formatFieldPath([...issue.path, issue.keys[0]]);
    const allowed = Object.keys(shapeAt(issue.path));
    throw new ConfigError(`${field} is not a training setting (allowed: ${allowed.join(', ')})`, { field });
  }
  const field = formatFieldPath(issue.path);
  const got =
    issue.code === 'too_big' && issue.origin === 'array'
      ? `${(valueAt(filled, issue.path) as unknown[]).length} layers`
      : show(valueAt(filled, issue.path));
  throw new ConfigError(`${field} ${issue.message} (got ${got})`, { field });
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'string') && value.length <= 10 ? JSON.stringify(value) : 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedOnly(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** The fields allowed at `path` (for "allowed: ..." in the unknown-field message). */
function shapeAt(path: readonly PropertyKey[]): Record<string, unknown> {
  const nested: Record<string, Record<string, unknown>> = {
    optimizer: optimizerConfigSchema.shape,
    schedule: scheduleSchema.shape,
    earlyStopping: earlyStoppingSchema.shape,
  };
  if (path.length === 0) return trainConfigShape;
  if (path[0] === 'hiddenLayers') return layerSpecSchema.shape;
  return nested[String(path[0])] ?? {};
}
