/**
 * The public library entry (`import { Value } from 'nanograd-studio'`, built to dist/lib).
 * Pure TS only: the engine, optimizers, seeded RNG, errors and the shared types.
 */
export * from './errors';
export * from './engine/types';
export * from './engine/rng';
export * from './engine/optim';
