// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FoldResult } from '@shared/evaluation/cross-validate';
import { defaultTrainConfig } from '@shared/training';
import { useCrossValidationStore } from '../../../src-renderer/src/stores/crossValidation';
import { useTrainingStore } from '../../../src-renderer/src/stores/training';
import { freshStudio } from './setup';
import type { FakeApi } from './fake-api';

function fold(index: number, epochs: number): FoldResult {
  return {
    fold: index,
    trainRows: 80,
    valRows: 20,
    valClassCounts: { a: 10, b: 10 },
    valLoss: 0.1 * index,
    valAccuracy: 0.9,
    valR2: null,
    epochs,
    history: [],
    state: 'done',
    message: null,
    seconds: 0.1,
  };
}

describe('cross-validation store', () => {
  let api: FakeApi;
  beforeEach(() => {
    api = freshStudio().api;
  });

  it('starts K folds of the given design and shows the folds of its own cross-validation only', async () => {
    const cv = useCrossValidationStore();
    cv.attach();
    cv.folds = 3;
    const config = { ...defaultTrainConfig(), epochs: 10 };
    expect(await cv.start(config)).toBe(true);
    expect(api.calls.at(-1)).toEqual({ method: 'crossValidation.start', arg: { folds: 3, config } });
    expect(cv.isRunning).toBe(true);

    api.emit('cv:fold', { cvId: 'cv-other', result: fold(1, 10) });
    expect(cv.results).toHaveLength(0);
    api.emit('cv:fold', { cvId: 'cv-1', result: fold(2, 10) });
    api.emit('cv:progress', {
      cvId: 'cv-1',
      done: 1,
      total: 3,
      running: [{ fold: 1, epoch: 5, totalEpochs: 10 }],
    });
    // 10 of fold 2's epochs and 5 of fold 1's, out of 3 x 10.
    expect(cv.progress).toBeCloseTo(15 / 30, 12);
    api.emit('cv:fold', { cvId: 'cv-1', result: fold(1, 10) });
    expect(cv.results.map((r) => r.fold)).toEqual([1, 2]);

    const summary = {
      folds: 3,
      valLossMean: 0.15,
      valLossStd: 0.05,
      valAccuracyMean: 0.9,
      valAccuracyStd: 0,
    };
    api.emit('cv:state', { cvId: 'cv-1', state: 'stopped', message: null, seconds: 1, cv: summary });
    expect(cv.isRunning).toBe(false);
    expect(cv.state).toBe('stopped');
    expect(cv.summary).toEqual(summary);
    expect(cv.running).toEqual([]);
  });

  it('the training store keeps only the current run’s baselines', async () => {
    const training = useTrainingStore();
    training.attach();
    await training.start(defaultTrainConfig(), 'xor');
    const baselines = {
      trivial: { valLoss: 0.69, valAccuracy: 0.5 },
      linear: { valLoss: 0.68, valAccuracy: 0.55 },
    };
    api.emit('train:baselines', { runId: 'run-0', baselines });
    expect(training.baselines).toBeNull();
    api.emit('train:baselines', { runId: training.runId!, baselines });
    expect(training.baselines).toEqual(baselines);
    await training.reset();
    expect(training.baselines).toBeNull();
  });
});
