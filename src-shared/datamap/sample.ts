/**
 * Which rows a data map draws. Up to MAX_MAP_ROWS every row is drawn; above that a seeded
 * sample, so the same data and seed always show the same points (and a screenshot or a bug
 * report can be reproduced) while the canvas and the per-frame forward pass stay cheap.
 */
import { Rng } from '../engine/rng';
import type { PreparedData } from '../data/types';

export const MAX_MAP_ROWS = 5000;

/**
 * `count` distinct indices of [0, total), ascending, drawn with a partial Fisher-Yates shuffle
 * from `seed`; all indices when total <= count.
 */
export function sampleRows(total: number, count: number, seed: number): Int32Array {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a count (got ${total})`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be at least 1 (got ${count})`);
  if (total <= count) return Int32Array.from({ length: total }, (_, i) => i);
  const pool = Int32Array.from({ length: total }, (_, i) => i);
  const rng = new Rng(seed);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(total - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, count).sort();
}

/** The drawn rows of a prepared data set, gathered from its training and validation splits. */
export interface MapRows {
  /** Rows drawn. */
  n: number;
  /** Rows in the data set (training + validation). */
  total: number;
  inputSize: number;
  /** Encoded model inputs, row-major (n x inputSize). */
  x: Float32Array;
  /** Class index, or the target in raw units (regression). */
  label: Float64Array;
  /** 1 = validation row. */
  val: Uint8Array;
  /** Index of each row in the source table (for its cell values). */
  tableRow: Int32Array;
}

export function mapRows(data: PreparedData, seed: number, maxRows = MAX_MAP_ROWS): MapRows {
  const train = data.train;
  const val = data.val && data.val.n > 0 ? data.val : null;
  const total = train.n + (val?.n ?? 0);
  const picked = sampleRows(total, maxRows, seed);
  const d = train.inputSize;
  const n = picked.length;
  const rows: MapRows = {
    n,
    total,
    inputSize: d,
    x: new Float32Array(n * d),
    label: new Float64Array(n),
    val: new Uint8Array(n),
    tableRow: new Int32Array(n),
  };
  const regression = data.task === 'regression';
  const targetMean = data.preprocessing.target.mean ?? 0;
  const targetStd = data.preprocessing.target.std ?? 1;
  for (let i = 0; i < n; i++) {
    const index = picked[i];
    const inVal = index >= train.n;
    const set = inVal ? val! : train;
    const r = inVal ? index - train.n : index;
    rows.x.set(set.x.subarray(r * d, (r + 1) * d), i * d);
    rows.label[i] = regression ? set.y[r] * targetStd + targetMean : set.y[r];
    rows.val[i] = inVal ? 1 : 0;
    rows.tableRow[i] = set.rowIndex[r];
  }
  return rows;
}
