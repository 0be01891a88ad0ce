import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rSquared, rowPredictions } from '../../../src-shared/datamap';

// r2_score from tests/fixtures/sklearn/make_pca_fixture.py.
const { r2 } = JSON.parse(
  readFileSync(new URL('../../fixtures/sklearn/pca_wine.json', import.meta.url), 'utf8'),
) as { r2: { actual: number[]; predicted: number[]; r2: number } };

describe('rowPredictions', () => {
  it('reads one sigmoid unit as the probability of class 1', () => {
    const out = rowPredictions([0.9, 0.2, 0.6, 0.4], 1, [1, 1, 0, 0], 'classification');
    expect(out.predicted).toEqual([1, 0, 1, 0]);
    expect(out.confidence!.map((p) => +p.toFixed(6))).toEqual([0.9, 0.2, 0.4, 0.6]);
    expect(out.misclassified).toBe(2);
    expect(out.r2).toBeNull();
  });

  it('reads several units as class scores, clamping mse-on-classes scores to probabilities', () => {
    const out = rowPredictions([0.1, 0.7, 0.2, 1.3, -0.2, 0.1], 3, [1, 2], 'classification');
    expect(out.predicted).toEqual([1, 0]);
    expect(out.confidence).toEqual([0.7, 0.1]);
    expect(out.misclassified).toBe(1);
  });

  it('gives regression values and R² as scikit-learn computes it', () => {
    const out = rowPredictions(r2.predicted, 1, r2.actual, 'regression');
    expect(out.predicted).toEqual(r2.predicted);
    expect(out.confidence).toBeNull();
    expect(out.misclassified).toBeNull();
    expect(out.r2).toBeCloseTo(r2.r2, 12);
    expect(rSquared([2, 2, 2], [1, 2, 3])).toBeNull();
  });
});
