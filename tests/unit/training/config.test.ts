import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-shared/errors';
import {
  DEFAULT_TRAIN_CONFIG,
  defaultInitFor,
  defaultTrainConfig,
  validateTrainConfig,
} from '../../../src-shared/training';

function errorOf(config: unknown): ConfigError {
  try {
    validateTrainConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('validateTrainConfig', () => {
  it('accepts the defaults and returns an independent copy', () => {
    const config = validateTrainConfig(DEFAULT_TRAIN_CONFIG);
    expect(config).toEqual(DEFAULT_TRAIN_CONFIG);
    config.hiddenLayers[0].units = 3;
    expect(DEFAULT_TRAIN_CONFIG.hiddenLayers[0].units).toBe(16);
  });

  it('fills left-out fields from the defaults', () => {
    const config = validateTrainConfig({ epochs: 7 });
    expect(config.epochs).toBe(7);
    expect(config.optimizer).toEqual(DEFAULT_TRAIN_CONFIG.optimizer);
  });

  it('names the layer and the range for a bad unit count', () => {
    const cfg = defaultTrainConfig();
    cfg.hiddenLayers[1].units = 0;
    const err = errorOf(cfg);
    expect(err.message).toBe('hiddenLayers[1].units must be an integer from 1 to 1024 (got 0)');
    expect(err.location.field).toBe('hiddenLayers[1].units');
  });

  it('lists the allowed activations for an unknown one', () => {
    const err = errorOf({ hiddenLayers: [{ units: 4, activation: 'swish' }] });
    expect(err.message).toBe(
      'hiddenLayers[0].activation must be one of linear, relu, leaky_relu, tanh, sigmoid, gelu (got "swish")',
    );
  });

  it.each([
    [
      { optimizer: { name: 'adam', lr: 0 } },
      'optimizer.lr must be a number greater than 0 and at most 1000 (got 0)',
    ],
    [
      { optimizer: { name: 'adam', lr: Number.NaN } },
      'optimizer.lr must be a number greater than 0 and at most 1000 (got NaN)',
    ],
    [
      { optimizer: { name: 'rmsprop', lr: 0.1 } },
      'optimizer.name must be one of sgd, momentum, adam, adamw (got "rmsprop")',
    ],
    [
      { optimizer: { name: 'sgd', lr: 0.1, momentum: 1 } },
      'optimizer.momentum must be a number at least 0 and less than 1 (got 1)',
    ],
    [{ batchSize: 2.5 }, 'batchSize must be an integer from 0 to 1000000 (got 2.5)'],
    [{ epochs: 0 }, 'epochs must be an integer from 1 to 100000 (got 0)'],
    [{ loss: 'hinge' }, 'loss must be one of auto, mse, sse, cross_entropy, bce (got "hinge")'],
    [{ dropout: 1 }, 'dropout must be a number at least 0 and at most 0.9 (got 1)'],
    [{ seed: -1 }, 'seed must be an integer from 0 to 4294967295 (got -1)'],
    [{ init: 'zeros' }, 'init must be one of uniform, pytorch, xavier, he (got "zeros")'],
    [{ hiddenLayers: 'big' }, 'hiddenLayers must be a list of layers (got "big")'],
    [
      { epoch: 10 },
      'epoch is not a training setting (allowed: hiddenLayers, loss, optimizer, batchSize, epochs, regularization, regRate, dropout, init, seed, schedule, clipGradNorm, earlyStopping, keep, features)',
    ],
  ])('rejects %j', (config, message) => {
    expect(errorOf(config).message).toBe(message);
  });

  it('rejects a non-object', () => {
    expect(errorOf(null).message).toBe('training config must be an object (got null)');
  });

  it('allows no hidden layers (a linear or logistic model)', () => {
    expect(validateTrainConfig({ hiddenLayers: [] }).hiddenLayers).toEqual([]);
  });
});

describe('defaultInitFor', () => {
  it('uses He for the ReLU family and Xavier for saturating activations', () => {
    expect(defaultInitFor('relu')).toBe('he');
    expect(defaultInitFor('gelu')).toBe('he');
    expect(defaultInitFor('tanh')).toBe('xavier');
    expect(defaultInitFor('sigmoid')).toBe('xavier');
  });
});
