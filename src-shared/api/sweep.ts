/** Sweeps of the current data on the host's worker pool. */
import type { GridParam, RangeParam } from '../experiments';
import type { TrainConfig } from '../training/types';

/** A sweep of the current data: the base design with grid values and/or sampled ranges, seeds 1..K. */
export interface SweepStartRequest {
  grid: GridParam[];
  ranges: RangeParam[];
  /** Configurations sampled from `ranges` (0 = grid only). */
  random: number;
  seeds: number;
  /** Seeds the sampling of the ranges. */
  sweepSeed: number;
  base: TrainConfig;
}

export interface SweepStartResult {
  sweepId: string;
  runs: number;
  workers: number;
  swept: string[];
}

export type SweepState = 'running' | 'done' | 'stopped' | 'failed';
