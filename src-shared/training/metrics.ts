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

/**
 * R² (1 - SS_res / SS_tot, over all targets) and mean absolute error in original units, from
 * standardized predictions and targets. A constant target (SS_tot = 0) scores R² = 1 when it is
 * predicted exactly and 0 otherwise, instead of dividing by zero.
 */
export function regressionScores(
  predStd: Float32Array,
  yStd: Float32Array,
  count: number,
  std: number,
): RegressionScores {
  if (count === 0) return { r2: 0, mae: 0 };
  let mean = 0;
  for (let i = 0; i < count; i++) mean += yStd[i];
  mean /= count;
  let ssRes = 0;
  let ssTot = 0;
  let absSum = 0;
  for (let i = 0; i < count; i++) {
    const err = predStd[i] - yStd[i];
    ssRes += err * err;
    absSum += Math.abs(err);
    const dev = yStd[i] - mean;
    ssTot += dev * dev;
  }
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
  return { r2, mae: (absSum / count) * std };
}
