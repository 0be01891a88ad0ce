// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Pinia } from 'pinia';
import type { ModelSummary } from '@shared/api';
import {
  APP_TRAIN_CONFIG,
  DEFAULT_TRAIN_CONFIG,
  LIMITS,
  trainConfigSchema,
} from '../../../src-shared/training/config';
import AdvancedOptimizer from '../../../src-renderer/src/components/AdvancedOptimizer.vue';
import { useStudioActions } from '../../../src-renderer/src/composables/useStudioActions';
import {
  buildTrainConfig,
  defaultDesign,
  defaultHyper,
  hyperFromConfig,
  type HyperSettings,
} from '../../../src-renderer/src/lib/defaults';
import { parseHiddenLayers } from '../../../src-renderer/src/lib/hidden-layers';
import {
  ADVANCED_FIELDS,
  LR_FIELD,
  MORE_FIELDS,
  readNumberEntry,
} from '../../../src-renderer/src/lib/hyper-fields';
import { configProblem } from '../../../src-renderer/src/lib/optimizer-settings';
import {
  SETTINGS_KEY,
  defaultSettings,
  loadSettings,
  saveSettings,
} from '../../../src-renderer/src/lib/persistence';
import { useDataStore } from '../../../src-renderer/src/stores/data';
import { useHyperStore } from '../../../src-renderer/src/stores/hyper';
import { useNoticesStore } from '../../../src-renderer/src/stores/notices';
import { freshStudio } from './setup';
import type { FakeApi } from './fake-api';

const hyperWith = (changes: Partial<HyperSettings>): HyperSettings => ({ ...defaultHyper(), ...changes });
const configOf = (changes: Partial<HyperSettings>) => buildTrainConfig(defaultDesign(), hyperWith(changes));

function memoryStorage() {
  const items: Record<string, string> = {};
  return {
    items,
    getItem: (key: string) => items[key] ?? null,
    setItem: (key: string, value: string) => void (items[key] = value),
  };
}

describe('advanced optimizer settings: form -> run config', () => {
  it('sends momentum and Nesterov with sgd, and only what the optimizer takes', () => {
    const sgd = configOf({ optimizer: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true, beta1: 0.5 });
    expect(sgd.optimizer).toEqual({ name: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true });
    expect(trainConfigSchema.safeParse(sgd).success).toBe(true);

    // The momentum left from sgd is not sent to adam (the schema would refuse it there).
    const adam = configOf({
      momentum: 0.9,
      nesterov: true,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-6,
      weightDecay: 0.001,
    });
    expect(adam.optimizer).toEqual({
      name: 'adam',
      lr: 0.03,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-6,
      weightDecay: 0.001,
    });
    expect(trainConfigSchema.safeParse(adam).success).toBe(true);
  });

  it('leaves unset fields out, so the engine uses the optimizer default', () => {
    expect(configOf({ optimizer: 'momentum' }).optimizer).toEqual({ name: 'momentum', lr: 0.03 });
    expect(configOf({ optimizer: 'adamw', weightDecay: null }).optimizer).toEqual({
      name: 'adamw',
      lr: 0.03,
    });
  });

  it('fills the form from a saved config and gives the same config back', () => {
    const saved = configOf({ optimizer: 'sgd', momentum: 0.5, nesterov: true, weightDecay: 0.01 });
    const form = hyperFromConfig(saved);
    expect(form).toMatchObject({ momentum: 0.5, nesterov: true, weightDecay: 0.01, beta1: null, eps: null });
    expect(buildTrainConfig(defaultDesign(), form)).toEqual(saved);
  });

  it('states Nesterov with momentum 0 in the schema words, and not when the optimizer has momentum', () => {
    const config = configOf({ optimizer: 'sgd', nesterov: true });
    const schemaIssue = trainConfigSchema.safeParse(config).error!.issues[0];
    expect(schemaIssue.path).toEqual(['optimizer', 'nesterov']);
    expect(configProblem(config)).toEqual({
      field: 'optimizer.nesterov',
      message: `Nesterov ${schemaIssue.message}`,
    });
    expect(configProblem(config)!.message).toMatch(/^Nesterov requires a momentum greater than 0/);
    expect(configProblem(configOf({ optimizer: 'sgd', nesterov: true, momentum: 0 }))).not.toBeNull();
    expect(configProblem(configOf({ optimizer: 'momentum', nesterov: true }))).toBeNull();
    expect(configProblem(configOf({ nesterov: true }))).toBeNull(); // adam: not sent
  });
});

