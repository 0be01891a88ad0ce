/**
 * Classification report from class probabilities and true class indices, equal to
 * scikit-learn 1.2 on the same numbers (tests/fixtures/sklearn/make_metric_fixtures.py):
 * accuracy_score, log_loss(labels=all classes), precision_recall_fscore_support(labels=all
 * classes, zero_division=0) per class / macro / weighted, confusion_matrix (rows = true class,
 * columns = predicted), roc_auc_score and average_precision_score (binary: the positive class is
 * classes[1]; more classes: one-vs-rest macro averages, AP on the binarized labels).
 */
import { averagePrecision, prCurve, rocAuc, rocCurve, type PrCurve, type RocCurve } from './ranking';

export interface ClassMetrics {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AveragedMetrics {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  task: 'classification';
  rows: number;
  classes: string[];
  accuracy: number;
  logLoss: number;
  perClass: ClassMetrics[];
  macro: AveragedMetrics;
  weighted: AveragedMetrics;
  /** confusionMatrix[true][predicted], in `classes` order. */
  confusionMatrix: number[][];
  /** null when a class has no row in the data (ROC AUC is undefined for it; sklearn refuses). */
  rocAuc: number | null;
  averagePrecision: number;
  /** What a reader must know to read the numbers (zero_division, undefined AUC). */
  notes: string[];
}

/** Float64 machine epsilon: sklearn's log_loss clips float64 probabilities to [eps, 1 - eps]. */
const EPS = 2 ** -52;

/** The first largest probability of each row (np.argmax), as the model's predicted class. */
export function predictedClasses(probs: ArrayLike<number>, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

/**
 * probs: n x k row-major class probabilities (rows sum to 1); yTrue: class index per row.
 * n must be at least 1.
 */
export function classificationReport(
  probs: ArrayLike<number>,
  yTrue: ArrayLike<number>,
  classes: string[],
): ClassificationReport {
  const k = classes.length;
  const n = yTrue.length;
  const predicted = predictedClasses(probs, n, k);
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  let logLossSum = 0;
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    matrix[t][predicted[i]]++;
    if (predicted[i] === t) correct++;
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(probs[i * k + c]);
    logLossSum -= Math.log(clip(probs[i * k + t]) / rowSum);
  }

  const notes: string[] = [];
  const perClass: ClassMetrics[] = [];
  const neverPredicted: string[] = [];
  for (let c = 0; c < k; c++) {
    let predictedCount = 0;
    for (let t = 0; t < k; t++) predictedCount += matrix[t][c];
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const tp = matrix[c][c];
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const denominator = precision + recall;
    const f1 = denominator > 0 ? (2 * precision * recall) / denominator : 0;
    if (predictedCount === 0) neverPredicted.push(classes[c]);
    perClass.push({ class: classes[c], precision, recall, f1, support });
  }
  if (neverPredicted.length > 0) {
    notes.push(
      `precision of ${listed(neverPredicted, 'class', 'classes')} never predicted is reported as 0 (scikit-learn's zero_division=0)`,
    );
  }
  const absent = perClass.filter((m) => m.support === 0).map((m) => m.class);
  if (absent.length > 0) {
    notes.push(
      `${listed(absent, 'class', 'classes')} not in these rows: recall 0, average precision 0 and no ROC AUC (undefined without positives)`,
    );
  }

  return {
    task: 'classification',
    rows: n,
    classes: [...classes],
    accuracy: correct / n,
    logLoss: logLossSum / n,
    perClass,
    macro: average(perClass, () => 1),
    weighted: average(perClass, (m) => m.support),
    confusionMatrix: matrix,
    rocAuc: absent.length > 0 ? null : meanOverClasses(k, probs, yTrue, (pos, s) => rocAuc(pos, s)),
    averagePrecision: meanOverClasses(k, probs, yTrue, averagePrecision) ?? 0,
    notes,
  };
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function listed(names: string[], one: string, many: string): string {
  return `${names.length === 1 ? one : many} ${names.map((name) => `"${name}"`).join(', ')}`;
}

function average(perClass: ClassMetrics[], weight: (m: ClassMetrics) => number): AveragedMetrics {
  let total = 0;
  const sums = { precision: 0, recall: 0, f1: 0 };
  for (const m of perClass) {
    const w = weight(m);
    total += w;
    sums.precision += w * m.precision;
    sums.recall += w * m.recall;
    sums.f1 += w * m.f1;
  }
  if (total === 0) return { precision: 0, recall: 0, f1: 0 };
  return { precision: sums.precision / total, recall: sums.recall / total, f1: sums.f1 / total };
}

/** One class's column of scores and its "is this class" labels. */
export function oneVsRest(
  probs: ArrayLike<number>,
  yTrue: ArrayLike<number>,
  k: number,
  c: number,
): { positive: Uint8Array; score: Float64Array } {
  const n = yTrue.length;
  const positive = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    positive[i] = yTrue[i] === c ? 1 : 0;
    score[i] = probs[i * k + c];
  }
  return { positive, score };
}

/** Binary: the metric for classes[1]; more classes: the unweighted mean of the one-vs-rest metrics. */
function meanOverClasses(
  k: number,
  probs: ArrayLike<number>,
  yTrue: ArrayLike<number>,
  metric: (positive: Uint8Array, score: Float64Array) => number | null,
): number | null {
  if (k === 2) {
    const { positive, score } = oneVsRest(probs, yTrue, k, 1);
    return metric(positive, score);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const { positive, score } = oneVsRest(probs, yTrue, k, c);
    const value = metric(positive, score);
    if (value === null) return null;
    sum += value;
  }
  return sum / k;
}

export interface ClassCurves {
  class: string;
  roc: RocCurve | null;
  rocAuc: number | null;
  pr: PrCurve;
  averagePrecision: number;
}

/** Per-class one-vs-rest ROC and PR curves for the app's charts (binary: the positive class only). */
export function classCurves(
  probs: ArrayLike<number>,
  yTrue: ArrayLike<number>,
  classes: string[],
): ClassCurves[] {
  const k = classes.length;
  const which = k === 2 ? [1] : classes.map((_, c) => c);
  return which.map((c) => {
    const { positive, score } = oneVsRest(probs, yTrue, k, c);
    const roc = rocCurve(positive, score);
    return {
      class: classes[c],
      roc,
      rocAuc: roc ? rocAuc(positive, score) : null,
      pr: prCurve(positive, score),
      averagePrecision: averagePrecision(positive, score),
    };
  });
}
