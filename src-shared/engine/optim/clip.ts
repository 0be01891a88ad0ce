import type { ParamSlot } from '../types';

/**
 * torch.nn.utils.clip_grad_norm_(params, maxNorm) with the default L2 norm: the total norm is
 * taken over every gradient of every parameter together (as if concatenated into one vector),
 * and when it exceeds `maxNorm` every gradient is scaled by maxNorm / (norm + 1e-6) — the same
 * 1e-6 PyTorch adds, so a clipped step matches PyTorch's. Returns the total norm before clipping
 * (what PyTorch returns). Sums in float64 whatever the gradients' type.
 */
export function clipGradNorm(slots: readonly ParamSlot[], maxNorm: number): number {
  let sumSquares = 0;
  for (const { grad } of slots) {
    for (let i = 0; i < grad.length; i++) sumSquares += grad[i] * grad[i];
  }
  const norm = Math.sqrt(sumSquares);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) {
    for (const { grad } of slots) {
      for (let i = 0; i < grad.length; i++) grad[i] *= coef;
    }
  }
  return norm;
}
