/**
 * The public library entry (`import { Value, FastMlp, MlpTrainer } from 'nanograd-studio'`,
 * built to dist/lib): the fast training path (FastMlp, MlpTrainer: what the app trains with),
 * the reference engines (scalar Value and ScalarMLP, Tensor and TensorSequential), optimizers,
 * init, RNG, the activation and loss tables, and the typed errors. Pure TS: nothing from Node,
 * the DOM or Electron.
 */
export * from './errors';
export * from './engine';
export { FastMlp, MlpTrainer } from './engine/fast';
export type { TrainerOptions } from './engine/fast';
