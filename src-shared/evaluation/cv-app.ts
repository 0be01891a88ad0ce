/**
 * The app's "Cross-validate" action as the api.ts contract sees it: the request, and the events
 * the backend streams while the folds (the same `trainFold` jobs as `nanograd train --folds`)
 * run on the worker pool. Plain JSON, no functions.
 */
import type { TrainConfig } from '../training/types';
import type { CvSummary, FoldResult } from './cross-validate';

/** The most folds the CLI's --folds and the app accept. */
export const MAX_FOLDS = 100;

export interface CvStartRequest {
  /** K, from 2 to MAX_FOLDS. */
  folds: number;
  config: TrainConfig;
}

export interface CvStartResult {
  cvId: string;
  folds: number;
  /** Folds that run at once (worker threads; 1 = one after the other in the backend). */
  workers: number;
}

/** A fold finished (folds arrive in finishing order), with its curves. */
export interface CvFoldEvent {
  cvId: string;
  result: FoldResult;
}

/** A few times a second: finished folds and the epoch of each running one. */
export interface CvProgressEvent {
  cvId: string;
  done: number;
  total: number;
  running: { fold: number; epoch: number; totalEpochs: number }[];
}

export type CvState = 'done' | 'stopped' | 'failed';

/** The cross-validation ended; `cv` summarizes the folds that finished. */
export interface CvStateEvent {
  cvId: string;
  state: CvState;
  message: string | null;
  seconds: number;
  cv: CvSummary;
}
