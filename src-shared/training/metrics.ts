/**
 * Quality measures computed from raw network outputs. Regression scores are reported in the
 * target's ORIGINAL units: the network learns (y - mean) / std, so errors are scaled back by
 * std (R² is unchanged by that affine map).
 */

/**
 * Fraction of rows whose predicted class equals the label. With one output unit (bce) the
 * class is 1 when the logit is positive (sigmoid > 0.5); otherwise the first largest output wins.
 */
export function classificationAccuracy(
  outputs: Float32Array,
  labels: Float32Array,
  n: number,
  units: number,
): number {
  if (n === 0) return 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let predicted: number;
    if (units === 1) {
      predicted = outputs[i] > 0 ? 1 : 0;
    } else {
      predicted = 0;
      let best = outputs[i * units];
      for (let c = 1; c < units; c++) {
        const v = outputs[i * units + c];
        if (v > best) {
          best = v;
          predicted = c;
        }
      }
    }
    if (predicted === labels[i]) correct++;
  }
  return correct / n;
}

export interface RegressionScores {
  r2: number;
  mae: number;
}

/** Sums behind the regression scores: squared and absolute errors, squares about the target mean. */
export interface ErrorSums {
  squares: number;
  absolute: number;
  /** Σ (y - mean(y))², the total sum of squares R² divides by. */
  total: number;
}

/** The one definition of the regression error sums (scores per epoch, evaluation reports). */
export function errorSums(predicted: ArrayLike<number>, actual: ArrayLike<number>, count: number): ErrorSums {
  let mean = 0;
  for (let i = 0; i < count; i++) mean += actual[i];
  mean /= count;
  let squares = 0;
  let absolute = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const err = actual[i] - predicted[i];
    squares += err * err;
    absolute += Math.abs(err);
    const dev = actual[i] - mean;
    total += dev * dev;
  }
  return { squares, absolute, total };
}

/**
 * R² = 1 - SS_res / SS_tot (scikit-learn's r2_score). A constant target (SS_tot = 0) scores 1
 * when it is predicted exactly and 0 otherwise (sklearn's force_finite), instead of dividing by zero.
 */
export function r2Score(sums: ErrorSums): number {
  return sums.total > 0 ? 1 - sums.squares / sums.total : sums.squares === 0 ? 1 : 0;
}

/**
 * R² (over all targets) and mean absolute error in original units, from standardized
 * predictions and targets (R² is unchanged by the affine map back, MAE scales by std).
 */
export function regressionScores(
  predStd: Float32Array,
  yStd: Float32Array,
  count: number,
  std: number,
): RegressionScores {
  if (count === 0) return { r2: 0, mae: 0 };
  const sums = errorSums(predStd, yStd, count);
  return { r2: r2Score(sums), mae: (sums.absolute / count) * std };
}
