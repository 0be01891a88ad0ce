/**
 * Shared vocabulary of the engine. Everything downstream (training session, model file,
 * exports, UI) speaks these names; keep them stable (they are persisted in model files).
 */
export const ACTIVATIONS = ['linear', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/**
 * mse: mean squared error over all outputs (targets n x outputs).
 * sse: SUM of squared errors (the micrograd seed's loss; same gradient direction as mse, n*outputs times larger).
 * cross_entropy: softmax cross-entropy over logits, integer class targets (n), mean over batch.
 * bce: binary cross-entropy with logits (targets n x outputs in {0,1}), mean over all outputs.
 */
export const LOSSES = ['mse', 'sse', 'cross_entropy', 'bce'] as const;
export type LossName = (typeof LOSSES)[number];

/** What turns a network's raw outputs into predictions; each loss names its own (losses.ts LOSS_FNS). */
export const OUTPUT_TRANSFORMS = ['softmax', 'sigmoid', 'none'] as const;
export type OutputTransform = (typeof OUTPUT_TRANSFORMS)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * uniform: U(-1,1) weights, zero bias (the micrograd seed).
 * pytorch: PyTorch nn.Linear default, weights and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 * xavier: Glorot uniform, zero bias. he: Kaiming normal (fan_in, gain sqrt(2)), zero bias.
 */
export const INITS = ['uniform', 'pytorch', 'xavier', 'he'] as const;
export type InitName = (typeof INITS)[number];

export const REGULARIZATIONS = ['none', 'l1', 'l2'] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];

export interface LayerSpec {
  units: number;
  activation: Activation;
}

/** A fully connected network. `layers` includes the output layer (last entry). */
export interface MlpSpec {
  inputSize: number;
  layers: LayerSpec[];
}

/**
 * Parameters of one Dense layer. `weight` is row-major [out, in] (PyTorch nn.Linear and
 * ONNX Gemm transB=1 layout): weight[o * inSize + i].
 */
export interface DenseParams {
  inSize: number;
  outSize: number;
  weight: Float32Array;
  bias: Float32Array;
}

/** Dense parameters in any numeric storage (DenseParams is the Float32 case; float64 tests use this). */
export interface DenseValues {
  inSize: number;
  outSize: number;
  weight: ArrayLike<number>;
  bias: ArrayLike<number>;
}

export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  /** sgd/momentum: momentum factor (default 0.9 for 'momentum', 0 for 'sgd'). */
  momentum?: number;
  nesterov?: boolean;
  /** adam/adamw defaults as PyTorch: 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Coupled L2 (sgd/momentum/adam, as PyTorch weight_decay) or decoupled (adamw, default 0.01). */
  weightDecay?: number;
}

/** A parameter as optimizers see it: optimizers never know about graphs or layers. */
export interface ParamSlot {
  data: Float32Array | Float64Array;
  grad: Float32Array | Float64Array;
}

export interface Optimizer {
  readonly params: readonly ParamSlot[];
  /** Learning rate of the next step (a schedule may change it between steps). */
  lr: number;
  /** Applies one update from the current grads. */
  step(): void;
  zeroGrad(): void;
  /** Number of steps taken (Adam's t). */
  readonly steps: number;
}
