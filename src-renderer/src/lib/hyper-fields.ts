import type { ZodType } from 'zod';
import { INITS, LOSSES, OPTIMIZERS, REGULARIZATIONS } from '@shared/engine/types';
import {
  LIMITS,
  earlyStoppingSchema,
  optimizerConfigSchema,
  scheduleSchema,
  trainConfigSchema,
} from '@shared/training/config';
import type { HyperSettings } from './defaults';
import type { AdvancedNumberKey } from './optimizer-settings';

export type NumericKey =
  | 'learningRate'
  | 'epochs'
  | 'batchSize'
  | 'regRate'
  | 'dropout'
  | 'seed'
  | 'stepSize'
  | 'gamma'
  | 'warmup'
  | 'clipGradNorm'
  | 'patience'
  | 'minDelta';

/**
 * A number field of the hyper-parameter form. min/max come from LIMITS (the input clamps to
 * them); `rule` is the config schema's own check of the field, which also refuses what
 * clamping cannot fix (an open bound: lr 0, momentum 1), with the schema's sentence.
 */
export interface NumberSpec {
  label: string;
  min: number;
  max: number;
  step: string;
  integer: boolean;
  rule?: ZodType;
}

export interface NumericField extends NumberSpec {
  key: NumericKey;
}

/** A number of the Advanced section; its setting may be unset (the optimizer's default). */
export interface AdvancedField extends NumberSpec {
  key: AdvancedNumberKey;
}

/** Any number field of the form: the panel's own and the Advanced section's. */
export type SettingField = NumericField | AdvancedField;

/** An option of a select: its value (shown as is), or the value with other text and a tooltip. */
export type SelectOption<T extends string> = T | { value: T; text?: string; title?: string };

export type SelectKey = 'optimizer' | 'loss' | 'regularization' | 'init' | 'schedule' | 'keep';

/** A select of the hyper-parameter form, with the options of the setting it sets. */
export type SelectSpec = {
  [K in SelectKey]: { key: K; label: string; options: readonly SelectOption<HyperSettings[K]>[] };
}[SelectKey];

const config = trainConfigSchema.shape;
const optimizer = optimizerConfigSchema.shape;

export const LR_FIELD: NumericField = {
  key: 'learningRate',
  label: 'Learning rate',
  min: 0,
  max: LIMITS.maxLearningRate,
  step: 'any',
  integer: false,
  rule: optimizer.lr,
};

export const NUMERIC_FIELDS: NumericField[] = [
  {
    key: 'epochs',
    label: 'Epochs',
    min: 1,
    max: LIMITS.maxEpochs,
    step: '1',
    integer: true,
    rule: config.epochs,
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    min: 0,
    max: LIMITS.maxBatchSize,
    step: '1',
    integer: true,
    rule: config.batchSize,
  },
];

export const MORE_FIELDS: NumericField[] = [
  {
    key: 'regRate',
    label: 'Regularization rate',
    min: 0,
    max: LIMITS.maxRegRate,
    step: 'any',
    integer: false,
    rule: config.regRate,
  },
  {
    key: 'dropout',
    label: 'Dropout',
    min: 0,
    max: LIMITS.maxDropout,
    step: '0.05',
    integer: false,
    rule: config.dropout,
  },
  { key: 'seed', label: 'Seed', min: 0, max: LIMITS.maxSeed, step: '1', integer: true, rule: config.seed },
];

export const STEP_FIELDS: NumericField[] = [
  {
    key: 'stepSize',
    label: 'Step size (epochs)',
    min: 1,
    max: LIMITS.maxEpochs,
    step: '1',
    integer: true,
    rule: scheduleSchema.shape.stepSize,
  },
  {
    key: 'gamma',
    label: 'Gamma',
    min: 0,
    max: LIMITS.maxGamma,
    step: 'any',
    integer: false,
    rule: scheduleSchema.shape.gamma,
  },
];

export const WARMUP_FIELD: NumericField = {
  key: 'warmup',
  label: 'Warm-up epochs',
  min: 0,
  max: LIMITS.maxEpochs,
  step: '1',
  integer: true,
  rule: scheduleSchema.shape.warmup,
};

