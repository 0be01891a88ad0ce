/** Public surface of the engine (re-exported by the library entry src-shared/index.ts). */
export * from './types';
export { Rng, identityPermutation } from './rng';
export { Adam, Sgd, createOptimizer } from './optim';
export type { AdamOptions, SgdOptions } from './optim';
export { ACTIVATION_FNS, LEAKY_RELU_SLOPE, sigmoid, gelu, geluDerivative } from './activations';
export type { ActivationFn } from './activations';
export { erf, erfc } from './special';
export { initDenseParams, anchorDenseParams } from './nn/init';
export type { DrawOrder, InitOptions } from './nn/init';
export { Value, sumValues } from './value';
export type { ValueLike } from './value';
export { Module, Neuron, Layer, MLP, activateValue } from './scalar-nn';
export type { MlpOptions } from './scalar-nn';
export { runXorDemo, XOR_INPUTS, XOR_TARGETS } from './xor-demo';
export type { XorPreset, XorDemoOptions, XorDemoResult } from './xor-demo';
export { Tensor, GRAD_RULES } from './tensor';
export type { DType, GradRule, Storage } from './tensor';
/** Tensor ops as a namespace (`tensorOps.matmul`, `tensorOps.relu`…): their names overlap the scalar helpers. */
export * as tensorOps from './tensor';
export { Dense } from './nn/dense';
export type { DenseOptions } from './nn/dense';
export { Sequential } from './nn/sequential';
export type { SequentialOptions } from './nn/sequential';
