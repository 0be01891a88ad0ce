/**
 * Fitting the feature encoding on the TRAINING rows only (statistics from validation rows would
 * leak into the model): numeric mean/std and fill value, categorical vocabulary and fill value.
 */
import { count } from '../plural';
import { cellText } from '../table';
import type { FeatureColumn, MissingPolicy, TableColumn } from '../types';

/** More distinct text values than this (and more than half the rows) looks like an identifier. */
export const MAX_CATEGORIES = 100;
const MANY_CATEGORIES = 20;

export interface FitOptions {
  standardize: boolean;
  missing: MissingPolicy;
}

export type FitResult = { feature: FeatureColumn } | { ignored: string };

export function fitFeature(column: TableColumn, trainRows: Int32Array, opts: FitOptions): FitResult {
  return column.kind === 'numeric'
    ? fitNumeric(column, trainRows, opts)
    : fitCategorical(column, trainRows, opts);
}

function fitNumeric(column: TableColumn, rows: Int32Array, opts: FitOptions): FitResult {
  const values = column.numbers!;
  let count = 0;
  let sum = 0;
  for (const r of rows) {
    const v = values[r];
    if (!Number.isNaN(v)) {
      count++;
      sum += v;
    }
  }
  if (count === 0) return { ignored: `column "${column.name}": it has no values in the training rows` };
  const mean = sum / count;
  let squares = 0;
  for (const r of rows) {
    const v = values[r];
    if (!Number.isNaN(v)) squares += (v - mean) * (v - mean);
  }
  // Population std, as scikit-learn's StandardScaler; a constant column keeps std 1 (no 0/0).
  const std = Math.sqrt(squares / count);
  const feature: FeatureColumn = {
    name: column.name,
    kind: 'numeric',
    mean: opts.standardize ? mean : 0,
    std: opts.standardize && std > 0 && Number.isFinite(std) ? std : 1,
  };
  if (opts.missing === 'impute') feature.fill = mean;
  return { feature };
}

/**
 * A reason to leave a text column out, or null: one-hot encoding hundreds of names or ids gives
 * the network an input per row to memorize, never a feature. Decided on all usable rows, before
 * the split, because it chooses columns (and so which rows miss a value), not statistics.
 */
export function identifierReason(column: TableColumn, rows: Int32Array): string | null {
  if (column.kind !== 'categorical') return null;
  const seen = new Set<string>();
  for (const r of rows) {
    const text = cellText(column, r);
    if (text !== '') seen.add(text);
  }
  if (seen.size > MAX_CATEGORIES || (seen.size > MANY_CATEGORIES && seen.size > rows.length / 2)) {
    return `ignored column "${column.name}": its ${count(seen.size, 'distinct text value')} in ${count(rows.length, 'row')} look like an identifier or free text`;
  }
  return null;
}

function fitCategorical(column: TableColumn, rows: Int32Array, opts: FitOptions): FitResult {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const text = cellText(column, r);
    if (text !== '') counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  if (counts.size === 0) return { ignored: `column "${column.name}": it has no values in the training rows` };
  const categories = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const feature: FeatureColumn = { name: column.name, kind: 'categorical', categories };
  if (opts.missing === 'impute') {
    let best = categories[0];
    for (const c of categories) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
    feature.fill = best;
  }
  return { feature };
}
