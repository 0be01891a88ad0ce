import type { Optimizer, OptimizerConfig, ParamSlot } from '../types';
import { Adam } from './adam';
import { Sgd } from './sgd';

export { Adam, Sgd };
export type { AdamOptions } from './adam';
export type { SgdOptions } from './sgd';

/** Builds the optimizer a config names, with PyTorch's defaults for anything left out. */
export function createOptimizer(params: readonly ParamSlot[], config: OptimizerConfig): Optimizer {
  switch (config.name) {
    case 'sgd':
      return new Sgd(params, {
        lr: config.lr,
        momentum: config.momentum ?? 0,
        nesterov: config.nesterov,
        weightDecay: config.weightDecay,
      });
    case 'momentum':
      return new Sgd(params, {
        lr: config.lr,
        momentum: config.momentum ?? 0.9,
        nesterov: config.nesterov,
        weightDecay: config.weightDecay,
      });
    case 'adam':
      return new Adam(params, {
        lr: config.lr,
        beta1: config.beta1,
        beta2: config.beta2,
        eps: config.eps,
        weightDecay: config.weightDecay ?? 0,
      });
    case 'adamw':
      return new Adam(params, {
        lr: config.lr,
        beta1: config.beta1,
        beta2: config.beta2,
        eps: config.eps,
        weightDecay: config.weightDecay ?? 0.01,
        decoupled: true,
      });
  }
}
