/**
 * A sweep configuration as a TrainConfig: the base design with the swept values set, checked by
 * the one config validator (validateTrainConfig); a refused value names its parameter
 * (`lr: optimizer.lr must be a number greater than 0 ... (got -1)`). The CLI instead parses each
 * value with `train`'s own flag parsers, which end in the same validator.
 */
import { ConfigError } from '../errors';
import { cloneTrainConfig, defaultInitFor, validateTrainConfig } from '../training/config';
import type { TrainConfig } from '../training/types';
import type { Activation } from '../engine/types';
import {
  activationText,
  paramInfo,
  paramOfField,
  setAtPath,
  settingsOf,
  type RunSettings,
  type SettingValue,
} from './params';
import type { PlannedRun } from './plan';

function number(name: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new ConfigError(`${name}: must be ${integer ? 'a whole number' : 'a number'} (got "${text}")`, {
      field: name,
    });
  return n;
}

function setValue(config: TrainConfig, name: string, text: string): void {
  switch (name) {
    case 'layers': {
      const sizes = text === 'none' ? [] : text.split(',').map((part) => number(name, part.trim(), true));
      const activation = config.hiddenLayers[0]?.activation ?? 'relu';
      config.hiddenLayers = sizes.map((units) => ({ units, activation }));
      return;
    }
    case 'activation': {
      const names = text.split(',').map((s) => s.trim()) as Activation[];
      if (names.length !== 1 && names.length !== config.hiddenLayers.length)
        throw new ConfigError(
          `activation: "${text}" lists ${names.length} activations for ${config.hiddenLayers.length} hidden layers`,
          { field: name },
        );
      config.hiddenLayers = config.hiddenLayers.map((layer, i) => ({
        ...layer,
        activation: names.length === 1 ? names[0] : names[i],
      }));
      return;
    }
    default: {
      const param = paramInfo(name);
      if (!param) break;
      const value = param.kind === 'text' ? text : number(name, text, param.kind === 'integer');
      setAtPath(config as unknown as Record<string, unknown>, param.path, value);
      return;
    }
  }
  throw new ConfigError(`${name}: not a sweepable parameter`, { field: name });
}

/** The base design with one run's swept values and seed, validated. */
export function applySweepValues(
  base: TrainConfig,
  values: Record<string, string>,
  seed: number,
): TrainConfig {
  const config = cloneTrainConfig(base);
  // Layers first, so an activation value applies to the swept layer sizes.
  const names = Object.keys(values).sort((a, b) => (a === 'layers' ? -1 : b === 'layers' ? 1 : 0));
  const baseActivation = base.hiddenLayers[0]?.activation;
  for (const name of names) setValue(config, name, values[name]);
  // Like `train`: without an explicit weight-init, a swept activation brings its usual init.
  if (
    'activation' in values &&
    !('weight-init' in values) &&
    baseActivation &&
    base.init === defaultInitFor(baseActivation)
  )
    config.init = config.hiddenLayers[0] ? defaultInitFor(config.hiddenLayers[0].activation) : base.init;
  config.seed = seed;
  try {
    return validateTrainConfig(config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const name = paramOfField(err.location.field ?? '');
    throw new ConfigError(name ? `${name}: ${err.message}` : err.message, err.location);
  }
}

/** What a run line's `config` holds: the swept settings (flag-named, typed) and the seed. */
export function sweptConfig(settings: RunSettings, swept: readonly string[]): Record<string, SettingValue> {
  const config: Record<string, SettingValue> = {};
  for (const name of swept) config[name] = settings[name];
  config.seed = settings.seed;
  return config;
}

/** Checks every planned configuration before any run starts; returns the configs in order. */
export function configsForPlan(base: TrainConfig, runs: readonly PlannedRun[]): TrainConfig[] {
  return runs.map((run) => applySweepValues(base, run.values, run.seed));
}

export { activationText, paramInfo, settingsOf };
