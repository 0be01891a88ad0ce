/**
 * Predictions from a model file on a raw table: the model's own preprocessing encodes the
 * table (so a raw CSV gives the same answers as the app), the network runs with its output
 * transform, and regression values are un-standardized back into the target's units.
 */
import { count, csvField, encodeInputs, rowNumber, writtenText } from '../data';
import type { Table } from '../data/types';
import { targetUnits } from '../data/prepare/task';
import { FastMlp } from '../engine/fast';
import { ModelFileError } from '../errors';
import { float32Text } from './float-text';
import { modelNetwork } from './model-file';
import type { ModelFile } from './types';

export interface Predictions {
  n: number;
  /** n x k, row-major: class probabilities (k = classes) or values (k = 1). */
  outputs: Float32Array;
  /** Predicted class label per row (classifiers), null for regression. */
  labels: string[] | null;
  /** Row of the source table each prediction belongs to (ascending). */
  rowIndex: Int32Array;
  /**
   * Table rows that could not be predicted (a missing cell under the 'drop' policy), ascending.
   * They stay in the predictions CSV, with empty prediction cells.
   */
  skipped: Int32Array;
}

export function predictTable(model: ModelFile, table: Table): Predictions {
  // Inputs only: the target column (if the file has one) is shown in the output, never read.
  const encoded = encodeInputs(table, model.preprocessing);
  const { spec, params } = modelNetwork(model);
  const raw = new FastMlp(spec, params).predict(encoded.x, encoded.n, model.output);
  const n = encoded.n;
  const target = model.preprocessing.target;
  if (model.task === 'regression') {
    const outputs = targetUnits(raw.slice(0, n), target);
    checkFinite(outputs, 1, encoded.rowIndex, table);
    return {
      n,
      outputs,
      labels: null,
      rowIndex: encoded.rowIndex,
      skipped: encoded.skipped,
    };
  }
  const classes = target.classes ?? [];
  const outputs = raw.length === n * classes.length ? raw : binaryProbabilities(raw, n);
  const k = classes.length;
  checkFinite(outputs, k, encoded.rowIndex, table);
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (outputs[i * k + c] > outputs[i * k + best]) best = c;
    labels[i] = classes[best];
  }
  return {
    n,
    outputs,
    labels,
    rowIndex: encoded.rowIndex,
    skipped: encoded.skipped,
  };
}

/**
 * A NaN or infinite output is never written as a prediction (a NaN "probability" with a label
 * looks like an answer): it means the weights or the row's values are beyond what float32
 * arithmetic can carry, and the user has to hear which row.
 */
function checkFinite(outputs: Float32Array, k: number, rowIndex: Int32Array, table: Table): void {
  for (let i = 0; i < outputs.length; i++) {
    if (Number.isFinite(outputs[i])) continue;
    const row = rowIndex[Math.floor(i / k)];
    throw new ModelFileError(
      `cannot predict ${table.source} row ${rowNumber(table, row)}: the model's output is ${outputs[i]} (its weights or this row's values are too large for float32 arithmetic)`,
      { file: table.source, row: rowNumber(table, row) },
    );
  }
}

/** How many row numbers a note lists before "and N more". */
const LISTED_ROWS = 5;

/**
 * The note for rows that could not be predicted, or null: how many, why, and which (editor row
 * numbers, the first few), e.g. `1 row could not be predicted because of a missing value (the
 * model's policy is drop); its prediction cells are empty: row 6`.
 */
export function skippedRowsNote(model: ModelFile, table: Table, predictions: Predictions): string | null {
  const skipped = predictions.skipped;
  if (skipped.length === 0) return null;
  const one = skipped.length === 1;
  const listed = Array.from(skipped.subarray(0, LISTED_ROWS), (r) => rowNumber(table, r)).join(', ');
  const more = skipped.length > LISTED_ROWS ? ` and ${skipped.length - LISTED_ROWS} more` : '';
  return `${count(skipped.length, 'row')} could not be predicted because of ${one ? 'a missing value' : 'missing values'} (the model's policy is ${model.preprocessing.missing.policy}); ${one ? 'its' : 'their'} prediction cells are empty: ${one ? 'row' : 'rows'} ${listed}${more}`;
}

/** A one-output binary classifier gives p(class 1); the table shows both classes. */
function binaryProbabilities(p1: Float32Array, n: number): Float32Array {
  const both = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    both[2 * i] = 1 - p1[i];
    both[2 * i + 1] = p1[i];
  }
  return both;
}

/** Names of the columns predictionsCsv appends after the table's own columns. */
export function predictionColumns(model: ModelFile): string[] {
  const target = model.preprocessing.target;
  const classes = model.task === 'classification' ? (target.classes ?? []) : [];
  return [`predicted_${target.name}`, ...classes.map((c) => `p_${c}`)];
}

/**
 * The table's columns as read, then `predicted_<target>` (class label or value) and, for
 * classifiers, `p_<class>` per class. One line per table row, in order, so the output lines up
 * with the input; a row that could not be predicted has empty prediction cells.
 */
export function predictionsCsv(model: ModelFile, table: Table, predictions: Predictions): string {
  const columns = predictionColumns(model);
  const header = [...table.columns.map((c) => c.name), ...columns];
  const lines = [header.map(csvField).join(',')];
  const k = model.task === 'classification' ? (model.preprocessing.target.classes ?? []).length : 1;
  let i = 0;
  for (let row = 0; row < table.rowCount; row++) {
    // Input cells as written, missing-value markers included (`?` stays `?`).
    const cells = table.columns.map((c) => writtenText(c, row));
    if (i >= predictions.n || predictions.rowIndex[i] !== row) {
      for (let c = 0; c < columns.length; c++) cells.push('');
      lines.push(cells.map(csvField).join(','));
      continue;
    }
    if (predictions.labels) {
      cells.push(predictions.labels[i]);
      for (let c = 0; c < k; c++) cells.push(float32Text(predictions.outputs[i * k + c]));
    } else {
      cells.push(float32Text(predictions.outputs[i]));
    }
    lines.push(cells.map(csvField).join(','));
    i++;
  }
  return `${lines.join('\n')}\n`;
}
