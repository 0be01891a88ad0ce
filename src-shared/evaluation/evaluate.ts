/**
 * Scoring a saved model on a table: choose the rows (all, or the training / validation rows of
 * the split the model was trained with, re-created from the seed and fraction in the model
 * file), predict them with the model's own preprocessing, read the true target, and compute the
 * report (classification or regression, equal to scikit-learn on the same predictions).
 */
import { count, prepareDataset } from '../data';
import { tableFingerprint } from '../data/prepare/fingerprint';
import { classIndices } from '../data/prepare/task';
import { planEncoding } from '../data/prepare/encode';
import { columnList, isMissing } from '../data/table';
import type { Table, TableColumn } from '../data/types';
import { DatasetError, ModelFileError } from '../errors';
import { predictTable } from '../model/predict';
import type { ModelFile } from '../model/types';
import { classificationReport, type ClassificationReport } from './classification';
import { regressionReport, type RegressionReport } from './regression';
import { selectRows } from './select-rows';

export const EVALUATION_SPLITS = ['all', 'train', 'val'] as const;
export type EvaluationSplit = (typeof EVALUATION_SPLITS)[number];

export interface EvaluateOptions {
  split: EvaluationSplit;
  /** The table column holding the truth (default: the model's target name). */
  target?: string;
  /** How the model is named in messages (its file path in the CLI). */
  modelName?: string;
  /** The table rows to score, instead of re-creating `split` (the app knows its split). */
  rows?: Int32Array;
}

/** What was scored, kept for importance and for the app's plots (curves, highlighted rows). */
export interface ScoredRows {
  /** The evaluated rows only (a copy of the table restricted to them, row numbers kept). */
  table: Table;
  /** Rows of the ORIGINAL table, ascending, one per evaluated row. */
  sourceRows: Int32Array;
  /** n x k class probabilities, or n predicted values in the target's units. */
  outputs: Float32Array;
  /** Class index (classification) or value (regression) of the truth, per row. */
  truth: Float64Array;
}

export type EvaluationReport = (ClassificationReport | RegressionReport) & { split: EvaluationSplit };

export function evaluateModel(
  model: ModelFile,
  table: Table,
  opts: EvaluateOptions,
): { report: EvaluationReport; scored: ScoredRows } {
  const modelName = opts.modelName ?? model.name;
  const notes: string[] = [];
  const targetName = opts.target ?? model.preprocessing.target.name;
  // The input columns first, with predict's message (it names the missing column).
  planEncoding(table, model.preprocessing.features);
  const target = table.columns.find((c) => c.name === targetName);
  if (!target || target.kind === 'empty') {
    throw new DatasetError(
      `${table.source} has no ${target ? 'values in the ' : ''}target column "${targetName}" to evaluate ${modelName} against (columns: ${columnList(table)}); name it with --target`,
      { file: table.source, column: targetName },
    );
  }
  let rows = opts.rows ?? splitRows(model, table, opts.split, modelName);
  const withTarget = rows.filter((r) => !isMissing(target, r));
  if (withTarget.length < rows.length)
    notes.push(`skipped ${count(rows.length - withTarget.length, 'row')} with no value in "${targetName}"`);
  rows = withTarget;

  const subset = selectRows(table, rows);
  const predictions = predictTable(model, subset);
  if (predictions.skipped.length > 0) {
    notes.push(
      `skipped ${count(predictions.skipped.length, 'row')} with a missing input (the model's missing-value policy is ${model.preprocessing.missing.policy})`,
    );
  }
  if (predictions.n === 0) {
    throw new DatasetError(
      `${table.source}: no row to evaluate ${modelName} on${notes.length ? ` (${notes.join('; ')})` : ''}`,
      {
        file: table.source,
      },
    );
  }
  const predicted = predictions.rowIndex;
  const scoredTable = predicted.length === subset.rowCount ? subset : selectRows(subset, predicted);
  const scoredTarget = scoredTable.columns.find((c) => c.name === targetName)!;
  const truth = readTruth(model, scoredTable, scoredTarget);
  const sourceRows = Int32Array.from(predicted, (i) => rows[i]);
  const scored: ScoredRows = { table: scoredTable, sourceRows, outputs: predictions.outputs, truth };
  const report = scoreOutputs(model, predictions.outputs, truth);
  report.notes.unshift(...notes);
  return { report: { ...report, split: opts.split }, scored };
}

/** The report for outputs (probabilities or values) against the truth. */
export function scoreOutputs(
  model: ModelFile,
  outputs: Float32Array,
  truth: Float64Array,
): ClassificationReport | RegressionReport {
  if (model.task === 'classification') {
    return classificationReport(outputs, truth, model.preprocessing.target.classes ?? []);
  }
  return regressionReport(outputs, truth);
}

/** Class indices (in the model's class order) or numbers of the target column. */
function readTruth(model: ModelFile, table: Table, target: TableColumn): Float64Array {
  const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  if (model.task === 'classification') {
    return Float64Array.from(classIndices(table, target, all, model.preprocessing.target.classes ?? []));
  }
  if (target.kind !== 'numeric' || !target.numbers) {
    throw new DatasetError(
      `${table.source}: target column "${target.name}" is not numeric, but the model predicts numbers`,
      { file: table.source, column: target.name },
    );
  }
  return Float64Array.from(target.numbers);
}

/** The table rows of a split, ascending; `all` is every row. */
export function splitRows(
  model: ModelFile,
  table: Table,
  split: EvaluationSplit,
  modelName: string,
): Int32Array {
  const all = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  if (split === 'all') return all;
  const record = model.training?.split;
  if (!record) {
    throw new ModelFileError(
      `${modelName} does not record how its rows were split (saved by an older version): use --split all`,
      { file: modelName, field: 'training.split' },
    );
  }
  if (tableFingerprint(table) !== record.fingerprint) {
    throw new DatasetError(
      `--split ${split}: ${table.source} is not the table ${modelName} was trained on (its content differs); use the same file (for a built-in set the same --points, --noise and --seed), or --split all`,
      { file: table.source, field: 'split' },
    );
  }
  if (split === 'val' && record.valRows === 0) {
    throw new DatasetError(`--split val: ${modelName} was trained without validation rows: use --split all`, {
      file: modelName,
      field: 'split',
    });
  }
  const prepared = prepareDataset(table, {
    target: model.preprocessing.target.name,
    task: model.task,
    valFraction: record.valFraction,
    seed: record.seed,
    missing: model.preprocessing.missing.policy,
    standardize: true,
    stratify: record.stratified,
    ...(record.fold ? { fold: record.fold } : {}),
  });
  const part = split === 'train' ? prepared.train : prepared.val;
  const rows = part ? Int32Array.from(part.rowIndex).sort() : new Int32Array(0);
  const expected = split === 'train' ? record.trainRows : record.valRows;
  if (rows.length !== expected) {
    throw new DatasetError(
      `--split ${split}: re-created ${count(rows.length, 'row')} but ${modelName} was trained with ${expected}: the data is not the same table`,
      { file: table.source, field: 'split' },
    );
  }
  return rows;
}
