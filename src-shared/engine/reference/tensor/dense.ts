import { Rng } from '../../rng';
import type { Activation, DenseParams, DenseValues, InitName, ParamSlot, Regularization } from '../../types';
import { activation as activate, add, applyMask, scale } from './elementwise';
import { matmulNT } from './matmul';
import { sumAbs, sumSquares } from './reduce';
import { Tensor, allocate, type DType } from './tensor';
import { initDenseParams } from '../../init';

export interface TensorDenseOptions {
  activation?: Activation;
  dtype?: DType;
  /** Weight penalty (biases are never penalised): l2 = rate/2·Σw² (gradient rate·w), l1 = rate·Σ|w|. */
  regularization?: Regularization;
  regRate?: number;
  /** Inverted dropout on this layer's output while training: zero with probability p, scale the rest by 1/(1−p). */
  dropout?: number;
  /** Draws the dropout masks, element by element in row-major order (the fast path's order). */
  dropoutRng?: Rng;
}

/**
 * y = activation(x · Wᵀ + b) on the tensor engine, W stored [out, in] like PyTorch's nn.Linear
 * (and ONNX Gemm transB=1), so x·Wᵀ is one matmulNT with no transpose materialised.
 */
export class TensorDense {
  readonly inSize: number;
  readonly outSize: number;
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly activation: Activation;
  readonly regularization: Regularization;
  readonly regRate: number;
  readonly dropout: number;
  private readonly dropoutRng: Rng | null;
  /** Dropout is active only while training. */
  training = true;

  constructor(params: DenseValues, options: TensorDenseOptions = {}) {
    const dtype = options.dtype ?? 'float64';
    this.inSize = params.inSize;
    this.outSize = params.outSize;
    this.weight = Tensor.from(params.outSize, params.inSize, params.weight, { dtype, requiresGrad: true });
    this.bias = Tensor.from(1, params.outSize, params.bias, { dtype, requiresGrad: true });
    this.activation = options.activation ?? 'linear';
    this.regularization = options.regularization ?? 'none';
    this.regRate = options.regRate ?? 0;
    this.dropout = options.dropout ?? 0;
    if (this.dropout < 0 || this.dropout >= 1)
      throw new RangeError(`dropout must be in [0, 1), got ${this.dropout}`);
    this.dropoutRng = this.dropout > 0 ? (options.dropoutRng ?? new Rng(0)) : null;
  }

  /** A freshly initialised layer (see initDenseParams). */
  static create(
    inSize: number,
    outSize: number,
    init: InitName,
    rng: Rng,
    options: TensorDenseOptions = {},
  ): TensorDense {
    return new TensorDense(initDenseParams(inSize, outSize, init, rng), options);
  }

  forward(x: Tensor): Tensor {
    if (x.cols !== this.inSize)
      throw new RangeError(`TensorDense(${this.inSize}, ${this.outSize}): input has ${x.cols} columns`);
    const h = activate(add(matmulNT(x, this.weight), this.bias), this.activation);
    if (!this.training || this.dropoutRng === null) return h;
    const keep = 1 / (1 - this.dropout);
    const mask = allocate(h.dtype, h.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.dropoutRng.next() < this.dropout ? 0 : keep;
    return applyMask(h, mask);
  }

  /** The weight penalty as a [1, 1] tensor to add to the loss, or null without regularization. */
  penalty(): Tensor | null {
    if (this.regularization === 'none' || this.regRate === 0) return null;
    return this.regularization === 'l2'
      ? scale(sumSquares(this.weight), this.regRate / 2)
      : scale(sumAbs(this.weight), this.regRate);
  }

  parameters(): Tensor[] {
    return [this.weight, this.bias];
  }

  /** The optimizer's view: data and grad arrays that stay the same for the layer's life. */
  paramSlots(): ParamSlot[] {
    return [
      { data: this.weight.data, grad: this.weight.gradBuffer() },
      { data: this.bias.data, grad: this.bias.gradBuffer() },
    ];
  }

  /** A Float32 snapshot in the model-file layout. */
  toParams(): DenseParams {
    return {
      inSize: this.inSize,
      outSize: this.outSize,
      weight: Float32Array.from(this.weight.data),
      bias: Float32Array.from(this.bias.data),
    };
  }
}
