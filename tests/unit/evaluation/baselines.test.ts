import { describe, expect, it } from 'vitest';
import { generateTable, loadClassicTable, prepareDataset } from '../../../src-shared/data';
import { fitBaselines, linearBaselineWarning, trivialBaseline } from '../../../src-shared/evaluation';
import { DEFAULT_TRAIN_CONFIG, TrainingSession } from '../../../src-shared/training';

const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 60 };

describe('baselines', () => {
  it('trivial (classification): the training class shares as probabilities, the majority class as prediction', async () => {
    const data = prepareDataset(await loadClassicTable('wine'), {
      valFraction: 0.25,
      seed: 2,
      missing: 'drop',
      standardize: true,
    });
    const counts = [0, 0, 0];
    for (const y of data.train.y) counts[y]++;
    const shares = counts.map((c) => c / data.train.n);
    let expectedLoss = 0;
    let majorityHits = 0;
    const majority = counts.indexOf(Math.max(...counts));
    for (const y of data.val!.y) {
      expectedLoss -= Math.log(shares[y]);
      if (y === majority) majorityHits++;
    }
    const b = trivialBaseline(data, config);
    expect(b.valLoss).toBeCloseTo(expectedLoss / data.val!.n, 6);
    expect(b.valAccuracy).toBe(majorityHits / data.val!.n);
  });

  it('trivial (regression): the training mean, scored with the run loss (mse on standardized targets)', async () => {
    const data = prepareDataset(await loadClassicTable('diabetes'), {
      valFraction: 0.2,
      seed: 1,
      missing: 'drop',
      standardize: true,
    });
    const mean = data.train.y.reduce((a, b) => a + b, 0) / data.train.n;
    const mse = data.val!.y.reduce((a, y) => a + (y - mean) ** 2, 0) / data.val!.n;
    const b = trivialBaseline(data, config);
    expect(b.valLoss).toBeCloseTo(mse, 5);
    expect(b.valAccuracy).toBeNull();
  });

  it('linear stays near chance on XOR, where the network beats it (and says so when it does not)', () => {
    const data = prepareDataset(generateTable('xor-noisy', { points: 400, noise: 0, seed: 1 }), {
      valFraction: 0.2,
      seed: 1,
      missing: 'drop',
      standardize: false,
    });
    const { linear, trivial } = fitBaselines(data, config);
    expect(linear.valAccuracy!).toBeLessThan(0.65);
    expect(trivial.valAccuracy!).toBeLessThan(0.65);
    const session = new TrainingSession(data, config);
    let last = null;
    while (session.state !== 'done') last = session.stepEpoch();
    expect(last!.valAccuracy!).toBeGreaterThan(0.9);
    expect(linearBaselineWarning('classification', last!, linear)).toBeNull();
    expect(linearBaselineWarning('classification', { valLoss: 1, valAccuracy: 0.5 }, linear)).toMatch(
      /does not beat the linear baseline's/,
    );
  });

  it('are null without validation rows', () => {
    const data = prepareDataset(generateTable('xor', { points: 4, noise: 0, seed: 0 }), {
      valFraction: 0,
      seed: 1,
      missing: 'drop',
      standardize: false,
    });
    expect(fitBaselines(data, config)).toEqual({
      trivial: { valLoss: null, valAccuracy: null },
      linear: { valLoss: null, valAccuracy: null },
    });
  });
});
