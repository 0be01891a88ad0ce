import { z } from 'zod';
import { SCHEDULES } from '@shared/training/schedule';
import { KEEP_CHOICES } from '@shared/training/early-stop';
import { ACTIVATIONS, INITS, LOSSES, OPTIMIZERS, REGULARIZATIONS } from '@shared/engine/types';
import { BUILTIN_DATASETS } from '@shared/data/types';
import { MAX_HIDDEN_LAYERS, MAX_UNITS } from './hidden-layers';
import {
  MAX_EPOCHS,
  defaultData,
  defaultDesign,
  defaultHyper,
  type DataSettings,
  type DesignSettings,
  type HyperSettings,
} from './defaults';

/** Bump the suffix when the stored shape changes incompatibly; old keys are then ignored. */
export const SETTINGS_KEY = 'nanograd-studio.settings.v1';

export interface StoredSettings {
  version: 1;
  data: DataSettings;
  design: DesignSettings;
  hyper: HyperSettings;
}

/** The part of `Storage` we use, so tests can pass a plain object. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const layerSchema = z.object({
  units: z.number().int().min(1).max(MAX_UNITS),
  activation: z.enum(ACTIVATIONS),
});

// Each section falls back on its own, so one hand-edited or outdated field does not wipe the rest.
const settingsSchema = z.object({
  version: z.literal(1),
  data: z
    .object({
      kind: z.enum(BUILTIN_DATASETS),
      points: z.number().int().min(4).max(100_000),
      noise: z.number().min(0).max(1),
      valFraction: z.number().min(0).max(0.9),
      seed: z.number().int(),
    })
    .catch(defaultData),
  design: z
    .object({
      hiddenLayers: z.array(layerSchema).max(MAX_HIDDEN_LAYERS),
      defaultActivation: z.enum(ACTIVATIONS),
    })
    .catch(defaultDesign),
  hyper: z
    .object({
      learningRate: z.number().positive().max(10),
      epochs: z.number().int().min(1).max(MAX_EPOCHS),
      batchSize: z.number().int().min(0),
      optimizer: z.enum(OPTIMIZERS),
      loss: z.union([z.enum(LOSSES), z.literal('auto')]),
      regularization: z.enum(REGULARIZATIONS),
      regRate: z.number().min(0),
      dropout: z.number().min(0).max(0.95),
      init: z.enum(INITS),
      seed: z.number().int(),
      // Added with issue 13: settings stored before it get the defaults for these fields.
      schedule: z.enum(SCHEDULES).catch('constant'),
      stepSize: z.number().int().min(1).catch(10),
      gamma: z.number().positive().max(10).catch(0.1),
      warmup: z.number().int().min(0).catch(0),
      clipGradNorm: z.number().min(0).catch(0),
      patience: z.number().int().min(0).catch(0),
      minDelta: z.number().min(0).catch(0),
      keep: z.enum(KEEP_CHOICES).catch('best'),
    })
    .catch(defaultHyper),
});

export function defaultSettings(): StoredSettings {
  return { version: 1, data: defaultData(), design: defaultDesign(), hyper: defaultHyper() };
}

/** Never throws: missing, unparsable or foreign storage gives the defaults. */
export function loadSettings(storage: SettingsStorage | null): StoredSettings {
  if (!storage) return defaultSettings();
  let raw: string | null;
  try {
    raw = storage.getItem(SETTINGS_KEY);
  } catch {
    return defaultSettings(); // storage disabled (privacy mode) behaves like empty storage
  }
  if (raw === null) return defaultSettings();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return defaultSettings();
  }
  const result = settingsSchema.safeParse(parsed);
  return result.success ? (result.data as StoredSettings) : defaultSettings();
}

/** Returns false when the storage refuses the write (quota, privacy mode); settings are a convenience. */
export function saveSettings(storage: SettingsStorage | null, settings: StoredSettings): boolean {
  if (!storage) return false;
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}
