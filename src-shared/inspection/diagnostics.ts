/**
 * Per-layer training diagnostics, TensorBoard-style: the L2 norm of each layer's weights, of its
 * last gradient, and the size of the epoch's update relative to the weights. A learning rate
 * that is too large shows as a ratio far above ~1e-2; vanishing gradients as a norm falling to 0;
 * the first non-finite value marks where a run blew up.
 */
import type { DenseParams } from '../engine/types';

export interface LayerDiagnostics {
  weightNorm: number;
  gradNorm: number;
  /** ‖W_after − W_before‖ / ‖W_before‖ over the epoch (weights that start at 0 divide by 1e-12). */
  updateRatio: number;
}

export interface EpochDiagnostics {
  /** The epoch these numbers end (a diverged epoch included). */
  epoch: number;
  layers: LayerDiagnostics[];
}

export function l2Norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

function l2Distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Diagnostics of every layer (weights only: biases are a small, separate story). */
export function layerDiagnostics(
  before: readonly Float32Array[],
  after: readonly DenseParams[],
  gradients: readonly { weight: Float32Array }[],
): LayerDiagnostics[] {
  return after.map((p, l) => {
    const start = l2Norm(before[l]);
    const update = l2Distance(p.weight, before[l]);
    return {
      weightNorm: l2Norm(p.weight),
      gradNorm: l2Norm(gradients[l].weight),
      updateRatio: update / Math.max(start, 1e-12),
    };
  });
}

/** The first epoch and layer where any diagnostic is NaN or infinite, or null. */
export function firstNonFinite(
  history: readonly EpochDiagnostics[],
): { epoch: number; layer: number; what: keyof LayerDiagnostics } | null {
  for (const entry of history) {
    for (const [layer, d] of entry.layers.entries()) {
      for (const what of ['weightNorm', 'gradNorm', 'updateRatio'] as const) {
        if (!Number.isFinite(d[what])) return { epoch: entry.epoch, layer, what };
      }
    }
  }
  return null;
}
