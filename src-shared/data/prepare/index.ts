/**
 * The one pipeline from a raw Table to model-ready data: choose target and task, drop or impute
 * missing cells, split train/validation (seeded, stratified for classes), fit the encoding on
 * the training rows, encode both parts. replay.ts applies the saved Preprocessing to new tables.
 */
import { DatasetError } from '../../errors';
import { columnList, defaultTarget, isMissing, rowsWhere } from '../table';
import type {
  Dataset,
  FeatureColumn,
  PrepareOptions,
  PreparedData,
  Preprocessing,
  Table,
  TableColumn,
  TargetColumn,
} from '../types';
import { encodeRows, encodedNames, isRowComplete, planEncoding } from './encode';
import { fitFeature, identifierReason } from './features';
import { MIN_ROWS_FOR_VALIDATION, MIN_TRAINING_ROWS, foldSplit, splitRows } from './split';
import { tableFingerprint } from './fingerprint';
import { chooseTask, classIndices, collectClasses, encodeTarget, resolveTargetColumn } from './task';
import { count, noun } from '../plural';

export function prepareDataset(table: Table, opts: PrepareOptions): PreparedData {
  checkOptions(table, opts);
  const notes: string[] = [];
  const excluded = checkExcluded(table, opts.exclude ?? []);
  const targetName = opts.target ?? defaultTarget(table);
  if (excluded.has(targetName)) {
    throw new DatasetError(
      `${table.source}: column "${targetName}" is the target, so it cannot also be left out`,
      {
        file: table.source,
        column: targetName,
      },
    );
  }
  const target = resolveTargetColumn(table, targetName);
  if (table.rowCount < 2) {
    throw new DatasetError(
      `${table.source} has only ${count(table.rowCount, 'data row')}; at least 2 are needed to train`,
      {
        file: table.source,
      },
    );
  }

  // Rows without a target value teach nothing, whatever the missing-value policy.
  let rows = rowsWhere(table.rowCount, (r) => !isMissing(target, r));
  const noTarget = table.rowCount - rows.length;
  if (noTarget > 0) notes.push(`dropped ${count(noTarget, 'row')} with no value in target "${target.name}"`);

  const used = chooseInputColumns(table, target, excluded, rows, notes);
  for (const column of [...used, target]) {
    const note = missingTokensNote(column);
    if (note) notes.push(note);
  }
  let rowsDropped = noTarget;
  if (opts.missing === 'drop') {
    const complete = completeRows(table, used, rows);
    const dropped = rows.length - complete.length;
    rows = complete;
    rowsDropped += dropped;
    if (dropped > 0)
      notes.push(`dropped ${count(dropped, 'row')} with a missing cell (missing values: drop rows)`);
  }
  if (rows.length < 2) {
    throw new DatasetError(
      `${table.source}: only ${count(rows.length, 'usable row')} after removing rows with missing values; at least 2 are needed`,
      { file: table.source },
    );
  }

  const choice = chooseTask(table, target, rows, opts.task);
  notes.unshift(`task: ${choice.task} (${choice.reason})`);
  const targetColumn: TargetColumn = { name: target.name, task: choice.task };
  let classOfRow: Float32Array | null = null;
  if (choice.task === 'classification') {
    targetColumn.classes = collectClasses(table, target, rows);
    classOfRow = classIndices(table, target, rows, targetColumn.classes);
  } else if (target.kind !== 'numeric' || !target.numbers) {
    throw new DatasetError(`${table.source}: target column "${target.name}" is not numeric`, {
      file: table.source,
      column: target.name,
    });
  }

  const stratify = choice.task === 'classification' && opts.stratify !== false;
  const split = opts.fold
    ? foldSplit(rows, checkFold(table, opts.fold, rows.length), opts.seed, stratify ? classOfRow : null)
    : splitRows(rows, opts.valFraction, opts.seed, stratify ? classOfRow : null);
  const warnings = opts.fold
    ? []
    : checkTrainingRows(table, split.train.length, split.val.length, opts.valFraction);

  const features: FeatureColumn[] = [];
  for (const column of used) {
    const fit = fitFeature(column, split.train, { standardize: opts.standardize, missing: opts.missing });
    if ('ignored' in fit) notes.push(`ignored ${fit.ignored}`);
    else features.push(fit.feature);
  }
  if (features.length === 0) {
    throw new DatasetError(`${table.source}: no input column has values in the training rows`, {
      file: table.source,
    });
  }

  if (choice.task === 'regression') {
    const stats = targetStats(target.numbers!, split.train);
    targetColumn.mean = opts.standardize ? stats.mean : 0;
    targetColumn.std = opts.standardize ? stats.std : 1;
  }

  const plan = planEncoding(table, features);
  const outputSize = targetColumn.classes ? targetColumn.classes.length : 1;
  const train = buildDataset(table, plan, split.train, targetColumn, outputSize);
  const val = split.val.length > 0 ? buildDataset(table, plan, split.val, targetColumn, outputSize) : null;
  const cellsImputed = train.imputed + (val ? val.imputed : 0);
  if (cellsImputed > 0) {
    notes.push(
      `filled ${count(cellsImputed, 'missing cell')} (numeric: training mean, categorical: most frequent training value)`,
    );
  }

  const preprocessing: Preprocessing = {
    features,
    encodedNames: encodedNames(features),
    target: targetColumn,
    missing: { policy: opts.missing, rowsDropped, cellsImputed },
  };
  notes.push(describeInputs(features, plan.inputSize, opts.standardize));
  notes.push(describeSplit(train.data.n, val ? val.data.n : 0, stratify, opts));
  if (targetColumn.classes) notes.push(`classes: ${targetColumn.classes.join(', ')}`);
  return {
    name: table.source,
    task: choice.task,
    train: train.data,
    val: val ? val.data : null,
    preprocessing,
    split: {
      valFraction: opts.valFraction,
      seed: opts.seed,
      stratified: stratify,
      ...(opts.fold ? { fold: { ...opts.fold } } : {}),
      rows: rows.length,
      trainRows: train.data.n,
      valRows: val ? val.data.n : 0,
      fingerprint: tableFingerprint(table),
    },
    notes: [...notes, ...warnings],
    warnings,
  };
}

