/**
 * The versioned model file (see ../shared/DESIGN.md). Weights are plain number arrays (float32
 * values written with full precision, so save -> load is bit-identical).
 */
import type { Activation, LossName, OutputTransform } from '../engine/types';
import type { Preprocessing, SplitRecord, Task } from '../data/types';
import type { BestEpoch, EpochMetrics, TrainConfig } from '../training/types';

export const MODEL_FORMAT = 'nanograd-studio/model';
export const MODEL_VERSION = 1;

export interface ModelLayer {
  inSize: number;
  outSize: number;
  activation: Activation;
}

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  name: string;
  createdAt: string;
  task: Task;
  loss: LossName;
  /** Applied on top of the last layer at prediction time: softmax (cross_entropy), sigmoid (bce), none. */
  output: OutputTransform;
  layers: ModelLayer[];
  /** Human-readable list of activations, one per layer (mirrors layers[i].activation). */
  activations: Activation[];
  /** Per layer: weight row-major [out, in], bias [out]. */
  weights: { weight: number[]; bias: number[] }[];
  preprocessing: Preprocessing;
  training: {
    config: TrainConfig;
    epochs: number;
    metrics: EpochMetrics | null;
    /** Every epoch of the run that wrote the file, for its curves (absent in older files). */
    history?: EpochMetrics[];
    /** How train and validation rows were chosen (absent in files from before it was recorded). */
    split?: SplitRecord;
    /** The epoch with the lowest validation loss (absent without a validation split). */
    best?: BestEpoch | null;
    /** Epoch at which early stopping ended the run (null when it ran all its epochs). */
    stoppedEpoch?: number | null;
    /** Whose weights this file holds: the best epoch's (an early-stopped run, keep best) or the last epoch's. */
    weightsFrom?: 'best' | 'last';
  } | null;
}

export type ExportFormat = 'json' | 'onnx' | 'pytorch' | 'predictions';

/** A file produced in memory; the host decides where it goes (save dialog, download, --out). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  data: string | Uint8Array;
}
