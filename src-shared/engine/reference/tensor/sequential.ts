import { Rng } from '../../rng';
import { add } from './elementwise';
import { lossByName } from './losses';
import { Tensor, type DType } from './tensor';
import type { DenseValues, InitName, LossName, MlpSpec, ParamSlot, Regularization } from '../../types';
import { TensorDense } from './dense';
import { initDenseParams } from '../../init';

export interface TensorSequentialOptions {
  dtype?: DType;
  regularization?: Regularization;
  regRate?: number;
  /** Dropout on hidden layers only (never on the output), like the fast trainer. */
  dropout?: number;
  /** Seeds the dropout masks (one stream shared by all layers, drawn layer after layer). */
  seed?: number;
}

/**
 * An MLP on the tensor engine: TensorDense layers as an MlpSpec describes them. This is the readable,
 * graph-building reference for the fused fast path (engine/fast): same semantics, checked
 * against the scalar Value engine and against PyTorch.
 */
export class TensorSequential {
  readonly spec: MlpSpec;
  readonly layers: TensorDense[];

  constructor(spec: MlpSpec, params: readonly DenseValues[], options: TensorSequentialOptions = {}) {
    if (params.length !== spec.layers.length)
      throw new RangeError(
        `TensorSequential: ${spec.layers.length} layers in the spec, ${params.length} parameter sets`,
      );
    this.spec = spec;
    const dropoutRng = new Rng(options.seed ?? 0);
    let inSize = spec.inputSize;
    this.layers = spec.layers.map((layer, l) => {
      const p = params[l];
      if (p.inSize !== inSize || p.outSize !== layer.units)
        throw new RangeError(
          `TensorSequential: layer ${l} expects [${layer.units}, ${inSize}] parameters, got [${p.outSize}, ${p.inSize}]`,
        );
      inSize = layer.units;
      const hidden = l < spec.layers.length - 1;
      return new TensorDense(p, {
        activation: layer.activation,
        dtype: options.dtype,
        regularization: options.regularization,
        regRate: options.regRate,
        dropout: hidden ? options.dropout : 0,
        dropoutRng,
      });
    });
  }

  /** Fresh parameters for every layer from one rng, input to output. */
  static create(
    spec: MlpSpec,
    init: InitName,
    rng: Rng,
    options: TensorSequentialOptions = {},
  ): TensorSequential {
    let inSize = spec.inputSize;
    const params = spec.layers.map((layer) => {
      const p = initDenseParams(inSize, layer.units, init, rng);
      inSize = layer.units;
      return p;
    });
    return new TensorSequential(spec, params, options);
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /**
   * The data loss (what is reported) and the objective (data loss + weight penalties, what is
   * differentiated). Call `objective.backward()` to fill the parameter grads.
   */
  loss(x: Tensor, targets: Tensor | ArrayLike<number>, name: LossName): { loss: Tensor; objective: Tensor } {
    const loss = lossByName(name, this.forward(x), targets);
    let objective = loss;
    for (const layer of this.layers) {
      const penalty = layer.penalty();
      if (penalty !== null) objective = add(objective, penalty);
    }
    return { loss, objective };
  }

  parameters(): Tensor[] {
    return this.layers.flatMap((l) => l.parameters());
  }

  /** Weight, bias, weight, bias… in layer order (what createOptimizer expects). */
  paramSlots(): ParamSlot[] {
    return this.layers.flatMap((l) => l.paramSlots());
  }

  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Training mode enables dropout; eval mode disables it. */
  train(on = true): void {
    for (const layer of this.layers) layer.training = on;
  }

  eval(): void {
    this.train(false);
  }
}
