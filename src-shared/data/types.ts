/**
 * Data contract: a raw `Table` (from a built-in generator or a parsed CSV) goes through ONE
 * pipeline (`prepareDataset`) that infers types, picks the target, encodes, standardizes and
 * splits. The resulting `Preprocessing` is stored in the model file so `predict` on a raw CSV
 * gives the same answers as the app.
 */
import type { Rng } from '../engine/rng';
import type { InputFeature } from './prepare/input-features';

export type Task = 'classification' | 'regression';
export type ColumnKind = 'numeric' | 'categorical' | 'empty';
export type MissingPolicy = 'drop' | 'impute';

export const BUILTIN_DATASETS = [
  'xor',
  'xor-noisy',
  'circle',
  'gauss',
  'spiral',
  'spiral3',
  'moons',
  'regression-plane',
  'regression-sine',
] as const;
export type BuiltinKind = (typeof BUILTIN_DATASETS)[number];

export interface GeneratorOptions {
  /** Number of points (ignored by 'xor', which is always the seed's 4 points). */
  points: number;
  /** Noise level, 0..1 (generator specific scale). */
  noise: number;
  seed: number;
}

/** Raw column-oriented data before encoding. Missing numeric cells are NaN, missing strings ''. */
export interface TableColumn {
  name: string;
  kind: ColumnKind;
  /** Set for numeric columns (NaN = missing). */
  numbers?: Float64Array;
  /**
   * Cell text (trimmed) of categorical and empty columns. Numeric columns keep only `numbers`
   * (8 bytes a cell; a 50k x 20 file would otherwise hold a million strings): read any cell as
   * text with `cellText(column, row)` from ./table.
   */
  strings?: string[];
  /** Count of missing cells: blank ones, plus missing-value markers in a numeric column. */
  missing: number;
  /**
   * Numeric columns: the missing-value markers (`?`, `NA`, ...) read as missing cells, by
   * spelling as written, with their counts (see csv/infer.ts). Absent when there were none.
   */
  missingTokens?: MissingToken[];
  /**
   * With `missingTokens`: the rows of the marker cells (ascending) and, for each, the index of
   * its spelling in `missingTokens`, so output can show the cell as written (`writtenText` in
   * ./table). 5 bytes a marker cell, nothing per number.
   */
  markerRows?: Int32Array;
  markerSpellings?: Uint8Array;
}

export interface MissingToken {
  token: string;
  count: number;
}

export interface Table {
  /** File name or built-in data set name; used in error messages. */
  source: string;
  rowCount: number;
  columns: TableColumn[];
  /** 1-based line number in the file of each data row (for error messages), if from a file. */
  lineNumbers?: Int32Array;
}

export interface ColumnPreview {
  name: string;
  kind: ColumnKind;
  missing: number;
  /** Distinct values for categorical columns (at most 20 shown). */
  distinct?: number;
}

export interface TablePreview {
  source: string;
  rowCount: number;
  columns: ColumnPreview[];
  /** First rows as displayed text, rows x columns. */
  rows: string[][];
  /** Suggested target (the last column by default). */
  suggestedTarget: string;
}

export interface FeatureColumn {
  /** Raw column name in the source table. */
  name: string;
  kind: 'numeric' | 'categorical';
  /** Numeric: standardization statistics from the TRAINING split (mean 0 / std 1 = identity). */
  mean?: number;
  std?: number;
  /** Categorical: one-hot vocabulary in encoding order; an unseen category encodes as all zeros. */
  categories?: string[];
  /** Imputation value for missing cells (numeric raw value or category), when policy = impute. */
  fill?: number | string;
}

export interface TargetColumn {
  name: string;
  task: Task;
  /** Classification: class labels in index order (model output i = classes[i]). */
  classes?: string[];
  /** Regression: the model is trained on (y - mean) / std; predictions are un-standardized. */
  mean?: number;
  std?: number;
}

export interface Preprocessing {
  /** Raw input columns in the order they are read. */
  features: FeatureColumn[];
  /** Names of the model inputs after encoding, length = model input size (e.g. `color=red`, `x1²`). */
  encodedNames: string[];
  /**
   * Derived inputs of 2-input data (x1², sin(x1), ...), computed from the two encoded columns
   * after standardization; absent = the encoded columns themselves (every model before them).
   */
  inputFeatures?: InputFeature[];
  target: TargetColumn;
  missing: { policy: MissingPolicy; rowsDropped: number; cellsImputed: number };
}

/** Model-ready data: encoded and standardized, row-major. */
export interface Dataset {
  n: number;
  inputSize: number;
  /** Classification: number of classes; regression: 1. */
  outputSize: number;
  x: Float32Array;
  /** Classification: class index per row (length n); regression: standardized target (length n). */
  y: Float32Array;
  /** Index of each row in the source table (for predictions and error messages). */
  rowIndex: Int32Array;
}

export interface PrepareOptions {
  /** Target column name; default: the last column. */
  target?: string;
  /** Force the task; default inferred (categorical or integer with few distinct values -> classification). */
  task?: Task;
  /** Fraction of rows held out for validation (0 = none). Stratified for classification. */
  valFraction: number;
  seed: number;
  missing: MissingPolicy;
  /** Standardize numeric features (default true for CSV, false for built-in data sets). */
  standardize: boolean;
  /** Columns to leave out (e.g. an id column). */
  exclude?: string[];
  /**
   * Keep class ratios equal in train and validation (default true for classification). False
   * gives the plain seeded split (the benchmark anchors' W3 digits split when the seed's split
   * stream is mulberry32(42), 0.2).
   */
  stratify?: boolean;
  /**
   * Cross-validation: validate on fold `index` of `count` disjoint folds (seeded, stratified
   * like the split) instead of holding out `valFraction`.
   */
  fold?: { count: number; index: number };
}

/**
 * How the rows were split, stored in the model file so `evaluate --split val` can re-create
 * the validation rows, and refuse when the table is not the one trained on (`fingerprint`).
 */
export interface SplitRecord {
  valFraction: number;
  seed: number;
  stratified: boolean;
  fold?: { count: number; index: number };
  /** Usable rows (after dropping rows without a target / with missing cells). */
  rows: number;
  trainRows: number;
  valRows: number;
  /** FNV-1a hash of the table's column names and cells as written (see prepare/fingerprint.ts). */
  fingerprint: string;
}

export interface PreparedData {
  name: string;
  task: Task;
  train: Dataset;
  val: Dataset | null;
  preprocessing: Preprocessing;
  /** Human-readable notes: inferred task, dropped/imputed counts, ignored columns, warnings. */
  notes: string[];
  /**
   * The notes that deserve the user's attention before training (also in `notes`), e.g. a
   * validation fraction that leaves fewer than 10 training rows. Hosts show them prominently.
   */
  warnings?: string[];
  /** The split that made `train` and `val`. */
  split?: SplitRecord;
}

export type { Rng };