/**
 * A validation fraction that leaves the model almost nothing to learn from is nearly always a
 * slip (0.99 for 0.09): under 2 training rows there is nothing to fit, so it is an error; under
 * MIN_TRAINING_ROWS it still runs (tiny experiments are legitimate) but says so.
 */
function checkTrainingRows(table: Table, nTrain: number, nVal: number, valFraction: number): string[] {
  if (nVal === 0 || nTrain >= MIN_TRAINING_ROWS) return [];
  const what = `validation fraction ${valFraction} leaves ${count(nTrain, 'training row')} (${nVal} of ${nTrain + nVal} held out for validation)`;
  if (nTrain < 2) {
    throw new DatasetError(`${what}; at least 2 are needed to train: hold out less`, {
      file: table.source,
      field: 'valFraction',
    });
  }
  return [`${what}: too few to learn from, hold out less`];
}

/** `column "age": read 3 "?" cells as missing values (...)`, or null when the column had no markers. */
function missingTokensNote(column: TableColumn): string | null {
  const tokens = column.missingTokens ?? [];
  if (tokens.length === 0) return null;
  const parts = tokens.map((t) => `${t.count} "${t.token}" ${noun(t.count, 'cell')}`);
  const listed =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `column "${column.name}": read ${listed} as missing values (the other cells are numbers)`;
}

function checkExcluded(table: Table, names: string[]): Set<string> {
  for (const name of names) {
    if (!table.columns.some((c) => c.name === name)) {
      throw new DatasetError(
        `${table.source} has no column "${name}" to leave out (columns: ${columnList(table)})`,
        {
          file: table.source,
          column: name,
        },
      );
    }
  }
  return new Set(names);
}

/** Every column but the target and the excluded ones, minus empty and identifier-like columns (noted). */
function chooseInputColumns(
  table: Table,
  target: TableColumn,
  excluded: Set<string>,
  rows: Int32Array,
  notes: string[],
): TableColumn[] {
  const used = table.columns.filter((c) => {
    if (c === target || excluded.has(c.name)) return false;
    if (c.kind === 'empty') {
      notes.push(`ignored column "${c.name}": it is empty`);
      return false;
    }
    const reason = identifierReason(c, rows);
    if (reason) notes.push(reason);
    return reason === null;
  });
  if (excluded.size > 0) notes.push(`left out by you: ${[...excluded].map((n) => `"${n}"`).join(', ')}`);
  if (used.length === 0) {
    throw new DatasetError(`${table.source}: no input columns left besides the target "${target.name}"`, {
      file: table.source,
    });
  }
  return used;
}

