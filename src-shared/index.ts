/**
 * The public library entry (`import { Value } from 'nanograd-studio'`, built to dist/lib):
 * the autograd engine (scalar Value, micrograd MLP, optimizers, init, RNG), the fast MLP
 * training path and the typed errors. Pure TS: nothing from Node, the DOM or Electron.
 */
export * from './errors';
export * from './engine';
export { FastMlp, MlpTrainer } from './engine/fast';
export type { TrainerOptions } from './engine/fast';
