/**
 * Target column and task. Inference rule (also written into PreparedData.notes):
 * - a categorical target -> classification;
 * - a numeric target whose values are all integers, with at most half as many distinct values
 *   as rows, and at most 10 distinct values (or at most 20 when that is <= 5% of the rows)
 *   -> classification (0/1 flags, digit labels, star ratings);
 * - any other numeric target -> regression.
 * `PrepareOptions.task` overrides the guess.
 */
import { DatasetError } from '../../errors';
import { count } from '../plural';
import { cellText, cellWhere, columnList, numberLabel, rowNumber } from '../table';
import type { Table, TableColumn, TargetColumn, Task } from '../types';

export const FEW_CLASSES = 10;
export const MAX_INTEGER_CLASSES = 20;
export const INTEGER_CLASS_SHARE = 0.05;
export const MAX_CLASSES = 1000;

export interface TaskChoice {
  task: Task;
  reason: string;
}

export function resolveTargetColumn(table: Table, name: string): TableColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    throw new DatasetError(
      `${table.source} has no column "${name}" to predict (columns: ${columnList(table)})`,
      {
        file: table.source,
        column: name,
      },
    );
  }
  if (column.kind === 'empty') {
    throw new DatasetError(`${table.source}: target column "${name}" is empty; choose a column with values`, {
      file: table.source,
      column: name,
    });
  }
  return column;
}

/** Distinct values of an all-integer numeric column, or null when a value is not an integer. */
function integerLevels(column: TableColumn, rows: Int32Array): Set<number> | null {
  const values = column.numbers;
  if (!values) return null;
  const seen = new Set<number>();
  for (const r of rows) {
    const v = values[r];
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > MAX_INTEGER_CLASSES) return null;
  }
  return seen;
}

export function chooseTask(table: Table, target: TableColumn, rows: Int32Array, forced?: Task): TaskChoice {
  if (forced === 'regression' && target.kind !== 'numeric') {
    throw new DatasetError(
      `${table.source}: target column "${target.name}" holds text (categorical), so it cannot be a regression target; use classification`,
      { file: table.source, column: target.name },
    );
  }
  if (forced) return { task: forced, reason: 'chosen in the settings' };
  if (target.kind === 'categorical') {
    return { task: 'classification', reason: `target "${target.name}" holds category names` };
  }
  const levels = integerLevels(target, rows);
  const n = rows.length;
  if (levels && levels.size <= n / 2) {
    const k = levels.size;
    if (k <= FEW_CLASSES || (k <= MAX_INTEGER_CLASSES && k <= INTEGER_CLASS_SHARE * n)) {
      return {
        task: 'classification',
        reason: `target "${target.name}" has ${count(k, 'distinct integer value')}`,
      };
    }
  }
  return { task: 'regression', reason: `target "${target.name}" is numeric with many distinct values` };
}

/** The class name of a target cell: the text, or the canonical number for numeric columns. */
export function classKey(column: TableColumn, row: number): string {
  if (column.kind === 'numeric' && column.numbers) {
    const v = column.numbers[row];
    return Number.isNaN(v) ? '' : numberLabel(v);
  }
  return cellText(column, row);
}

/** Class names in output order: numeric order for numeric targets, code-point order for text. */
export function collectClasses(table: Table, target: TableColumn, rows: Int32Array): string[] {
  const seen = new Set<string>();
  for (const r of rows) seen.add(classKey(target, r));
  seen.delete('');
  const classes = [...seen];
  if (target.kind === 'numeric') classes.sort((a, b) => Number(a) - Number(b));
  else classes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2) {
    const only = classes.length === 1 ? ` ("${classes[0]}")` : '';
    throw new DatasetError(
      `${table.source}: target column "${target.name}" has only one class${only}; a classifier needs at least 2 classes`,
      { file: table.source, column: target.name },
    );
  }
  if (classes.length > MAX_CLASSES) {
    const hint = target.kind === 'numeric' ? '; train it as regression instead' : '; is it an identifier?';
    throw new DatasetError(
      `${table.source}: target column "${target.name}" has ${count(classes.length, 'class', 'classes')} (at most ${MAX_CLASSES})${hint}`,
      { file: table.source, column: target.name },
    );
  }
  return classes;
}

/** Class index per row (for `rows`); a label outside `classes` is an error naming its cell. */
export function classIndices(
  table: Table,
  target: TableColumn,
  rows: Int32Array,
  classes: string[],
): Float32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const key = classKey(target, rows[i]);
    const k = index.get(key);
    if (k === undefined) {
      throw new DatasetError(
        `${cellWhere(table, rows[i], target.name)}: class "${key}" was not in the training data (classes: ${classes.join(', ')})`,
        { file: table.source, row: rowNumber(table, rows[i]), column: target.name },
      );
    }
    y[i] = k;
  }
  return y;
}

/** The target of `rows` as the model reads it: class indices, or values standardized as in training. */
export function encodeTarget(
  table: Table,
  target: Table['columns'][number],
  rows: Int32Array,
  spec: TargetColumn,
): Float32Array {
  if (spec.task === 'classification') return classIndices(table, target, rows, spec.classes ?? []);
  const values = target.numbers;
  if (!values) {
    throw new DatasetError(`${table.source}: target column "${target.name}" is not numeric`, {
      file: table.source,
      column: target.name,
    });
  }
  const mean = spec.mean ?? 0;
  const std = spec.std ?? 1;
  return Float32Array.from(rows, (r) => (values[r] - mean) / std);
}

/** The inverse of encodeTarget for a regression target: standardized outputs back to the target's units, in place. */
export function targetUnits(outputs: Float32Array, spec: TargetColumn): Float32Array {
  const mean = spec.mean ?? 0;
  const std = spec.std ?? 1;
  for (let i = 0; i < outputs.length; i++) outputs[i] = outputs[i] * std + mean;
  return outputs;
}
