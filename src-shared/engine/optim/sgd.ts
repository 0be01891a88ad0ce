import type { Optimizer, ParamSlot } from '../types';

export interface SgdOptions {
  lr: number;
  momentum?: number;
  nesterov?: boolean;
  /** Coupled L2: g += weightDecay * p (PyTorch `weight_decay`). */
  weightDecay?: number;
}

/**
 * SGD with optional (Nesterov) momentum, PyTorch's formulas (dampening 0):
 *   g = grad + wd*p;  buf = g (first step) else momentum*buf + g
 *   update = nesterov ? g + momentum*buf : buf;  p -= lr * update
 */
export class Sgd implements Optimizer {
  readonly params: readonly ParamSlot[];
  lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private readonly buffers: (Float32Array | Float64Array)[];
  private t = 0;

  constructor(params: readonly ParamSlot[], options: SgdOptions) {
    this.params = params;
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    this.buffers =
      this.momentum > 0
        ? params.map((p) => new (p.data.constructor as Float64ArrayConstructor)(p.data.length))
        : [];
  }

  get steps(): number {
    return this.t;
  }

  step(): void {
    const { lr, momentum: mu, nesterov, weightDecay: wd } = this;
    const first = this.t === 0;
    for (let k = 0; k < this.params.length; k++) {
      const { data, grad } = this.params[k];
      if (mu === 0) {
        for (let i = 0; i < data.length; i++) data[i] -= lr * (grad[i] + wd * data[i]);
        continue;
      }
      const buf = this.buffers[k];
      for (let i = 0; i < data.length; i++) {
        const g = grad[i] + wd * data[i];
        const b = first ? g : mu * buf[i] + g;
        buf[i] = b;
        data[i] -= lr * (nesterov ? g + mu * b : b);
      }
    }
    this.t++;
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }
}
