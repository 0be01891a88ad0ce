import { z } from 'zod';
import { ACTIVATIONS } from '@shared/engine/types';
import { BUILTIN_DATASETS } from '@shared/data/types';
import { INPUT_FEATURES } from '@shared/data/prepare/input-features';
import {
  LIMITS,
  earlyStoppingSchema,
  layerSpecSchema,
  optimizerConfigSchema,
  scheduleSchema,
  trainConfigSchema,
} from '@shared/training/config';
import { DEFAULT_SCHEDULE } from '@shared/training/schedule';
import {
  defaultData,
  defaultDesign,
  defaultHyper,
  pickKeys,
  SAME_AS_CONFIG,
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

const config = trainConfigSchema.shape;
const optimizer = optimizerConfigSchema.shape;
const schedule = scheduleSchema.shape;

// Each section falls back on its own, so one hand-edited or outdated field does not wipe the rest.
// Ranges are the training config schema's (src-shared/training/config.ts), field by field.
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
      hiddenLayers: z.array(layerSpecSchema).max(LIMITS.maxHiddenLayers),
      defaultActivation: z.enum(ACTIVATIONS),
      // Added with the input features: settings stored before them start with x1, x2.
      features: z
        .array(z.enum(INPUT_FEATURES))
        .min(1)
        .refine((list) => new Set(list).size === list.length)
        .catch(() => defaultDesign().features),
    })
    .catch(defaultDesign),
  hyper: z
    .object({
      learningRate: optimizer.lr,
      optimizer: optimizer.name,
      ...pickKeys(config, SAME_AS_CONFIG),
      // Added with issue 13: settings stored before it get the defaults for these fields.
      schedule: schedule.name.catch(DEFAULT_SCHEDULE.name),
      stepSize: schedule.stepSize.catch(DEFAULT_SCHEDULE.stepSize),
      gamma: schedule.gamma.catch(DEFAULT_SCHEDULE.gamma),
      warmup: schedule.warmup.catch(DEFAULT_SCHEDULE.warmup),
      clipGradNorm: config.clipGradNorm.unwrap().catch(0),
      // 0 is the form's "no early stopping".
      patience: z.number().int().min(0).max(LIMITS.maxEpochs).catch(0),
      minDelta: earlyStoppingSchema.shape.minDelta.catch(0),
      keep: config.keep.unwrap().catch('best'),
      // Added with issue 11 (null = the optimizer's default); older settings get null / false.
      momentum: optimizer.momentum.unwrap().nullable().catch(null),
      nesterov: z.boolean().catch(false),
      beta1: optimizer.beta1.unwrap().nullable().catch(null),
      beta2: optimizer.beta2.unwrap().nullable().catch(null),
      eps: optimizer.eps.unwrap().nullable().catch(null),
      weightDecay: optimizer.weightDecay.unwrap().nullable().catch(null),
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
