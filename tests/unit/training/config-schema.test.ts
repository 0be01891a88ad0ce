/**
 * One training config schema: the API payload check, the model file reader and the CLI's
 * validator all apply the same rule to the same value, with the same sentence.
 */
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../src-shared/api-schemas';
import { ConfigError, ModelFileError, PayloadError } from '../../../src-shared/errors';
import { generateTable } from '../../../src-shared/data';
import { parseModel, serializeModel } from '../../../src-shared/model';
import {
  APP_TRAIN_CONFIG,
  DEFAULT_TRAIN_CONFIG,
  LIMITS,
  defaultTrainConfig,
  prepareRun,
  runModelFile,
  startRun,
  validateTrainConfig,
  type TrainConfig,
} from '../../../src-shared/training';

function modelText(config: unknown): string {
  const table = generateTable('xor', { points: 4, noise: 0, seed: 1 });
  const prepared = prepareRun({
    table,
    prepare: { valFraction: 0, seed: 1, missing: 'drop', standardize: false },
  });
  const run = startRun(prepared, { ...defaultTrainConfig(), epochs: 1 });
  run.runToEnd();
  const model = JSON.parse(serializeModel(runModelFile(run, 'm')));
  model.training.config = config;
  return JSON.stringify(model);
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

const cases: [string, Partial<TrainConfig> | Record<string, unknown>, string, string][] = [
  [
    'a learning rate above LIMITS.maxLearningRate',
    { optimizer: { name: 'adam', lr: LIMITS.maxLearningRate * 2 } },
    'optimizer.lr',
    `must be a number greater than 0 and at most ${LIMITS.maxLearningRate}`,
  ],
  [
    'more epochs than LIMITS.maxEpochs',
    { epochs: LIMITS.maxEpochs + 1 },
    'epochs',
    `must be an integer from 1 to ${LIMITS.maxEpochs}`,
  ],
  [
    'Nesterov without momentum (as torch.optim.SGD refuses it)',
    { optimizer: { name: 'sgd', lr: 0.1, momentum: 0, nesterov: true } },
    'optimizer.nesterov',
    'requires a momentum greater than 0 (Nesterov momentum needs momentum)',
  ],
  [
    'Adam betas on sgd',
    { optimizer: { name: 'sgd', lr: 0.1, beta1: 0.5 } },
    'optimizer.beta1',
    'applies only to adam and adamw, not sgd',
  ],
];

describe('the one training config schema', () => {
  it.each(cases)('refuses %s everywhere with the same rule', (_what, change, field, rule) => {
    const config = { ...defaultTrainConfig(), ...change };
    const api = thrown(() => validateRequest('train:start', config));
    expect(api).toBeInstanceOf(PayloadError);
    expect(api.message).toBe(`train:start: field "${field}" ${rule}`);

    const cli = thrown(() => validateTrainConfig(config));
    expect(cli).toBeInstanceOf(ConfigError);
    expect(cli.message.startsWith(`${field} ${rule} (got `)).toBe(true);

    const file = thrown(() => parseModel(modelText(config), 'm.json'));
    expect(file).toBeInstanceOf(ModelFileError);
    expect(file.message).toContain(`field "training.config.${field}" ${rule}`);
  });

  it('accepts Nesterov on the momentum optimizer, whose momentum defaults to 0.9', () => {
    const config = validateTrainConfig({ optimizer: { name: 'momentum', lr: 0.1, nesterov: true } });
    expect(config.optimizer.nesterov).toBe(true);
  });

  it('keeps fields a model file writer added out of the config it reads back', () => {
    const model = parseModel(modelText({ ...defaultTrainConfig(), torchOnly: 1 }), 'm.json');
    expect(model.training?.config).not.toHaveProperty('torchOnly');
    expect(() => validateRequest('train:start', { ...defaultTrainConfig(), torchOnly: 1 })).toThrow(
      'train:start: field "torchOnly" is not allowed',
    );
  });

  it('states where the app defaults differ from the CLI defaults, and they are valid configs', () => {
    expect(validateTrainConfig(APP_TRAIN_CONFIG)).toEqual(APP_TRAIN_CONFIG);
    expect(validateTrainConfig(DEFAULT_TRAIN_CONFIG)).toEqual(DEFAULT_TRAIN_CONFIG);
    const differs = (Object.keys(APP_TRAIN_CONFIG) as (keyof TrainConfig)[]).filter(
      (key) => JSON.stringify(APP_TRAIN_CONFIG[key]) !== JSON.stringify(DEFAULT_TRAIN_CONFIG[key]),
    );
    expect(differs.sort()).toEqual(['epochs', 'hiddenLayers', 'init', 'optimizer', 'regRate']);
  });
});
