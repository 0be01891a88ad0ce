import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-shared/errors';
import {
  classificationAccuracy,
  defaultTrainConfig,
  lossTargets,
  outputTransform,
  outputUnits,
  regressionScores,
  resolveLoss,
} from '../../../src-shared/training';
import type { TrainConfig } from '../../../src-shared/training';

const withLoss = (loss: TrainConfig['loss']): TrainConfig => ({ ...defaultTrainConfig(), loss });

describe('resolveLoss / output layer', () => {
  it('auto picks cross-entropy for classes and mse for numbers', () => {
    expect(resolveLoss(withLoss('auto'), 'classification', 3)).toBe('cross_entropy');
    expect(resolveLoss(withLoss('auto'), 'regression', 1)).toBe('mse');
  });

  it('rejects class losses on a regression target and bce on more than two classes', () => {
    expect(() => resolveLoss(withLoss('cross_entropy'), 'regression', 1)).toThrow(ConfigError);
    expect(() => resolveLoss(withLoss('bce'), 'classification', 3)).toThrow(
      'loss bce needs exactly 2 classes but the target has 3',
    );
    expect(resolveLoss(withLoss('bce'), 'classification', 2)).toBe('bce');
  });

  it('derives units and transform from the loss', () => {
    expect(outputUnits('bce', 'classification', 2)).toBe(1);
    expect(outputUnits('cross_entropy', 'classification', 4)).toBe(4);
    expect(outputUnits('mse', 'classification', 4)).toBe(4);
    expect(outputTransform('cross_entropy')).toBe('softmax');
    expect(outputTransform('bce')).toBe('sigmoid');
    expect(outputTransform('mse')).toBe('none');
  });

  it('one-hot encodes classes only for squared-error losses', () => {
    const y = Float32Array.from([2, 0]);
    expect(Array.from(lossTargets(y, 2, 'mse', 'classification', 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(lossTargets(y, 2, 'cross_entropy', 'classification', 3)).toBe(y);
  });
});

describe('metrics', () => {
  it('accuracy: argmax with several outputs, positive logit with one', () => {
    const labels = Float32Array.from([1, 0, 2]);
    expect(classificationAccuracy(Float32Array.from([0, 1, 0, 5, 1, 0, 0, 0, 1]), labels, 3, 3)).toBeCloseTo(
      1,
    );
    expect(classificationAccuracy(Float32Array.from([0, 1, 0, 0, 9, 0, 0, 0, 1]), labels, 3, 3)).toBeCloseTo(
      2 / 3,
    );
    expect(classificationAccuracy(Float32Array.from([0.3, -2]), Float32Array.from([1, 1]), 2, 1)).toBe(0.5);
  });

  it('R² and MAE are in original units', () => {
    // standardized targets/predictions; std 10 => MAE scales by 10, R² does not.
    const y = Float32Array.from([-1, 0, 1]);
    const p = Float32Array.from([-1, 0.5, 1]);
    const { r2, mae } = regressionScores(p, y, 3, 10);
    expect(r2).toBeCloseTo(1 - 0.25 / 2);
    expect(mae).toBeCloseTo((0.5 / 3) * 10);
  });
});