/** The rows with a value in every input column (what the "drop" policy keeps). */
function completeRows(table: Table, columns: TableColumn[], rows: Int32Array): Int32Array {
  const shapes: FeatureColumn[] = columns.map((c) => ({
    name: c.name,
    kind: c.kind === 'numeric' ? 'numeric' : 'categorical',
    categories: [],
  }));
  const plan = planEncoding(table, shapes);
  return rows.filter((r) => isRowComplete(plan, r));
}

function buildDataset(
  table: Table,
  plan: ReturnType<typeof planEncoding>,
  rows: Int32Array,
  target: TargetColumn,
  outputSize: number,
): { data: Dataset; imputed: number } {
  const { x, imputed } = encodeRows(table, plan, rows);
  const column = table.columns.find((c) => c.name === target.name)!;
  const y = encodeTarget(table, column, rows, target);
  return { data: { n: rows.length, inputSize: plan.inputSize, outputSize, x, y, rowIndex: rows }, imputed };
}

function targetStats(values: Float64Array, rows: Int32Array): { mean: number; std: number } {
  let sum = 0;
  for (const r of rows) sum += values[r];
  const mean = sum / rows.length;
  let squares = 0;
  for (const r of rows) squares += (values[r] - mean) * (values[r] - mean);
  const std = Math.sqrt(squares / rows.length);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function checkOptions(table: Table, opts: PrepareOptions): void {
  const f = opts.valFraction;
  if (typeof f !== 'number' || !Number.isFinite(f) || f < 0 || f >= 1) {
    throw new DatasetError(`validation fraction must be a number from 0 to below 1 (got ${f})`, {
      field: 'valFraction',
    });
  }
  if (!Number.isSafeInteger(opts.seed)) {
    throw new DatasetError(`seed must be an integer (got ${opts.seed})`, { field: 'seed' });
  }
  if (opts.missing !== 'drop' && opts.missing !== 'impute') {
    throw new DatasetError(`missing-value policy must be "drop" or "impute" (got ${String(opts.missing)})`, {
      field: 'missing',
    });
  }
  if (table.columns.length < 2) {
    throw new DatasetError(
      `${table.source} has ${count(table.columns.length, 'column')}; at least 2 are needed (inputs and a target)`,
      { file: table.source },
    );
  }
}

function describeInputs(features: FeatureColumn[], inputSize: number, standardize: boolean): string {
  const numeric = features.filter((f) => f.kind === 'numeric').length;
  const categorical = features.length - numeric;
  const parts = [
    `${numeric} numeric${numeric > 0 ? (standardize ? ' (standardized with training statistics)' : ' (raw values)') : ''}`,
  ];
  if (categorical > 0) parts.push(`${categorical} categorical (one-hot)`);
  return `inputs: ${parts.join(', ')} -> ${count(inputSize, 'model input')}`;
}

/** A fold of K: 2 <= K <= usable rows, 0 <= index < K. */
function checkFold(
  table: Table,
  fold: { count: number; index: number },
  rows: number,
): { count: number; index: number } {
  const { count: k, index } = fold;
  if (!Number.isInteger(k) || k < 2) {
    throw new DatasetError(`folds must be a whole number of at least 2 (got ${k})`, { field: 'folds' });
  }
  if (k > rows) {
    throw new DatasetError(
      `${table.source}: ${k} folds need at least ${k} usable rows (it has ${rows}): use fewer folds`,
      { file: table.source, field: 'folds' },
    );
  }
  if (!Number.isInteger(index) || index < 0 || index >= k) {
    throw new DatasetError(`fold index must be from 0 to ${k - 1} (got ${index})`, { field: 'folds' });
  }
  return fold;
}

function describeSplit(nTrain: number, nVal: number, stratified: boolean, opts: PrepareOptions): string {
  if (opts.fold) {
    return `split: fold ${opts.fold.index + 1} of ${opts.fold.count}: ${count(nTrain, 'training row')}, ${count(nVal, 'validation row')} (${stratified ? 'stratified, ' : ''}seed ${opts.seed})`;
  }
  if (nVal === 0) {
    if (opts.valFraction === 0) return `split: all ${count(nTrain, 'row')} for training (no validation part)`;
    return nTrain < MIN_ROWS_FOR_VALIDATION
      ? `split: all ${count(nTrain, 'row')} for training (fewer than ${MIN_ROWS_FOR_VALIDATION} rows: too few to hold some out for validation)`
      : `split: all ${count(nTrain, 'row')} for training (the validation fraction is too small to hold out a row)`;
  }
  return `split: ${count(nTrain, 'training row')}, ${count(nVal, 'validation row')} (${stratified ? 'stratified, ' : ''}seed ${opts.seed})`;
}
