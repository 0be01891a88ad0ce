/**
 * Predictions from a model file on a raw table: the model's own preprocessing encodes the
 * table (so a raw CSV gives the same answers as the app), the network runs with its output
 * transform, and regression values are un-standardized back into the target's units.
 */
import { cellText, encodeInputs } from '../data';
import type { Table } from '../data/types';
import { Mlp } from '../engine/fast';
import { float32Text } from './float-text';
import { modelNetwork } from './model-file';
import type { ModelFile } from './types';

export interface Predictions {
  n: number;
  /** n x k, row-major: class probabilities (k = classes) or values (k = 1). */
  outputs: Float32Array;
  /** Predicted class label per row (classifiers), null for regression. */
  labels: string[] | null;
  /** Row of the source table each prediction belongs to. */
  rowIndex: Int32Array;
  /** Rows the preprocessing could not use (missing cells under the 'drop' policy). */
  dropped: number;
}

export function predictTable(model: ModelFile, table: Table): Predictions {
  // Inputs only: the target column (if the file has one) is shown in the output, never read.
  const encoded = encodeInputs(table, model.preprocessing);
  const { spec, params } = modelNetwork(model);
  const raw = new Mlp(spec, params).predict(encoded.x, encoded.n, model.output);
  const n = encoded.n;
  const target = model.preprocessing.target;
  if (model.task === 'regression') {
    const std = target.std ?? 1;
    const mean = target.mean ?? 0;
    const outputs = new Float32Array(n);
    for (let i = 0; i < n; i++) outputs[i] = raw[i] * std + mean;
    return { n, outputs, labels: null, rowIndex: encoded.rowIndex, dropped: encoded.dropped };
  }
  const classes = target.classes ?? [];
  const outputs = raw.length === n * classes.length ? raw : binaryProbabilities(raw, n);
  const k = classes.length;
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (outputs[i * k + c] > outputs[i * k + best]) best = c;
    labels[i] = classes[best];
  }
  return { n, outputs, labels, rowIndex: encoded.rowIndex, dropped: encoded.dropped };
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

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Names of the columns predictionsCsv appends after the table's own columns. */
export function predictionColumns(model: ModelFile): string[] {
  const target = model.preprocessing.target;
  const classes = model.task === 'classification' ? (target.classes ?? []) : [];
  return [`predicted_${target.name}`, ...classes.map((c) => `p_${c}`)];
}

/**
 * The table's columns as read, then `predicted_<target>` (class label or value) and, for
 * classifiers, `p_<class>` per class. One line per predicted row (dropped rows are left out).
 */
export function predictionsCsv(model: ModelFile, table: Table, predictions: Predictions): string {
  const header = [...table.columns.map((c) => c.name), ...predictionColumns(model)];
  const lines = [header.map(csvField).join(',')];
  const k = model.task === 'classification' ? (model.preprocessing.target.classes ?? []).length : 1;
  for (let i = 0; i < predictions.n; i++) {
    const row = predictions.rowIndex[i];
    const cells = table.columns.map((c) => cellText(c, row));
    if (predictions.labels) {
      cells.push(predictions.labels[i]);
      for (let c = 0; c < k; c++) cells.push(float32Text(predictions.outputs[i * k + c]));
    } else {
      cells.push(float32Text(predictions.outputs[i]));
    }
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