describe('limits: the form takes them from LIMITS and the schema', () => {
  it('clamps a number above the limit to it, as every field of the form does', () => {
    expect(readNumberEntry('50', ADVANCED_FIELDS.weightDecay)).toEqual({
      ok: true,
      value: LIMITS.maxWeightDecay,
    });
    expect(readNumberEntry('5000', LR_FIELD)).toEqual({ ok: true, value: LIMITS.maxLearningRate });
    // the form used to cap lr at 10 and dropout at 0.95 (which the backend refused)
    expect(readNumberEntry('20', LR_FIELD)).toEqual({ ok: true, value: 20 });
    const dropout = MORE_FIELDS.find((field) => field.key === 'dropout')!;
    expect(readNumberEntry('0.95', dropout)).toEqual({ ok: true, value: LIMITS.maxDropout });
    expect(
      trainConfigSchema.safeParse(configOf({ dropout: LIMITS.maxDropout, learningRate: 20 })).success,
    ).toBe(true);
  });

  it('refuses what clamping cannot fix with the schema sentence, and ignores non-numbers', () => {
    expect(readNumberEntry('1.5', ADVANCED_FIELDS.momentum)).toEqual({
      ok: false,
      error: 'Momentum must be a number at least 0 and less than 1',
    });
    expect(readNumberEntry('0', ADVANCED_FIELDS.eps)).toEqual({
      ok: false,
      error: `Epsilon must be a number greater than 0 and at most ${LIMITS.maxEps}`,
    });
    expect(readNumberEntry('0', LR_FIELD)).toEqual({
      ok: false,
      error: `Learning rate must be a number greater than 0 and at most ${LIMITS.maxLearningRate}`,
    });
    expect(readNumberEntry('abc', ADVANCED_FIELDS.beta1)).toEqual({ ok: false, error: null });
    expect(readNumberEntry('0.999', ADVANCED_FIELDS.beta2)).toEqual({ ok: true, value: 0.999 });
  });

  it('allows as many hidden layers as the schema, and refuses one more like it', () => {
    const text = (n: number) => Array.from({ length: n }, () => '2').join(',');
    const design = (n: number) => ({
      ...defaultDesign(),
      hiddenLayers: Array.from({ length: n }, () => ({ units: 2, activation: 'tanh' as const })),
    });
    const schemaTakes = (n: number) =>
      trainConfigSchema.safeParse(buildTrainConfig(design(n), defaultHyper())).success;
    expect(parseHiddenLayers(text(LIMITS.maxHiddenLayers)).ok).toBe(true);
    expect(schemaTakes(LIMITS.maxHiddenLayers)).toBe(true);
    expect(parseHiddenLayers(text(LIMITS.maxHiddenLayers + 1)).ok).toBe(false);
    expect(schemaTakes(LIMITS.maxHiddenLayers + 1)).toBe(false);
  });

  it('the form opens on APP_TRAIN_CONFIG, which differs from the CLI defaults only where config.ts says', () => {
    const form = buildTrainConfig(defaultDesign(), defaultHyper());
    expect(form).toMatchObject({ ...APP_TRAIN_CONFIG, schedule: { ...APP_TRAIN_CONFIG.schedule } });
    const differ = Object.keys(APP_TRAIN_CONFIG).filter(
      (key) =>
        JSON.stringify(APP_TRAIN_CONFIG[key as keyof typeof APP_TRAIN_CONFIG]) !==
        JSON.stringify(DEFAULT_TRAIN_CONFIG[key as keyof typeof DEFAULT_TRAIN_CONFIG]),
    );
    expect(differ.sort()).toEqual(['epochs', 'hiddenLayers', 'init', 'optimizer', 'regRate']);
    expect(APP_TRAIN_CONFIG.optimizer.name).toBe(DEFAULT_TRAIN_CONFIG.optimizer.name);
  });
});

