/** Public surface of the engine (re-exported by the library entry src-shared/index.ts). */
export * from './types';
export { Rng, identityPermutation, deriveSeed, seedStream, SEED_STREAMS, type SeedStream } from './rng';
export { Adam, Sgd, createOptimizer, clipGradNorm } from './optim';
export type { AdamOptions, SgdOptions } from './optim';
export { ACTIVATION_FNS, LEAKY_RELU_SLOPE, sigmoid, gelu, geluDerivative, tanhViaExp } from './activations';
export type { ActivationFn } from './activations';
export { LOSS_FNS, softmaxRow, applyOutputTransform } from './losses';
export type { LossFn } from './losses';
export { erf, erfc } from './special';
export { initDenseParams, anchorDenseParams } from './init';
export { Value, sumValues } from './reference/scalar/value';
export type { ValueLike } from './reference/scalar/value';
export { Module, Neuron, Layer, ScalarMLP, activateValue } from './reference/scalar/nn';
export type { ScalarMlpOptions } from './reference/scalar/nn';
export { runXorDemo, XOR_INPUTS, XOR_TARGETS } from './reference/scalar/xor-demo';
export type { XorPreset, XorDemoOptions, XorDemoResult } from './reference/scalar/xor-demo';
export { Tensor, GRAD_RULES } from './reference/tensor';
export type { DType, GradRule, Storage } from './reference/tensor';
/** Tensor ops as a namespace (`tensorOps.matmul`, `tensorOps.relu`…): their names overlap the scalar helpers. */
export * as tensorOps from './reference/tensor';
export { TensorDense } from './reference/tensor/dense';
export type { TensorDenseOptions } from './reference/tensor/dense';
export { TensorSequential } from './reference/tensor/sequential';
export type { TensorSequentialOptions } from './reference/tensor/sequential';
