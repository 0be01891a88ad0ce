// The one epoch metrics schema (src-shared/training/metrics-schema.ts) as model files read it:
// every row a writer produces (the app, the CLI, the PyTorch script) reads back.
import { describe, expect, it } from 'vitest';
import { parseModel, serializeModel } from '../../../src-shared/model';
import type { EpochMetrics } from '../../../src-shared/training/types';
import { defaultTrainConfig } from '../../../src-shared/training/config';
import { makeModel } from './make-model';

// What the PyTorch script's epoch_metrics writes: every key, lr included; a diverged epoch's
// NaN as null. lr 0: a step schedule's lr · gammaᵏ underflows to 0 after enough steps.
const regression = { r2: null, valR2: null, mae: null, valMae: null };
const history: EpochMetrics[] = [
  {
    epoch: 1,
    loss: 0.9,
    valLoss: 1.1,
    accuracy: 0.5,
    valAccuracy: 0.4,
    ...regression,
    seconds: 0.2,
    lr: 0.01,
  },
  {
    epoch: 2,
    loss: 0.8,
    valLoss: null,
    accuracy: 0.6,
    valAccuracy: null,
    ...regression,
    seconds: 0.4,
    lr: 0,
  },
];

function modelWith(rows: unknown[]) {
  const model = makeModel({ csv: 'flowers.csv', hidden: ['tanh'] });
  model.training = {
    config: defaultTrainConfig(),
    epochs: rows.length,
    metrics: null,
    history: rows as EpochMetrics[],
  };
  return model;
}

describe('epoch metrics in model files', () => {
  it('read back every key the writers write, a 0 lr and a diverged epoch', () => {
    const diverged = { ...history[1], epoch: 3, loss: NaN, valLoss: NaN };
    const loaded = parseModel(serializeModel(modelWith([...history, diverged])), 'm.json');
    expect(loaded.training?.history?.slice(0, 2)).toEqual(history);
    expect(loaded.training?.history?.[2].loss).toBeNaN();
    expect(loaded.training?.history?.[2].valLoss).toBeNull();
  });

  it('drop a key a newer or other writer added (as the saved config does)', () => {
    const loaded = parseModel(serializeModel(modelWith([{ ...history[0], gradNorm: 3 }])), 'm.json');
    expect(loaded.training?.history?.[0]).toEqual(history[0]);
  });

  it('name a metric that is neither a number nor null', () => {
    const text = serializeModel(modelWith([{ ...history[0], valLoss: 'high' }]));
    expect(() => parseModel(text, 'm.json')).toThrow(
      'm.json: field "training.history[0].valLoss" must be a number or null, got "high"',
    );
  });
});
