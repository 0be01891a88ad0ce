/**
 * The 2-D view of a data set: scatter points and decision-boundary grids, both in the RAW
 * units of the two input features (what the user sees on the axes), while the network works on
 * the encoded (possibly standardized) values. Only data with exactly two numeric inputs has a
 * plane; everything else gets `null` and the UI shows no heatmap.
 */
import type { BoundaryFrame, PlotPoints } from '../api';
import type { Dataset, PreparedData, Preprocessing } from '../data/types';
import { expandInputs, type InputFeature } from '../data/prepare/input-features';
import { hasTwoNumericInputs } from '../data/prepare/apply-input-features';

/** Enough points to see the shape of any data set without flooding the UI. */
export const MAX_PLOT_POINTS = 4000;
export const DEFAULT_GRID_SIZE = 60;

export interface Plane {
  /** Raw = encoded * std + mean, per axis. */
  mean: [number, number];
  std: [number, number];
  /** The model's derived inputs (x1², sin(x1), ...), computed from each grid point's two inputs. */
  inputFeatures?: readonly InputFeature[];
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  points: PlotPoints;
}

/** The plane of a prepared data set, or null when it does not have exactly 2 numeric inputs. */
export function dataPlane(data: PreparedData, maxPoints = MAX_PLOT_POINTS): Plane | null {
  const pre = data.preprocessing;
  if (pre.features.length !== 2 || pre.encodedNames.length !== 2 || data.train.inputSize !== 2) return null;
  if (pre.features.some((f) => f.kind !== 'numeric')) return null;
  const mean: [number, number] = [pre.features[0].mean ?? 0, pre.features[1].mean ?? 0];
  const std: [number, number] = [pre.features[0].std ?? 1, pre.features[1].std ?? 1];
  const isRegression = data.task === 'regression';
  const targetMean = pre.target.mean ?? 0;
  const targetStd = pre.target.std ?? 1;

  const points: PlotPoints = { xy: [], label: [], val: [], rows: [] };
  const sets: [Dataset, boolean][] = [[data.train, false]];
  if (data.val && data.val.n > 0) sets.push([data.val, true]);
  const total = sets.reduce((sum, [set]) => sum + set.n, 0);
  // Even stride over both splits keeps the train/validation proportions of the full data.
  const stride = Math.max(1, Math.ceil(total / maxPoints));
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const [set, isVal] of sets) {
    for (let i = 0; i < set.n; i += stride) {
      const px = set.x[i * 2] * std[0] + mean[0];
      const py = set.x[i * 2 + 1] * std[1] + mean[1];
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      points.xy.push(px, py);
      points.label.push(isRegression ? set.y[i] * targetStd + targetMean : set.y[i]);
      points.val.push(isVal);
      points.rows.push(set.rowIndex[i]);
      xMin = Math.min(xMin, px);
      xMax = Math.max(xMax, px);
      yMin = Math.min(yMin, py);
      yMax = Math.max(yMax, py);
    }
  }
  if (points.val.length === 0) return null;
  const [x0, x1] = padRange(xMin, xMax);
  const [y0, y1] = padRange(yMin, yMax);
  return { mean, std, xMin: x0, xMax: x1, yMin: y0, yMax: y1, points };
}

/**
 * The plane of the data, as a model with preprocessing `pre` reads it: the same points and
 * range (raw units), the model's standardization and input features. Null when the model does
 * not read the two columns of a plane.
 */
export function planeForModel(plane: Plane | null, pre: Preprocessing): Plane | null {
  if (!plane || !hasTwoNumericInputs(pre)) return null;
  const [a, b] = pre.features;
  return {
    ...plane,
    mean: [a.mean ?? 0, b.mean ?? 0],
    std: [a.std ?? 1, b.std ?? 1],
    ...(pre.inputFeatures ? { inputFeatures: [...pre.inputFeatures] } : { inputFeatures: undefined }),
  };
}

/** 5% margin so edge points do not sit on the border of the heatmap; a flat axis gets +-1. */
function padRange(lo: number, hi: number): [number, number] {
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Network inputs for the centres of a size x size grid, rows from yMin upward (with the plane's features). */
export function gridInputs(plane: Plane, size: number): Float32Array {
  const x = new Float32Array(size * size * 2);
  const dx = (plane.xMax - plane.xMin) / size;
  const dy = (plane.yMax - plane.yMin) / size;
  for (let row = 0; row < size; row++) {
    const rawY = plane.yMin + (row + 0.5) * dy;
    for (let col = 0; col < size; col++) {
      const rawX = plane.xMin + (col + 0.5) * dx;
      const cell = row * size + col;
      x[cell * 2] = (rawX - plane.mean[0]) / plane.std[0];
      x[cell * 2 + 1] = (rawY - plane.mean[1]) / plane.std[1];
    }
  }
  return plane.inputFeatures ? expandInputs(x, size * size, plane.inputFeatures) : x;
}

/**
 * Turns predictions on the grid into a frame. `outputs` holds `units` values per cell:
 * probabilities (or raw scores for mse-on-classes) for classification, values for regression.
 * Binary classification: values = probability of class 1. Multi-class: classes = the winning
 * class, values = its probability (the UI shades by confidence). Regression: the prediction.
 */
export function boundaryFrame(
  plane: Pick<Plane, 'xMin' | 'xMax' | 'yMin' | 'yMax'>,
  size: number,
  outputs: Float32Array,
  units: number,
  task: PreparedData['task'],
): BoundaryFrame {
  const cells = size * size;
  const values = new Array<number>(cells);
  let classes: number[] | null = null;
  if (task === 'regression' || units === 1) {
    for (let i = 0; i < cells; i++) values[i] = outputs[i * units];
    if (task === 'classification') for (let i = 0; i < cells; i++) values[i] = clamp01(values[i]);
  } else if (units === 2) {
    for (let i = 0; i < cells; i++) values[i] = clamp01(outputs[i * 2 + 1]);
  } else {
    classes = new Array<number>(cells);
    for (let i = 0; i < cells; i++) {
      let best = 0;
      for (let k = 1; k < units; k++) if (outputs[i * units + k] > outputs[i * units + best]) best = k;
      classes[i] = best;
      values[i] = clamp01(outputs[i * units + best]);
    }
  }
  return { xMin: plane.xMin, xMax: plane.xMax, yMin: plane.yMin, yMax: plane.yMax, size, values, classes };
}

function clamp01(v: number): number {
  if (Number.isNaN(v)) return 0.5;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
