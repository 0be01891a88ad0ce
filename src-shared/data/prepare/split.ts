/**
 * Seeded train/validation split. One shuffle of the usable rows with the seed's split stream
 * (seedStream(seed, 'split'): not the draws that generated the data or init the weights) decides
 * the order; a plain split takes the first floor((1 - f) * n) rows of that order for training, a
 * stratified split walks the same order and sends each class's quota to validation, so class
 * ratios match in both parts.
 */
import { identityPermutation, seedStream } from '../../engine/rng';

export interface SplitRows {
  train: Int32Array;
  val: Int32Array;
}

/**
 * Below this many usable rows nothing is held out: taking 1 of the seed's 4 XOR points away
 * leaves a problem that is no longer XOR, and a "validation loss" over 1 row means nothing.
 */
export const MIN_ROWS_FOR_VALIDATION = 10;

/** Fewer training rows than this after holding out validation rows gets a warning (notes). */
export const MIN_TRAINING_ROWS = 10;

/** Training rows out of n for a validation fraction, at least one. */
export function trainCount(n: number, valFraction: number): number {
  return Math.max(1, Math.min(n, Math.floor((1 - valFraction) * n + 1e-9)));
}

export function splitRows(
  rows: Int32Array,
  valFraction: number,
  seed: number,
  classOfRow: Float32Array | null,
): SplitRows {
  const n = rows.length;
  const order = seedStream(seed, 'split').shuffle(identityPermutation(n));
  const nVal = valFraction > 0 && n >= MIN_ROWS_FOR_VALIDATION ? n - trainCount(n, valFraction) : 0;
  if (nVal === 0) return { train: Int32Array.from(order, (i) => rows[i]), val: new Int32Array(0) };
  if (!classOfRow) {
    const train = Int32Array.from(order.subarray(0, n - nVal), (i) => rows[i]);
    const val = Int32Array.from(order.subarray(n - nVal), (i) => rows[i]);
    return { train, val };
  }
  const quota = stratifiedQuotas(classOfRow, nVal);
  const taken = new Int32Array(quota.length);
  const train: number[] = [];
  const val: number[] = [];
  for (const i of order) {
    const c = classOfRow[i];
    if (taken[c] < quota[c]) {
      taken[c]++;
      val.push(rows[i]);
    } else train.push(rows[i]);
  }
  return { train: Int32Array.from(train), val: Int32Array.from(val) };
}

/**
 * Validation rows per class, proportional to class size (largest remainder, ties to the lower
 * class index), never taking a class's last row away from training.
 */
export function stratifiedQuotas(classOfRow: Float32Array, nVal: number): Int32Array {
  let classes = 0;
  for (const c of classOfRow) classes = Math.max(classes, c + 1);
  const counts = new Int32Array(classes);
  for (const c of classOfRow) counts[c]++;
  const n = classOfRow.length;
  const quota = new Int32Array(classes);
  const remainders: { c: number; frac: number }[] = [];
  let given = 0;
  for (let c = 0; c < classes; c++) {
    const ideal = (counts[c] * nVal) / n;
    quota[c] = Math.floor(ideal);
    given += quota[c];
    remainders.push({ c, frac: ideal - quota[c] });
  }
  remainders.sort((a, b) => b.frac - a.frac || a.c - b.c);
  for (let k = 0; k < remainders.length && given < nVal; k++) {
    quota[remainders[k].c]++;
    given++;
  }
  for (let c = 0; c < classes; c++) quota[c] = Math.max(0, Math.min(quota[c], counts[c] - 1));
  return quota;
}

/**
 * K disjoint validation folds covering every row once: one shuffle of the split stream, then (stratified)
 * the rows grouped by class in shuffled order and dealt round-robin, so each class is spread
 * evenly over the folds and fold sizes differ by at most one row; unstratified, the shuffled
 * rows are dealt round-robin. Fold i validates on folds[i] and trains on the rest.
 */
export function foldRows(
  rows: Int32Array,
  folds: number,
  seed: number,
  classOfRow: Float32Array | null,
): Int32Array[] {
  const n = rows.length;
  const order = Array.from(seedStream(seed, 'split').shuffle(identityPermutation(n)));
  // A stable sort by class keeps the shuffled order inside each class.
  if (classOfRow) order.sort((a, b) => classOfRow[a] - classOfRow[b]);
  const members: number[][] = Array.from({ length: folds }, () => []);
  order.forEach((i, position) => members[position % folds].push(rows[i]));
  return members.map((m) => Int32Array.from(m.sort((a, b) => a - b)));
}

/** Fold `index` of `foldRows` as a train/validation split. */
export function foldSplit(
  rows: Int32Array,
  fold: { count: number; index: number },
  seed: number,
  classOfRow: Float32Array | null,
): SplitRows {
  const all = foldRows(rows, fold.count, seed, classOfRow);
  const val = all[fold.index];
  const inVal = new Set(val);
  return { train: rows.filter((r) => !inVal.has(r)), val };
}
