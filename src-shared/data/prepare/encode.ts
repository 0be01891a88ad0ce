/**
 * Raw table rows -> model inputs, given fitted FeatureColumns. Training (prepareDataset) and
 * prediction (encodeTable) both go through here, so a saved model sees its inputs encoded
 * exactly as during training: numeric (v - mean) / std, categorical one-hot in vocabulary
 * order (an unseen category is all zeros), missing cells filled with `fill` or the row dropped.
 */
import { CsvError, DatasetError } from '../../errors';
import { isMissingToken } from '../csv/infer';
import { describeProblem, numberProblem, parseStrictNumber } from '../csv/numbers';
import { cellText, cellWhere, columnList, rowNumber } from '../table';
import type { FeatureColumn, Table, TableColumn } from '../types';

export interface FeaturePlan {
  feature: FeatureColumn;
  /** Numeric features: the column's values (NaN = missing). */
  values: Float64Array | null;
  /** Categorical features: the column's cell text per row ('' = missing). */
  texts: ((row: number) => string) | null;
  categoryIndex: Map<string, number> | null;
  offset: number;
  width: number;
}

export interface EncodingPlan {
  plans: FeaturePlan[];
  inputSize: number;
}

export function encodedNames(features: FeatureColumn[]): string[] {
  const names: string[] = [];
  for (const f of features) {
    if (f.kind === 'numeric') names.push(f.name);
    else for (const category of f.categories ?? []) names.push(`${f.name}=${category}`);
  }
  return names;
}

/** Matches features to the table's columns BY NAME (extra columns are ignored). */
export function planEncoding(table: Table, features: FeatureColumn[]): EncodingPlan {
  const plans: FeaturePlan[] = [];
  let offset = 0;
  for (const feature of features) {
    const column = table.columns.find((c) => c.name === feature.name);
    if (!column) {
      const needed = features.map((f) => `"${f.name}"`).join(', ');
      throw new DatasetError(
        `${table.source} has no column "${feature.name}", which the model needs (model inputs: ${needed}; file columns: ${columnList(table)})`,
        { file: table.source, column: feature.name },
      );
    }
    if (feature.kind === 'numeric') {
      plans.push({
        feature,
        values: numericValues(table, column),
        texts: null,
        categoryIndex: null,
        offset,
        width: 1,
      });
      offset += 1;
    } else {
      const categories = feature.categories ?? [];
      const categoryIndex = new Map(categories.map((c, i) => [c, i]));
      const texts = (row: number): string => cellText(column, row);
      plans.push({ feature, values: null, texts, categoryIndex, offset, width: categories.length });
      offset += categories.length;
    }
  }
  return { plans, inputSize: offset };
}

/** A column read as numbers; text that is not a number is an error naming the cell. */
function numericValues(table: Table, column: TableColumn): Float64Array {
  if (column.kind === 'numeric' && column.numbers) return column.numbers;
  const values = new Float64Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const text = cellText(column, r);
    // A missing-value marker ("?", "NA", ...) is missing here too: a file with only a few rows
    // may have no number at all in a column the model reads as numbers.
    if (text === '' || isMissingToken(text)) {
      values[r] = NaN;
      continue;
    }
    const value = parseStrictNumber(text, false);
    if (Number.isNaN(value)) {
      throw new CsvError(
        `${cellWhere(table, r, column.name)}: ${describeProblem(text, numberProblem(text, false))} (the model was trained on numbers in this column)`,
        { file: table.source, row: rowNumber(table, r), column: column.name },
      );
    }
    values[r] = value;
  }
  return values;
}

export function isRowComplete(plan: EncodingPlan, row: number): boolean {
  for (const p of plan.plans) {
    if (p.values ? Number.isNaN(p.values[row]) : p.texts!(row) === '') return false;
  }
  return true;
}

/**
 * Encodes `rows` row-major into a new Float32Array. Missing cells take the feature's `fill`;
 * returns how many cells were filled. Callers drop incomplete rows first when there is no fill.
 */
export function encodeRows(
  table: Table,
  plan: EncodingPlan,
  rows: Int32Array,
): { x: Float32Array; imputed: number } {
  const d = plan.inputSize;
  const x = new Float32Array(rows.length * d);
  let imputed = 0;
  for (const p of plan.plans) {
    const f = p.feature;
    if (p.values) {
      const mean = f.mean ?? 0;
      const std = f.std ?? 1;
      const fill = typeof f.fill === 'number' ? f.fill : NaN;
      for (let i = 0; i < rows.length; i++) {
        let v = p.values[rows[i]];
        if (Number.isNaN(v)) {
          if (Number.isNaN(fill)) throw missingCell(table, rows[i], f.name);
          v = fill;
          imputed++;
        }
        x[i * d + p.offset] = (v - mean) / std;
      }
    } else {
      const index = p.categoryIndex!;
      const fill = typeof f.fill === 'string' ? f.fill : '';
      for (let i = 0; i < rows.length; i++) {
        let text = p.texts!(rows[i]);
        if (text === '') {
          if (fill === '') throw missingCell(table, rows[i], f.name);
          text = fill;
          imputed++;
        }
        const k = index.get(text);
        if (k !== undefined) x[i * d + p.offset + k] = 1;
      }
    }
  }
  return { x, imputed };
}

function missingCell(table: Table, row: number, column: string): DatasetError {
  return new DatasetError(`${cellWhere(table, row, column)} is empty and there is no value to fill it with`, {
    file: table.source,
    row: rowNumber(table, row),
    column,
  });
}
