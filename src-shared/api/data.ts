/** What the UI asks for and gets back about the data set: generated or CSV data and its summary. */
import type { BuiltinKind, MissingPolicy, Task, TablePreview } from '../data/types';

import type { PaintedSnapshot } from '../data/paint';

export type { PaintPoint, PaintRequest, PaintedSnapshot } from '../data/paint';

export interface BuiltinDataRequest {
  kind: BuiltinKind;
  points: number;
  noise: number;
  seed: number;
  valFraction: number;
  /** The rows after painting (a saved project's painted set): restored on top of the generated set. */
  painted?: PaintedSnapshot;
}

export interface CsvDataRequest {
  fileName: string;
  text: string;
  /** Absolute path when known (Electron drag-drop / dialog), kept in projects. */
  path?: string;
  /** Default: the last column. */
  target?: string;
  missing: MissingPolicy;
  valFraction: number;
  seed: number;
}

/** A 2-D point for the scatter/boundary view, in raw (un-standardized) units. */
export interface PlotPoints {
  /** Interleaved x,y pairs. */
  xy: number[];
  /** Class index (classification) or target value (regression) per point. */
  label: number[];
  /** true = validation point. */
  val: boolean[];
  /** The point's row in the data table (a clicked confusion-matrix cell highlights rows by it). */
  rows: number[];
}

export interface DatasetSummary {
  name: string;
  task: Task;
  inputSize: number;
  outputSize: number;
  trainRows: number;
  valRows: number;
  featureNames: string[];
  targetName: string;
  classes: string[] | null;
  notes: string[];
  preview: TablePreview | null;
  /** Present when the data has exactly 2 numeric input features. */
  points: PlotPoints | null;
}
