import type { OptimizerConfig, OptimizerName } from '@shared/engine/types';
import { OPTIMIZER_FIELDS, optimizerDefaults, trainConfigSchema } from '@shared/training/config';
import type { TrainConfig } from '@shared/training/types';
import { formatFieldPath } from '@shared/zod-issues';

export type AdvancedNumberKey = 'momentum' | 'beta1' | 'beta2' | 'eps' | 'weightDecay';
const ADVANCED_NUMBER_KEYS: readonly AdvancedNumberKey[] = [
  'momentum',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
];

/**
 * The optimizer settings of the form's "Advanced" section. null = not set, so the run config
 * leaves the field out and the engine uses the optimizer's own default, which the form shows:
 * switching from sgd to momentum then shows momentum 0.9, from adam to adamw weight decay 0.01.
 */
export interface AdvancedSettings {
  momentum: number | null;
  nesterov: boolean;
  beta1: number | null;
  beta2: number | null;
  eps: number | null;
  weightDecay: number | null;
}

export function defaultAdvanced(): AdvancedSettings {
  return { momentum: null, nesterov: false, beta1: null, beta2: null, eps: null, weightDecay: null };
}

/** The value the form shows: the one set, else the value the engine will use. */
export function effectiveValue(
  settings: AdvancedSettings,
  name: OptimizerName,
  key: AdvancedNumberKey,
): number {
  return settings[key] ?? optimizerDefaults(name)[key];
}

/** The optimizer of the run config: only the settings this optimizer takes and the user set. */
export function optimizerConfigOf(
  name: OptimizerName,
  lr: number,
  settings: AdvancedSettings,
): OptimizerConfig {
  const config: OptimizerConfig = { name, lr };
  const fields = OPTIMIZER_FIELDS[name];
  for (const key of ADVANCED_NUMBER_KEYS) {
    const value = settings[key];
    if (value !== null && fields.includes(key)) config[key] = value;
  }
  if (settings.nesterov && fields.includes('nesterov')) config.nesterov = true;
  return config;
}

/** The form's settings of a saved optimizer (a model or project file, a sweep's best run). */
export function advancedFromOptimizer(optimizer: OptimizerConfig): AdvancedSettings {
  return {
    momentum: optimizer.momentum ?? null,
    nesterov: optimizer.nesterov ?? false,
    beta1: optimizer.beta1 ?? null,
    beta2: optimizer.beta2 ?? null,
    eps: optimizer.eps ?? null,
    weightDecay: optimizer.weightDecay ?? null,
  };
}

/** The form's names of the config fields the schema may name in a problem. */
const FIELD_LABELS: Record<string, string> = {
  'optimizer.lr': 'Learning rate',
  'optimizer.momentum': 'Momentum',
  'optimizer.nesterov': 'Nesterov',
  'optimizer.beta1': 'Beta 1',
  'optimizer.beta2': 'Beta 2',
  'optimizer.eps': 'Epsilon',
  'optimizer.weightDecay': 'Weight decay',
};

export interface ConfigProblem {
  /** The config field, e.g. `optimizer.nesterov`. */
  field: string;
  /** `Nesterov requires a momentum greater than 0 (...)`: the form's label, then the schema's rule. */
  message: string;
}

/**
 * The first thing the config schema (src-shared/training/config.ts) refuses in the run config
 * the form would start, in the form's words; null when the backend will accept it. `within`
 * limits it to one part of the config (`optimizer`).
 */
export function configProblem(config: TrainConfig, within?: string): ConfigProblem | null {
  const result = trainConfigSchema.safeParse(config);
  if (result.success) return null;
  const issue = result.error.issues.find((candidate) => within === undefined || candidate.path[0] === within);
  if (!issue) return null;
  const field = formatFieldPath(issue.path);
  return { field, message: `${FIELD_LABELS[field] ?? field} ${issue.message}` };
}
