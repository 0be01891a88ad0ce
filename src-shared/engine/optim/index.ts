import type { Optimizer, OptimizerConfig, ParamSlot } from '../types';
import { Adam } from './adam';
import { Sgd } from './sgd';

export { Adam, Sgd };
export { clipGradNorm } from './clip';
export type { AdamOptions } from './adam';
export type { SgdOptions } from './sgd';

/** Builds the optimizer a config names, with PyTorch's defaults for anything left out. */
export function createOptimizer(params: readonly ParamSlot[], config: OptimizerConfig): Optimizer {
  switch (config.name) {
    case 'sgd':
    case 'momentum':
      return new Sgd(params, {
        lr: config.lr,
        momentum: config.momentum ?? (config.name === 'momentum' ? 0.9 : 0),
        nesterov: config.nesterov,
        weightDecay: config.weightDecay,
      });
    case 'adam':
    case 'adamw':
      // AdamW is Adam with decoupled decay; Adam defaults weightDecay to match (0, or 0.01 decoupled).
      return new Adam(params, {
        lr: config.lr,
        beta1: config.beta1,
        beta2: config.beta2,
        eps: config.eps,
        weightDecay: config.weightDecay,
        decoupled: config.name === 'adamw',
      });
  }
}
