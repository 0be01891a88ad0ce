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
export type { DenseValues, MlpOptions } from './scalar-nn';
export { runXorDemo, XOR_INPUTS, XOR_TARGETS } from './xor-demo';
export type { XorPreset, XorDemoOptions, XorDemoResult } from './xor-demo';
