/** The data map of a wide data set (see src-shared/datamap): its layout, live frames and hover rows. */
import type { BoundaryFrame } from './training';

/** What the data map of a wide data set shows (see src-shared/datamap). */
export const DATA_MAP_KINDS = ['pca', 'umap', 'slice', 'predicted'] as const;
export type DataMapKind = (typeof DATA_MAP_KINDS)[number];

export interface DataMapRequest {
  map: DataMapKind;
  /** Slice: the input columns on the axes (default: the first two numeric inputs). */
  horizontal?: string;
  vertical?: string;
  /** Slice: hold the other inputs at this drawn row's values (index into the layout's rows); default their training medians. */
  heldRow?: number;
}

/** The static part of a data map: where each drawn row sits. Predictions come in DataMapFrames. */
export interface DataMapLayout {
  /** Increases with every layout; frames name the layout they belong to. */
  layoutId: number;
  map: DataMapKind;
  /** Interleaved x,y per drawn row ('predicted': x = actual value, y filled from frames). */
  xy: number[];
  /** Class index (classification) or target value in raw units (regression) per drawn row. */
  label: number[];
  /** true = validation row. */
  val: boolean[];
  /** The drawn row's index in the data table. */
  rows: number[];
  /** Rows in the data set; more than label.length when a seeded sample is drawn. */
  totalRows: number;
  xLabel: string;
  yLabel: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  slice: {
    /** Numeric input columns that can be axes. */
    columns: string[];
    horizontal: string;
    vertical: string;
    heldRow: number | null;
    /** What the other inputs are held at, e.g. "training medians" or "row 12". */
    heldAt: string;
  } | null;
  /** Predictions of the current model when there is one. */
  frame: DataMapFrame | null;
}

/** The model's view of the drawn rows (and the slice surface), sent live while training. */
export interface DataMapFrame {
  layoutId: number;
  /** Predicted class index or value per drawn row. */
  predicted: number[];
  /** Classification: predicted probability of each row's true class; regression: null. */
  confidence: number[] | null;
  /** Classification: drawn rows whose predicted class is wrong; regression: null. */
  misclassified: number | null;
  /** Regression: R² of the drawn rows; classification: null. */
  r2: number | null;
  /** Slice: the decision function over the two columns (raw units). */
  surface: BoundaryFrame | null;
}

/** One drawn row as written in the data, for the map's hover card. */
export interface DataMapRow {
  /** Line in the file (header = 1) or row number of generated data. */
  line: number;
  cells: { name: string; value: string }[];
  target: string;
}
