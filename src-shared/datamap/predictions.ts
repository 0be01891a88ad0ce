/**
 * What the model says about each drawn row: the predicted class (or value), the predicted
 * probability of the row's true class (the map's opacity), the misclassified count and, for
 * regression, R². Outputs are read the same way as the 2-D boundary reads its grid
 * (backend/plane.ts): one unit = probability of class 1, several = one score per class.
 */
import type { Task } from '../data/types';
import { errorSums, r2Score } from '../training/metrics';

export interface RowPredictions {
  predicted: number[];
  confidence: number[] | null;
  misclassified: number | null;
  r2: number | null;
}

/**
 * `outputs` holds `units` values per row (probabilities, or raw scores for mse on classes;
 * values in raw units for regression); `labels` the true class index or raw target.
 */
export function rowPredictions(
  outputs: ArrayLike<number>,
  units: number,
  labels: ArrayLike<number>,
  task: Task,
): RowPredictions {
  const n = labels.length;
  const predicted = new Array<number>(n);
  if (task === 'regression') {
    for (let i = 0; i < n; i++) predicted[i] = outputs[i * units];
    return { predicted, confidence: null, misclassified: null, r2: rSquared(labels, predicted) };
  }
  const confidence = new Array<number>(n);
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    const truth = labels[i];
    if (units === 1) {
      const p1 = clamp01(outputs[i]);
      predicted[i] = p1 >= 0.5 ? 1 : 0;
      confidence[i] = truth === 1 ? p1 : 1 - p1;
    } else {
      let best = 0;
      for (let k = 1; k < units; k++) if (outputs[i * units + k] > outputs[i * units + best]) best = k;
      predicted[i] = best;
      confidence[i] = clamp01(outputs[i * units + truth]);
    }
    if (predicted[i] !== truth) wrong++;
  }
  return { predicted, confidence, misclassified: wrong, r2: null };
}

/** 1 - SS_res / SS_tot (scikit-learn's r2_score); null for fewer than 2 rows or a constant target. */
export function rSquared(actual: ArrayLike<number>, predicted: ArrayLike<number>): number | null {
  const n = actual.length;
  if (n < 2) return null;
  const sums = errorSums(predicted, actual, n);
  if (sums.total === 0) return null;
  const r2 = r2Score(sums);
  return Number.isFinite(r2) ? r2 : null;
}

function clamp01(v: number): number {
  if (Number.isNaN(v)) return 0.5;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
