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
