import type { Optimizer, ParamSlot } from '../types';

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  /** true = AdamW (decoupled decay p *= 1 - lr*wd), false = Adam (coupled g += wd*p). */
  decoupled?: boolean;
}

/**
 * Adam / AdamW with PyTorch's formulas (t counts from 1):
 *   m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2
 *   p -= (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)
 */
export class Adam implements Optimizer {
  readonly params: readonly ParamSlot[];
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly decoupled: boolean;
  private readonly m: (Float32Array | Float64Array)[];
  private readonly v: (Float32Array | Float64Array)[];
  private t = 0;

  constructor(params: readonly ParamSlot[], options: AdamOptions) {
    this.params = params;
    this.lr = options.lr;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.decoupled = options.decoupled ?? false;
    this.weightDecay = options.weightDecay ?? (this.decoupled ? 0.01 : 0);
    const like = (p: ParamSlot) => new (p.data.constructor as Float64ArrayConstructor)(p.data.length);
    this.m = params.map(like);
    this.v = params.map(like);
  }

  get steps(): number {
    return this.t;
  }

  step(): void {
    this.t++;
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd, decoupled } = this;
    const stepSize = lr / (1 - b1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** this.t);
    const coupledWd = decoupled ? 0 : wd;
    const decay = decoupled ? 1 - lr * wd : 1;
    for (let k = 0; k < this.params.length; k++) {
      const { data, grad } = this.params[k];
      const m = this.m[k];
      const v = this.v[k];
      for (let i = 0; i < data.length; i++) {
        if (decay !== 1) data[i] *= decay;
        const g = grad[i] + coupledWd * data[i];
        const mi = b1 * m[i] + (1 - b1) * g;
        const vi = b2 * v[i] + (1 - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        data[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
      }
    }
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }
}
