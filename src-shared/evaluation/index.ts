/**
 * Judging a model: metrics equal to scikit-learn's, k-fold splits, permutation importance and
 * baselines. Pure TypeScript (Node, browser, workers).
 */
export {
  classificationReport,
  classCurves,
  predictedClasses,
  type AveragedMetrics,
  type ClassCurves,
  type ClassMetrics,
  type ClassificationReport,
} from './classification';
export { regressionReport, type RegressionReport } from './regression';
export {
  averagePrecision,
  prCurve,
  rocAuc,
  rocCurve,
  trapezoidArea,
  type PrCurve,
  type RocCurve,
} from './ranking';
export {
  EVALUATION_SPLITS,
  evaluateModel,
  scoreOutputs,
  splitRows,
  type EvaluateOptions,
  type EvaluationReport,
  type EvaluationSplit,
  type ScoredRows,
} from './evaluate';
export {
  DEFAULT_IMPORTANCE_REPEATS,
  importanceScore,
  permutationImportance,
  type ImportanceEntry,
  type ImportanceOptions,
} from './importance';
export { selectRows } from './select-rows';
export { foldRows, foldSplit } from '../data/prepare/split';
export {
  fitBaselines,
  fitBaselinesAsync,
  fitBaselinesJob,
  linearBaseline,
  linearBaselineWarning,
  trivialBaseline,
  type BaselineJob,
  type BaselineScores,
  type Baselines,
} from './baselines';
export {
  runFolds,
  summarizeFolds,
  trainFold,
  type CvSummary,
  type FoldRunnerHooks,
  type FoldTask,
  type FoldHooks,
  type FoldJob,
  type FoldResult,
} from './cross-validate';
export {
  MAX_FOLDS,
  type CvFoldEvent,
  type CvProgressEvent,
  type CvStartRequest,
  type CvStartResult,
  type CvState,
  type CvStateEvent,
} from './cv-app';
export {
  VIEW_SPLITS,
  evaluationView,
  type EvaluationRequest,
  type EvaluationView,
  type ViewSplit,
} from './view';
