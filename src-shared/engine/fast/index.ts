/** The fast training path every host uses: planned, allocation-free MLP steps over typed arrays. */
export { FastMlp } from './mlp';
export { MlpTrainer, type TrainerOptions, type TrainingData } from './trainer';
export type { BackendPreference } from './backend';
export { jsKernels, type DenseKernels } from './kernels';
