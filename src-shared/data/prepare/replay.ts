/**
 * A saved Preprocessing applied to a new raw table: the model's inputs at predict time, and the
 * target too when training goes on with new data. Encoding is encode.ts's, as in training.
 */
import { isMissing, rowsWhere } from '../table';
import type { FeatureColumn, Preprocessing, Table } from '../types';
import { encodeRows, isRowComplete, planEncoding } from './encode';
import { applyInputFeatures } from './apply-input-features';
import { encodeTarget } from './task';

export interface EncodedInputs {
  /** n x inputs, row-major, for the rows the saved missing-value policy can encode. */
  x: Float32Array;
  n: number;
  /** The table row of each encoded row (ascending). */
  rowIndex: Int32Array;
  /** Table rows left out (a missing cell under the 'drop' policy), ascending. */
  skipped: Int32Array;
}

/**
 * Applies a saved Preprocessing to a raw table's INPUT columns (predict time). The target
 * column, if the table has one, is not read at all: a class the model never saw, text in a
 * regression target or an empty target cell changes nothing.
 */
export function encodeInputs(table: Table, pre: Preprocessing): EncodedInputs {
  const plan = planEncoding(table, pre.features);
  const canFill = pre.missing.policy === 'impute' && hasFills(pre.features);
  const keep = new Uint8Array(table.rowCount);
  let kept = 0;
  for (let r = 0; r < table.rowCount; r++) {
    if (canFill || isRowComplete(plan, r)) {
      keep[r] = 1;
      kept++;
    }
  }
  const rows = rowsWhere(table.rowCount, (r) => keep[r] === 1);
  const skipped = rowsWhere(table.rowCount, (r) => keep[r] === 0);
  const x = applyInputFeatures(encodeRows(table, plan, rows).x, kept, pre);
  return { x, n: kept, rowIndex: rows, skipped };
}

/**
 * encodeInputs plus the target (continuing training on new data): `y` holds class indices /
 * standardized values when the target column is present and complete, else null; a class the
 * model does not know is an error naming its cell.
 */
export function encodeTable(table: Table, pre: Preprocessing): EncodedInputs & { y: Float32Array | null } {
  const inputs = encodeInputs(table, pre);
  const rows = inputs.rowIndex;
  const target = table.columns.find((c) => c.name === pre.target.name);
  let y: Float32Array | null = null;
  if (target && target.kind !== 'empty' && rows.every((r) => !isMissing(target, r))) {
    y = encodeTarget(table, target, rows, pre.target);
  }
  return { ...inputs, y };
}

function hasFills(features: FeatureColumn[]): boolean {
  return features.every((f) => f.fill !== undefined);
}
