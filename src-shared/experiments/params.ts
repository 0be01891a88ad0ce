/**
 * The settings a sweep can vary, named as `nanograd train` flags without dashes (`lr`,
 * `layers`, `reg-rate`, ...), and the flat, flag-named view of a TrainConfig that results,
 * diffs and exports use, so a CSV column or a diff line reads like the train command it came from.
 */
import type { TrainConfig } from '../training/types';

export type ParamKind = 'number' | 'integer' | 'text';

export interface SweepParamInfo {
  /** The train flag without dashes. */
  name: string;
  kind: ParamKind;
}

/** Every parameter a sweep may vary, in the order results show them. */
export const SWEEP_PARAMS: readonly SweepParamInfo[] = [
  { name: 'layers', kind: 'text' },
  { name: 'activation', kind: 'text' },
  { name: 'loss', kind: 'text' },
  { name: 'optimizer', kind: 'text' },
  { name: 'lr', kind: 'number' },
  { name: 'batch', kind: 'integer' },
  { name: 'epochs', kind: 'integer' },
  { name: 'regularization', kind: 'text' },
  { name: 'reg-rate', kind: 'number' },
  { name: 'dropout', kind: 'number' },
  { name: 'weight-init', kind: 'text' },
];

export const SWEEP_PARAM_NAMES: readonly string[] = SWEEP_PARAMS.map((p) => p.name);

export function paramInfo(name: string): SweepParamInfo | undefined {
  return SWEEP_PARAMS.find((p) => p.name === name);
}

/** A setting's value as results hold it: numbers for numeric flags, the flag's text otherwise. */
export type SettingValue = number | string;
export type RunSettings = Record<string, SettingValue>;

/** `16,16` (or `none`), the way `--layers` takes it. */
export function layersText(config: TrainConfig): string {
  return config.hiddenLayers.length === 0 ? 'none' : config.hiddenLayers.map((l) => l.units).join(',');
}

/** One activation when all hidden layers share it (`--activation relu`), else one per layer. */
export function activationText(config: TrainConfig): string {
  const names = config.hiddenLayers.map((l) => l.activation);
  if (names.length === 0) return 'none';
  return new Set(names).size === 1 ? names[0] : names.join(',');
}

/**
 * Every setting of a run, flag-named: what a diff compares and a CSV lists. Settings that have
 * no train flag (optimizer details, options added later) appear under their dotted config path,
 * so two runs never look equal when they are not.
 */
export function settingsOf(config: TrainConfig): RunSettings {
  const settings: RunSettings = {
    layers: layersText(config),
    activation: activationText(config),
    loss: config.loss,
    optimizer: config.optimizer.name,
    lr: config.optimizer.lr,
    batch: config.batchSize,
    epochs: config.epochs,
    regularization: config.regularization,
    'reg-rate': config.regRate,
    dropout: config.dropout,
    'weight-init': config.init,
    seed: config.seed,
  };
  const covered = new Set([
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
  ]);
  const extra = (value: unknown, path: string): void => {
    // null / absent = the option is off (no early stopping): nothing to list or to differ.
    if (value === undefined || value === null) return;
    if (typeof value === 'number' || typeof value === 'string') settings[path] = value;
    else if (typeof value === 'boolean') settings[path] = String(value);
    else if (Array.isArray(value)) settings[path] = JSON.stringify(value);
    else if (typeof value === 'object')
      for (const [key, inner] of Object.entries(value as Record<string, unknown>))
        extra(inner, `${path}.${key}`);
  };
  for (const [key, value] of Object.entries(config)) if (!covered.has(key)) extra(value, key);
  for (const [key, value] of Object.entries(config.optimizer))
    if (key !== 'name' && key !== 'lr') extra(value, `optimizer.${key}`);
  return settings;
}

/** A list setting (input features) is written as JSON text; anything else stays as it is. */
function listValue(value: string | number): unknown {
  if (typeof value !== 'string' || !value.startsWith('[')) return value;
  try {
    const list: unknown = JSON.parse(value);
    return Array.isArray(list) ? list : value;
  } catch {
    return value;
  }
}

/** The TrainConfig fields (as validateTrainConfig takes them) that a flag-named setting sets. */
export function configFromSettings(settings: RunSettings): Record<string, unknown> {
  const text = (name: string): string | undefined =>
    settings[name] === undefined ? undefined : String(settings[name]);
  const num = (name: string): number | undefined =>
    settings[name] === undefined ? undefined : Number(settings[name]);
  const layers = text('layers');
  const sizes = layers === undefined || layers === 'none' ? [] : layers.split(',').map(Number);
  const activations = (text('activation') ?? 'relu').split(',');
  const optimizer: Record<string, unknown> = { name: text('optimizer'), lr: num('lr') };
  const config: Record<string, unknown> = {
    hiddenLayers: sizes.map((units, i) => ({
      units,
      activation: activations[activations.length === 1 ? 0 : i],
    })),
    loss: text('loss'),
    optimizer,
    batchSize: num('batch'),
    epochs: num('epochs'),
    regularization: text('regularization'),
    regRate: num('reg-rate'),
    dropout: num('dropout'),
    init: text('weight-init'),
    seed: num('seed'),
  };
  // Settings without a flag come back under their dotted config path (schedule.name, earlyStopping.patience).
  for (const [key, value] of Object.entries(settings)) {
    if (SWEEP_PARAM_NAMES.includes(key) || key === 'seed' || value === '') continue;
    const parsed = value === 'true' ? true : value === 'false' ? false : listValue(value);
    const path = key.split('.');
    let target: Record<string, unknown> = config;
    for (const part of path.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== 'object' || next === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]] = parsed;
  }
  return config;
}
