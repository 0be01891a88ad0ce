/**
 * The settings a sweep can vary, named as `nanograd train` flags without dashes (`lr`,
 * `layers`, `reg-rate`, ...), and the flat, flag-named view of a TrainConfig that results,
 * diffs and exports use, so a CSV column or a diff line reads like the train command it came from.
 */
import { fieldKind } from '../training/config';
import type { TrainConfig } from '../training/types';

export type ParamKind = 'number' | 'integer' | 'text';

export interface SweepParamInfo {
  /** The train flag without dashes. */
  name: string;
  /** The config field it sets (dotted); layers and activation both set hiddenLayers. */
  path: string;
  /** Read off the config schema (layers and activation are text: `16,16`, `relu,tanh`). */
  kind: ParamKind;
}

/** Each sweepable flag and its config field, in the order results show them. */
const FLAG_FIELDS: readonly (readonly [string, string])[] = [
  ['layers', 'hiddenLayers'],
  ['activation', 'hiddenLayers'],
  ['loss', 'loss'],
  ['optimizer', 'optimizer.name'],
  ['lr', 'optimizer.lr'],
  ['batch', 'batchSize'],
  ['epochs', 'epochs'],
  ['regularization', 'regularization'],
  ['reg-rate', 'regRate'],
  ['dropout', 'dropout'],
  ['weight-init', 'init'],
];

/** Every parameter a sweep may vary, in the order results show them. */
export const SWEEP_PARAMS: readonly SweepParamInfo[] = FLAG_FIELDS.map(([name, path]) => ({
  name,
  path,
  kind: fieldKind(path) ?? 'text',
}));

/** The flags whose value is one config field (all but layers and activation). */
const SCALAR_PARAMS = SWEEP_PARAMS.filter((p) => p.path !== 'hiddenLayers');

/** The config field at a dotted path. */
export function valueAtPath(config: object, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], config);
}

/** Sets the config field at a dotted path, making the objects on the way. */
export function setAtPath(config: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = config;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (typeof next !== 'object' || next === null) target[part] = {};
    else target[part] = { ...(next as Record<string, unknown>) };
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]] = value;
}

/** The sweep flag that sets a config field (`optimizer.lr` -> `lr`), or null. */
export function paramOfField(field: string): string | null {
  if (field.startsWith('hiddenLayers')) return field.endsWith('activation') ? 'activation' : 'layers';
  return SCALAR_PARAMS.find((p) => p.path === field)?.name ?? null;
}

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
  const settings: RunSettings = { layers: layersText(config), activation: activationText(config) };
  for (const p of SCALAR_PARAMS) settings[p.name] = valueAtPath(config, p.path) as SettingValue;
  settings.seed = config.seed;
  const covered = new Set([...SWEEP_PARAMS.map((p) => p.path), 'seed']);
  const extra = (value: unknown, path: string): void => {
    // null / absent = the option is off (no early stopping): nothing to list or to differ.
    if (value === undefined || value === null || covered.has(path)) return;
    if (typeof value === 'number' || typeof value === 'string') settings[path] = value;
    else if (typeof value === 'boolean') settings[path] = String(value);
    else if (Array.isArray(value)) settings[path] = JSON.stringify(value);
    else if (typeof value === 'object')
      for (const [key, inner] of Object.entries(value as Record<string, unknown>))
        extra(inner, `${path}.${key}`);
  };
  // The optimizer's other settings (momentum, betas, ...) come last.
  for (const [key, value] of Object.entries(config)) if (key !== 'optimizer') extra(value, key);
  extra(config.optimizer, 'optimizer');
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
  const config: Record<string, unknown> = {
    hiddenLayers: sizes.map((units, i) => ({
      units,
      activation: activations[activations.length === 1 ? 0 : i],
    })),
    seed: num('seed'),
  };
  for (const p of SCALAR_PARAMS) setAtPath(config, p.path, p.kind === 'text' ? text(p.name) : num(p.name));
  // Settings without a flag come back under their dotted config path (schedule.name, earlyStopping.patience).
  for (const [key, value] of Object.entries(settings)) {
    if (SWEEP_PARAM_NAMES.includes(key) || key === 'seed' || value === '') continue;
    setAtPath(config, key, value === 'true' ? true : value === 'false' ? false : listValue(value));
  }
  return config;
}
