/**
 * Score-ranking metrics of one binary problem (positive = 1), computed exactly as scikit-learn
 * 1.2 does (`_binary_clf_curve`, `roc_curve`, `precision_recall_curve`, `auc`,
 * `average_precision_score`), so every number equals sklearn's on the same scores.
 */

/** Cumulative true/false positives at each distinct score, highest score first. */
interface ClfCurve {
  tps: Float64Array;
  fps: Float64Array;
  thresholds: Float64Array;
}

function binaryClfCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): ClfCurve {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let i = 0; i < n; i++) {
    if (positive[order[i]]) tp++;
    // A threshold closes where the next score differs (ties form one point, as sklearn's diff).
    if (i === n - 1 || score[order[i + 1]] !== score[order[i]]) {
      tps.push(tp);
      fps.push(i + 1 - tp);
      thresholds.push(score[order[i]]);
    }
  }
  return {
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    thresholds: Float64Array.from(thresholds),
  };
}

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** sklearn 1.2: the first threshold is the highest score + 1 (no row predicted positive). */
  thresholds: number[];
}

/** sklearn's roc_curve with drop_intermediate=True; null when y has only one class (undefined). */
export function rocCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): RocCurve | null {
  const { tps, fps, thresholds } = binaryClfCurve(positive, score);
  const m = tps.length;
  if (m === 0 || tps[m - 1] === 0 || fps[m - 1] === 0) return null;
  // Keep the corners only: points where the second difference of fps or tps is non-zero.
  const keep: number[] = [];
  for (let i = 0; i < m; i++) {
    if (i === 0 || i === m - 1) keep.push(i);
    else if (fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0)
      keep.push(i);
  }
  const fpr = [0];
  const tpr = [0];
  const thr = [thresholds[keep[0]] + 1];
  for (const i of keep) {
    fpr.push(fps[i] / fps[m - 1]);
    tpr.push(tps[i] / tps[m - 1]);
    thr.push(thresholds[i]);
  }
  return { fpr, tpr, thresholds: thr };
}

/** Trapezoidal area under a curve whose x is monotonic (sklearn's `auc`). */
export function trapezoidArea(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return x.length > 1 && x[x.length - 1] < x[0] ? -area : area;
}

/** Binary ROC AUC, or null when y_true holds one class only (sklearn raises there). */
export function rocAuc(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number | null {
  const curve = rocCurve(positive, score);
  return curve ? trapezoidArea(curve.fpr, curve.tpr) : null;
}

export interface PrCurve {
  /** Ordered by increasing threshold, ending with the (recall 0, precision 1) point, as sklearn. */
  precision: number[];
  recall: number[];
}

/** sklearn 1.2's precision_recall_curve (no positives: recall is 1 at every threshold). */
export function prCurve(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): PrCurve {
  const { tps, fps } = binaryClfCurve(positive, score);
  const m = tps.length;
  const totalPositives = m > 0 ? tps[m - 1] : 0;
  const precision: number[] = [];
  const recall: number[] = [];
  for (let i = m - 1; i >= 0; i--) {
    const predicted = tps[i] + fps[i];
    precision.push(predicted !== 0 ? tps[i] / predicted : 0);
    recall.push(totalPositives === 0 ? 1 : tps[i] / totalPositives);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall };
}

/** Σ (R_i − R_{i−1}) · P_i: sklearn's average_precision_score (0 when there are no positives). */
export function averagePrecision(positive: ArrayLike<boolean | number>, score: ArrayLike<number>): number {
  const { precision, recall } = prCurve(positive, score);
  let sum = 0;
  for (let i = 0; i < recall.length - 1; i++) sum -= (recall[i + 1] - recall[i]) * precision[i];
  return sum;
}
