/**
 * The "Slice" data map: the model's decision function over two numeric input columns, with
 * every other input held at a fixed value — by default its training median (for a one-hot
 * group, the most frequent category), or the values of a row the user clicked. Like the 2-D
 * boundary, axes are in raw units while the network reads encoded values.
 */
import { DatasetError } from '../errors';
import type { PreparedData } from '../data/types';

/** A numeric input column that can be a slice axis. */
export interface SliceAxis {
  name: string;
  /** Index among the encoded model inputs. */
  input: number;
  /** Raw = encoded * std + mean. */
  mean: number;
  std: number;
  /** Raw range over the training rows, padded 5%. */
  min: number;
  max: number;
}

/** Every numeric input column, in input order. */
export function sliceAxes(data: PreparedData): SliceAxis[] {
  const axes: SliceAxis[] = [];
  const { x, n, inputSize } = data.train;
  let offset = 0;
  for (const feature of data.preprocessing.features) {
    if (feature.kind === 'numeric') {
      const mean = feature.mean ?? 0;
      const std = feature.std ?? 1;
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 0; r < n; r++) {
        const v = x[r * inputSize + offset];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const [min, max] = padRange(lo * std + mean, hi * std + mean);
      axes.push({ name: feature.name, input: offset, mean, std, min, max });
      offset += 1;
    } else {
      offset += feature.categories?.length ?? 0;
    }
  }
  return axes;
}

/**
 * The encoded input vector every slice cell starts from: per numeric input the median of the
 * training rows, per one-hot group the training rows' most frequent category.
 */
export function medianInputs(data: PreparedData): Float32Array {
  const { x, n, inputSize } = data.train;
  const held = new Float32Array(inputSize);
  if (n === 0) return held;
  let offset = 0;
  const column = new Float32Array(n);
  for (const feature of data.preprocessing.features) {
    if (feature.kind === 'numeric') {
      for (let r = 0; r < n; r++) column[r] = x[r * inputSize + offset];
      column.sort();
      held[offset] = n % 2 ? column[(n - 1) / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
      offset += 1;
    } else {
      const width = feature.categories?.length ?? 0;
      let best = -1;
      let bestCount = 0;
      for (let k = 0; k < width; k++) {
        let count = 0;
        for (let r = 0; r < n; r++) if (x[r * inputSize + offset + k] > 0.5) count++;
        if (count > bestCount) {
          best = k;
          bestCount = count;
        }
      }
      if (best >= 0) held[offset + best] = 1;
      offset += width;
    }
  }
  if (offset !== inputSize)
    throw new DatasetError(`the inputs do not match the encoded columns (${offset} of ${inputSize})`);
  return held;
}

/** Grid resolution and ranges of a slice, in raw units of its two axes. */
export interface SliceGrid {
  horizontal: SliceAxis;
  vertical: SliceAxis;
  size: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function sliceGrid(horizontal: SliceAxis, vertical: SliceAxis, size: number): SliceGrid {
  if (horizontal.input === vertical.input)
    throw new DatasetError(`the slice needs two different columns (both axes are "${horizontal.name}")`);
  return {
    horizontal,
    vertical,
    size,
    xMin: horizontal.min,
    xMax: horizontal.max,
    yMin: vertical.min,
    yMax: vertical.max,
  };
}

/**
 * Encoded network inputs for the centres of the grid's cells, rows from yMin upward: `held`
 * everywhere except the two axis inputs, which take the cell's coordinates.
 */
export function sliceInputs(grid: SliceGrid, held: Float32Array): Float32Array {
  const { size, horizontal, vertical } = grid;
  const d = held.length;
  const x = new Float32Array(size * size * d);
  const dx = (grid.xMax - grid.xMin) / size;
  const dy = (grid.yMax - grid.yMin) / size;
  for (let row = 0; row < size; row++) {
    const encodedY = (grid.yMin + (row + 0.5) * dy - vertical.mean) / vertical.std;
    for (let col = 0; col < size; col++) {
      const cell = (row * size + col) * d;
      x.set(held, cell);
      x[cell + horizontal.input] = (grid.xMin + (col + 0.5) * dx - horizontal.mean) / horizontal.std;
      x[cell + vertical.input] = encodedY;
    }
  }
  return x;
}

function padRange(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}
