/**
 * What the neuron inspector shows about one unit over the training rows: a histogram of its
 * activation and, for ReLU-family units, the share of rows where it is dead (output exactly 0
 * for relu, negative side for leaky_relu: the unit passes no gradient worth the name there).
 */
import type { Activation } from '../engine/types';

export interface ActivationHistogram {
  /** Left edge of the first bin and right edge of the last. */
  min: number;
  max: number;
  counts: number[];
  /** Rows whose activation was NaN or infinite (not in any bin). */
  nonFinite: number;
}

export const RELU_FAMILY: readonly Activation[] = ['relu', 'leaky_relu'];

/** Histogram of column `unit` of a rows x units activation matrix. */
export function activationHistogram(
  values: Float32Array,
  rows: number,
  units: number,
  unit: number,
  bins = 20,
): ActivationHistogram {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let r = 0; r < rows; r++) {
    const v = values[r * units + unit];
    if (!Number.isFinite(v)) nonFinite++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const counts = new Array<number>(bins).fill(0);
  if (min > max) return { min: 0, max: 0, counts, nonFinite };
  // A constant unit (a dead ReLU) gets one visible bin instead of a zero-width range.
  if (max - min < 1e-12) {
    counts[0] = rows - nonFinite;
    return { min, max: min, counts, nonFinite };
  }
  const scale = bins / (max - min);
  for (let r = 0; r < rows; r++) {
    const v = values[r * units + unit];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) * scale))]++;
  }
  return { min, max, counts, nonFinite };
}

/** Share of rows where a ReLU-family unit is inactive (pre-activation <= 0), or null for other activations. */
export function deadShare(
  activation: Activation,
  values: Float32Array,
  rows: number,
  units: number,
  unit: number,
): number | null {
  if (!RELU_FAMILY.includes(activation) || rows === 0) return null;
  let dead = 0;
  // relu(z) = 0 and leaky_relu(z) <= 0 exactly when z <= 0: the activation alone tells.
  for (let r = 0; r < rows; r++) if (values[r * units + unit] <= 0) dead++;
  return dead / rows;
}
