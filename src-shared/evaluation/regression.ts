/**
 * Regression report in the target's original units, equal to scikit-learn 1.2's
 * mean_squared_error, mean_absolute_error and r2_score (a constant target scores 1 when
 * predicted exactly, else 0: sklearn's force_finite). Residual = true − predicted; its std is
 * the population std (numpy's default). The error sums and R² are the training scores' own
 * (../training/metrics.ts).
 */
import { errorSums, r2Score } from '../training/metrics';

export interface RegressionReport {
  task: 'regression';
  rows: number;
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  residuals: { mean: number; std: number; min: number; max: number };
  notes: string[];
}

/** predicted and yTrue in original units, same length, at least 1. */
export function regressionReport(predicted: ArrayLike<number>, yTrue: ArrayLike<number>): RegressionReport {
  const n = yTrue.length;
  const sums = errorSums(predicted, yTrue, n);
  let residualSum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = yTrue[i] - predicted[i];
    residualSum += r;
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const residualMean = residualSum / n;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - predicted[i] - residualMean;
    spread += d * d;
  }
  const notes: string[] = [];
  if (sums.total === 0)
    notes.push('the target is constant in these rows: R² is 1 if predicted exactly, else 0');
  const mse = sums.squares / n;
  return {
    task: 'regression',
    rows: n,
    mse,
    rmse: Math.sqrt(mse),
    mae: sums.absolute / n,
    r2: r2Score(sums),
    residuals: { mean: residualMean, std: Math.sqrt(spread / n), min, max },
    notes,
  };
}