describe('advanced settings in storage', () => {
  it('round-trip through save and load', () => {
    const storage = memoryStorage();
    const settings = defaultSettings();
    settings.hyper = hyperWith({
      optimizer: 'sgd',
      momentum: 0.9,
      nesterov: true,
      eps: 1e-7,
      weightDecay: 0.2,
    });
    expect(saveSettings(storage, settings)).toBe(true);
    expect(loadSettings(storage).hyper).toEqual(settings.hyper);
  });

  it('settings stored before them load with the defaults and keep the rest', () => {
    const old: Record<string, unknown> = { ...defaultSettings().hyper, epochs: 250 };
    for (const key of ['momentum', 'nesterov', 'beta1', 'beta2', 'eps', 'weightDecay']) delete old[key];
    const storage = memoryStorage();
    storage.items[SETTINGS_KEY] = JSON.stringify({ ...defaultSettings(), hyper: old });
    expect(loadSettings(storage).hyper).toEqual(hyperWith({ epochs: 250 }));
  });

  it('a stored value outside the limits is not restored', () => {
    const storage = memoryStorage();
    const stored = defaultSettings();
    storage.items[SETTINGS_KEY] = JSON.stringify({
      ...stored,
      hyper: { ...stored.hyper, epochs: 250, momentum: 1, weightDecay: LIMITS.maxWeightDecay + 1 },
    });
    expect(loadSettings(storage).hyper).toEqual(hyperWith({ epochs: 250 }));
    storage.items[SETTINGS_KEY] = JSON.stringify({
      ...stored,
      hyper: { ...stored.hyper, epochs: 250, learningRate: LIMITS.maxLearningRate * 2 },
    });
    expect(loadSettings(storage).hyper).toEqual(defaultHyper());
  });
});

describe('the Advanced disclosure and Train', () => {
  let pinia: Pinia;
  let api: FakeApi;
  beforeEach(async () => {
    ({ pinia, api } = freshStudio());
    await useDataStore().loadBuiltin();
  });

  const labels = (wrapper: ReturnType<typeof mount>) =>
    wrapper.findAll('.advanced label span').map((span) => span.text());

  it('is closed at first, shows the fields of the chosen optimizer, and refuses Nesterov without momentum', async () => {
    const wrapper = mount(AdvancedOptimizer, { global: { plugins: [pinia] }, attachTo: document.body });
    const toggle = wrapper.get('button[aria-expanded]');
    expect(toggle.text()).toBe('Advanced');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(wrapper.get('.advanced').isVisible()).toBe(false);
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(labels(wrapper)).toEqual(['Beta 1', 'Beta 2', 'Epsilon', 'Weight decay']);
    expect((wrapper.get('input[type="number"]').element as HTMLInputElement).value).toBe('0.9');

    const hyper = useHyperStore();
    hyper.update('optimizer', 'sgd');
    await flushPromises();
    expect(labels(wrapper)).toEqual(['Momentum', 'Nesterov', 'Weight decay']);
    await wrapper.get('input[type="checkbox"]').setValue(true);
    expect(hyper.settings.nesterov).toBe(true);
    expect(wrapper.get('[role="alert"]').text()).toMatch(/^Nesterov requires a momentum greater than 0/);

    await useStudioActions().train();
    expect(api.calls.some((call) => call.method === 'train.start')).toBe(false);
    expect(useNoticesStore().errors.map((notice) => notice.message)).toEqual([
      `Train: ${wrapper.get('[role="alert"]').text()}`,
    ]);

    const momentum = wrapper.get('input[type="number"]');
    await momentum.setValue('0.9');
    await momentum.trigger('change');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await useStudioActions().train();
    const started = api.calls.find((call) => call.method === 'train.start')!.arg as { optimizer: unknown };
    expect(started.optimizer).toEqual({ name: 'sgd', lr: 0.03, momentum: 0.9, nesterov: true });
    wrapper.unmount();
  });

  it('an opened model file fills the advanced settings', async () => {
    const config = configOf({ optimizer: 'adamw', beta1: 0.85, eps: 1e-6, weightDecay: 0.05 });
    const summary: ModelSummary = {
      name: 'm',
      task: 'classification',
      spec: { inputSize: 2, layers: [...config.hiddenLayers, { units: 2, activation: 'linear' }] },
      featureNames: ['x1', 'x2'],
      classes: ['0', '1'],
      config,
      history: [],
    };
    api.model.load = async () => summary;
    expect(await useStudioActions().loadModel({ fileName: 'm.json', text: '{}' })).toBe(true);
    expect(useHyperStore().settings).toMatchObject({
      optimizer: 'adamw',
      beta1: 0.85,
      beta2: null,
      eps: 1e-6,
      weightDecay: 0.05,
    });
  });
});
