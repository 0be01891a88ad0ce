/** Payloads of a run: starting it, editing and inspecting its network, its live boundary, threads. */
import type { Activation } from '../engine/types';
import type { SessionSnapshot } from '../training/types';
import type { ActivationHistogram } from '../inspection';

export interface TrainStartResult {
  runId: string;
  snapshot: SessionSnapshot;
}

/** One connection (or, with `from` null, a bias) of the running network; layer 0 = first hidden layer. */
export interface WeightEdit {
  layer: number;
  /** Unit of `layer` the connection enters. */
  to: number;
  /** Unit of the previous layer (input index for layer 0), or null for the bias of `to`. */
  from: number | null;
  value: number;
}

export interface NeuronRequest {
  /** 0 = first hidden layer; the last index is the output layer. */
  layer: number;
  unit: number;
}

/** What the neuron inspector shows about one unit of the running network. */
export interface NeuronDetails {
  layer: number;
  unit: number;
  activation: Activation;
  /** Incoming weights, one per unit of the previous layer (or input). */
  weights: number[];
  bias: number;
  /** The unit's activation over the training rows (at most MAX_INSPECTED_ROWS, evenly spaced). */
  histogram: ActivationHistogram;
  /** Share of those rows where a ReLU-family unit is inactive; null for other activations. */
  deadShare: number | null;
  rows: number;
}

/** Decision boundary / regression surface on a grid, in raw units of the 2 input features. */
export interface BoundaryFrame {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** Grid resolution (cells per side). */
  size: number;
  /** size*size values, row-major from yMin upward: class-1 probability / class index / value. */
  values: number[];
  /** For multi-class: the winning class per cell; null otherwise. */
  classes: number[] | null;
}

export interface EngineThreads {
  /** Threads in use (1 where shared memory is unavailable, e.g. a web build without cross-origin isolation). */
  threads: number;
  /** Cores of this machine (the default). */
  cores: number;
  /** Whether more than one thread is possible here. */
  available: boolean;
}