export const CLIP_FIELD: NumericField = {
  key: 'clipGradNorm',
  label: 'Clip gradient norm',
  min: 0,
  max: LIMITS.maxClipGradNorm,
  step: 'any',
  integer: false,
  rule: config.clipGradNorm,
};

/** Patience 0 is the form's "off" (the config then has no earlyStopping). */
export const EARLY_FIELDS: NumericField[] = [
  { key: 'patience', label: 'Patience (epochs)', min: 0, max: LIMITS.maxEpochs, step: '1', integer: true },
  {
    key: 'minDelta',
    label: 'Min delta',
    min: 0,
    max: LIMITS.maxMinDelta,
    step: 'any',
    integer: false,
    rule: earlyStoppingSchema.shape.minDelta,
  },
];

/** The Advanced section's numbers, by the optimizer setting they set. */
export const ADVANCED_FIELDS: Record<AdvancedNumberKey, AdvancedField> = {
  momentum: {
    key: 'momentum',
    label: 'Momentum',
    min: 0,
    max: 1,
    step: '0.01',
    integer: false,
    rule: optimizer.momentum,
  },
  beta1: {
    key: 'beta1',
    label: 'Beta 1',
    min: 0,
    max: 1,
    step: '0.001',
    integer: false,
    rule: optimizer.beta1,
  },
  beta2: {
    key: 'beta2',
    label: 'Beta 2',
    min: 0,
    max: 1,
    step: '0.0001',
    integer: false,
    rule: optimizer.beta2,
  },
  eps: {
    key: 'eps',
    label: 'Epsilon',
    min: 0,
    max: LIMITS.maxEps,
    step: 'any',
    integer: false,
    rule: optimizer.eps,
  },
  weightDecay: {
    key: 'weightDecay',
    label: 'Weight decay',
    min: 0,
    max: LIMITS.maxWeightDecay,
    step: 'any',
    integer: false,
    rule: optimizer.weightDecay,
  },
};

export const OPTIMIZER_SELECT: SelectSpec = { key: 'optimizer', label: 'Optimizer', options: OPTIMIZERS };
export const LOSS_SELECT: SelectSpec = {
  key: 'loss',
  label: 'Loss',
  options: [{ value: 'auto', text: 'Auto' }, ...LOSSES],
};
export const REGULARIZATION_SELECT: SelectSpec = {
  key: 'regularization',
  label: 'Regularization',
  options: REGULARIZATIONS,
};
export const INIT_SELECT: SelectSpec = { key: 'init', label: 'Initialization', options: INITS };
/** The PyTorch schedulers' names in the tooltips. */
export const SCHEDULE_SELECT: SelectSpec = {
  key: 'schedule',
  label: 'Schedule',
  options: [
    'constant',
    { value: 'step', title: 'StepLR' },
    { value: 'cosine', title: 'CosineAnnealingLR' },
    { value: 'onecycle', title: 'OneCycleLR' },
  ],
};
export const KEEP_SELECT: SelectSpec = { key: 'keep', label: 'Keep weights', options: ['best', 'last'] };

export type NumberEntry = { ok: true; value: number } | { ok: false; error: string | null };

/**
 * Reads what the user typed into a field, as every number field of the form does: text that
 * is not a number (or not whole for an integer field) is ignored (error null), a number out of
 * range is clamped to the field's limits, and what the schema still refuses (an open bound)
 * is an error in the schema's words: `Momentum must be a number at least 0 and less than 1`.
 */
export function readNumberEntry(text: string, field: NumberSpec): NumberEntry {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (field.integer && !Number.isInteger(value)))
    return { ok: false, error: null };
  const clamped = Math.min(field.max, Math.max(field.min, value));
  const checked = field.rule?.safeParse(clamped);
  if (checked && !checked.success)
    return { ok: false, error: `${field.label} ${checked.error.issues[0].message}` };
  return { ok: true, value: clamped };
}
