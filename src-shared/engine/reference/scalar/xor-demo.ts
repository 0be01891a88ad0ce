import { ScalarMLP } from './nn';
import { sumValues, type Value } from './value';

/**
 * The seed project's XOR demo on the scalar engine, in its two historical set-ups.
 *
 * Why the two loss curves differ although the network (2-8-1, ReLU, linear output), the data,
 * the optimizer (plain SGD, lr 0.05, one full-batch update per epoch) and the epochs are equal:
 *
 * 1. Loss scale. 'seed' minimises the SUM of the 4 squared errors, 'pytorch' their MEAN
 *    (nn.MSELoss). The sum is 4x the mean, so its gradient is 4x larger: with the same lr the
 *    seed preset takes steps 4x longer. Its logged numbers are also 4x larger for the same fit.
 * 2. Init scale. 'seed' draws weights from U(-1, 1) with zero biases; PyTorch's nn.Linear
 *    draws weights AND biases from U(-1/√fanIn, 1/√fanIn), i.e. ±0.71 in the first layer and
 *    ±0.35 in the second. Smaller weights give a smaller initial output and different dead-ReLU
 *    patterns, so the runs start from different places and may end in different minima.
 *
 * A run whose hidden ReLUs all die (every unit outputs 0 for all four points) can only fit the
 * mean 0.5 and stalls at mean loss 0.125 / sum 0.5; which seeds do that depends on the init.
 */
export type XorPreset = 'seed' | 'pytorch';

export interface XorDemoOptions {
  /** Seed of the init RNG (mulberry32). Default 0. */
  seed?: number;
  epochs?: number;
  logEvery?: number;
  lr?: number;
}

export interface XorDemoResult {
  /** The loss computed in epoch `epoch` (1-based, before that epoch's update), every `logEvery` epochs. */
  losses: { epoch: number; loss: number }[];
  /** The loss evaluated once more after the last update. */
  finalLoss: number;
  parameters: number;
}

export const XOR_INPUTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
export const XOR_TARGETS: readonly number[] = [0, 1, 1, 0];

function xorLoss(model: ScalarMLP, preset: XorPreset): Value {
  const squaredErrors = XOR_INPUTS.map((x, i) => model.forward(x)[0].sub(XOR_TARGETS[i]).pow(2));
  const total = sumValues(squaredErrors);
  return preset === 'seed' ? total : total.div(XOR_INPUTS.length);
}

export function runXorDemo(preset: XorPreset, opts: XorDemoOptions = {}): XorDemoResult {
  const epochs = opts.epochs ?? 1000;
  const logEvery = opts.logEvery ?? 50;
  const lr = opts.lr ?? 0.05;
  const model = new ScalarMLP(2, [8, 1], {
    init: preset === 'seed' ? 'uniform' : 'pytorch',
    rng: opts.seed ?? 0,
  });
  const params = model.parameters();
  const losses: { epoch: number; loss: number }[] = [];

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const loss = xorLoss(model, preset);
    model.zeroGrad();
    loss.backward();
    for (const p of params) p.data -= lr * p.grad;
    if (epoch % logEvery === 0) losses.push({ epoch, loss: loss.data });
  }
  return { losses, finalLoss: xorLoss(model, preset).data, parameters: params.length };
}
