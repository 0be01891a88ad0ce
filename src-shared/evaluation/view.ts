/**
 * What the app's Evaluation panel shows for the current model on the current data's training
 * or validation rows: the report, the per-class ROC/PR curves, each scored row's truth and
 * prediction (a clicked confusion-matrix cell highlights its rows), and optionally the
 * permutation importance. Computed in the backend (worker), sent as plain JSON.
 */
import type { Table } from '../data/types';
import { DatasetError } from '../errors';
import type { ModelFile } from '../model/types';
import { classCurves, predictedClasses, type ClassCurves } from './classification';
import { evaluateModel, type EvaluationReport } from './evaluate';
import { DEFAULT_IMPORTANCE_REPEATS, permutationImportance, type ImportanceEntry } from './importance';

export const VIEW_SPLITS = ['train', 'val'] as const;
export type ViewSplit = (typeof VIEW_SPLITS)[number];

export interface EvaluationRequest {
  split: ViewSplit;
  importance: boolean;
}

export interface EvaluationView {
  split: ViewSplit;
  report: EvaluationReport;
  /** Classification: one-vs-rest curves (binary: the positive class only); regression: null. */
  curves: ClassCurves[] | null;
  /** Per scored row: its index in the data table, the true class index / value, the prediction. */
  rows: number[];
  truth: number[];
  predicted: number[];
  importance: ImportanceEntry[] | null;
}

export function evaluationView(
  model: ModelFile,
  table: Table,
  rows: Int32Array | null,
  req: EvaluationRequest,
  seed: number,
): EvaluationView {
  if (!rows || rows.length === 0) {
    throw new DatasetError(
      req.split === 'val'
        ? 'no validation rows to evaluate on: set a validation fraction above 0, or switch to Train'
        : 'no training rows to evaluate on',
      { field: 'split' },
    );
  }
  const { report, scored } = evaluateModel(model, table, { split: req.split, rows });
  const classes = model.preprocessing.target.classes ?? [];
  const n = scored.truth.length;
  const classification = model.task === 'classification';
  const predicted = classification
    ? Array.from(predictedClasses(scored.outputs, n, classes.length))
    : Array.from(scored.outputs);
  return {
    split: req.split,
    report,
    curves: classification ? classCurves(scored.outputs, scored.truth, classes) : null,
    rows: Array.from(scored.sourceRows),
    truth: Array.from(scored.truth),
    predicted,
    importance: req.importance
      ? permutationImportance(model, scored, { repeats: DEFAULT_IMPORTANCE_REPEATS, seed })
      : null,
  };
}
