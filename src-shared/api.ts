/**
 * The one typed contract between the UI and the backend. The Electron preload and the web
 * build's Web Worker transport both serve exactly this: request channels named
 * `domain:verb` (request -> response) and an event stream. The renderer only ever sees
 * `StudioApi` (window.api); it never knows which host it runs on except through `host`.
 */
import type { SerializedError } from './errors';
import type { BuiltinKind, MissingPolicy, Task, TablePreview } from './data/types';
import type { DenseParams, MlpSpec } from './engine/types';
import type { ExportFormat, ExportedFile, ModelFile } from './model/types';
import type { EpochMetrics, SessionSnapshot, TrainConfig } from './training/types';
import type { GridParam, RangeParam, SweepRun } from './experiments';
import type { LrRangeResult } from './training/lr-range';
import type { ActivationHistogram, EpochDiagnostics, NeuronMapsFrame } from './inspection';
import type { Activation } from './engine/types';
import type { EvaluationRequest, EvaluationView } from './evaluation/view';
import type { PaintRequest } from './data/paint';
import type { Baselines } from './evaluation/baselines';
import type {
  CvFoldEvent,
  CvProgressEvent,
  CvStartRequest,
  CvStartResult,
  CvStateEvent,
} from './evaluation/cv-app';

export type { PaintPoint, PaintRequest } from './data/paint';

// ---------- payloads ----------

export interface BuiltinDataRequest {
  kind: BuiltinKind;
  points: number;
  noise: number;
  seed: number;
  valFraction: number;
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

export interface TrainStartResult {
  runId: string;
  snapshot: SessionSnapshot;
}

export interface ModelSummary {
  name: string;
  task: Task;
  spec: MlpSpec;
  featureNames: string[];
  classes: string[] | null;
  config: TrainConfig | null;
  /** The curves of the run that wrote the file (e.g. the exported PyTorch script's --train). */
  history: EpochMetrics[];
}

/** The UI's saved state: what a project file holds besides the trained weights. */
export interface ProjectState {
  name: string;
  data:
    | { source: 'builtin'; request: BuiltinDataRequest }
    | {
        source: 'csv';
        fileName: string;
        path?: string;
        /** Embedded when small (<= 1 MB) so the project opens anywhere. */
        text?: string;
        target?: string;
        missing: MissingPolicy;
        valFraction: number;
        seed: number;
      };
  config: TrainConfig;
  history: EpochMetrics[];
}

export interface ProjectFile {
  format: 'nanograd-studio/project';
  version: 1;
  state: ProjectState;
  model: ModelFile | null;
}

export interface OpenedFile {
  fileName: string;
  text: string;
  path?: string;
}

export interface SavedFile {
  fileName: string;
  /** Where it went: a path (Electron/CLI) or 'download' (web). */
  location: string;
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

// ---------- request channels ----------

export interface RequestMap {
  'data:generate': { req: BuiltinDataRequest; res: DatasetSummary };
  'data:import-csv': { req: CsvDataRequest; res: DatasetSummary };
  /** The current data set as CSV with a `split` column (train / validation / unused). */
  'data:export': { req: Record<string, never>; res: ExportedFile };
  /** Paint mode on a generated 2-D set: add, erase or undo a stroke; a run goes on with the new rows. */
  'data:paint': { req: PaintRequest; res: DatasetSummary };
  'train:start': { req: TrainConfig; res: TrainStartResult };
  'train:pause': { req: Record<string, never>; res: SessionSnapshot };
  'train:resume': { req: Record<string, never>; res: SessionSnapshot };
  'train:step': { req: Record<string, never>; res: SessionSnapshot };
  'train:stop': { req: Record<string, never>; res: SessionSnapshot };
  'train:reset': { req: Record<string, never>; res: SessionSnapshot | null };
  'train:set-weight': { req: WeightEdit; res: SessionSnapshot };
  /** The learning-rate range test for this config on the current data (see training/lr-range.ts). */
  'train:lr-find': { req: TrainConfig; res: LrRangeResult };
  'inspect:neuron': { req: NeuronRequest; res: NeuronDetails };
  'model:export': { req: { format: ExportFormat }; res: ExportedFile };
  'model:load': { req: OpenedFile; res: ModelSummary };
  'project:save': { req: ProjectState; res: ExportedFile };
  'project:load': { req: OpenedFile; res: ProjectFile };
  'datamap:show': { req: DataMapRequest; res: DataMapLayout };
  'datamap:row': { req: { row: number }; res: DataMapRow };
  'sweep:start': { req: SweepStartRequest; res: SweepStartResult };
  'sweep:stop': { req: Record<string, never>; res: { finished: number } };
  'eval:report': { req: EvaluationRequest; res: EvaluationView };
  /** K-fold cross-validation of a design on the current data, on the worker pool. */
  'cv:start': { req: CvStartRequest; res: CvStartResult };
  'cv:stop': { req: Record<string, never>; res: { finished: number } };
  /** Threads for large matrix products (results are identical whatever the count); without `threads`, only reads. */
  'engine:threads': { req: { threads?: number }; res: EngineThreads };
}

export interface EngineThreads {
  /** Threads in use (1 where shared memory is unavailable, e.g. a web build without cross-origin isolation). */
  threads: number;
  /** Cores of this machine (the default). */
  cores: number;
  /** Whether more than one thread is possible here. */
  available: boolean;
}
export type RequestChannel = keyof RequestMap;
export type RequestOf<C extends RequestChannel> = RequestMap[C]['req'];
export type ResponseOf<C extends RequestChannel> = RequestMap[C]['res'];

export const REQUEST_CHANNELS = [
  'data:generate',
  'data:import-csv',
  'data:export',
  'data:paint',
  'train:start',
  'train:pause',
  'train:resume',
  'train:step',
  'train:stop',
  'train:reset',
  'train:set-weight',
  'train:lr-find',
  'inspect:neuron',
  'model:export',
  'model:load',
  'project:save',
  'project:load',
  'datamap:show',
  'datamap:row',
  'sweep:start',
  'sweep:stop',
  'eval:report',
  'cv:start',
  'cv:stop',
  'engine:threads',
] as const satisfies readonly RequestChannel[];

// ---------- events (backend -> UI) ----------

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

export interface EventMap {
  /** Batched: all epochs since the last event (at most ~30 events a second). */
  'train:progress': {
    runId: string;
    snapshot: SessionSnapshot;
    metrics: EpochMetrics[];
    /** Current weights for the network diagram (omitted for large networks). */
    weights: DenseParams[] | null;
    /** Per-layer weight/gradient norms of the epochs since the last event (and a diverged one). */
    diagnostics?: EpochDiagnostics[];
  };
  'train:boundary': { runId: string; frame: BoundaryFrame };
  /** Every neuron's activation over the 2-D input plane, sent with the boundary frames. */
  'train:neuron-maps': { runId: string; frame: NeuronMapsFrame };
  /** The data map's predictions, throttled like the boundary. */
  'train:datamap': { runId: string; frame: DataMapFrame };
  /** Progress of a slow data map layout (UMAP), in epochs. */
  'datamap:progress': { layoutId: number; done: number; total: number };
  /** State changes (paused, stopped, done, diverged, error) with a one-line message. */
  'train:state': { runId: string; snapshot: SessionSnapshot };
  /** The backend itself failed (e.g. the Electron worker crashed); the UI can retry. */
  'backend:error': { error: SerializedError; recoverable: boolean };
  /** Desktop menu commands forwarded to the UI. */
  'app:command': { command: AppCommand };
  /** A sweep run finished (done, diverged or failed); runs arrive in finishing order. */
  'sweep:run': { sweepId: string; run: SweepRun };
  /** Sweep progress, at most a few per second: finished runs and the epoch of each running one. */
  'sweep:progress': {
    sweepId: string;
    done: number;
    total: number;
    running: { index: number; epoch: number; totalEpochs: number }[];
  };
  /** The sweep ended: all runs done, stopped (finished runs kept) or failed (one-line message). */
  'sweep:state': { sweepId: string; state: SweepState; message: string | null; seconds: number };
  /** The run's trivial and linear baselines on its split, fitted beside it (off the UI thread). */
  'train:baselines': { runId: string; baselines: Baselines };
  'cv:fold': CvFoldEvent;
  'cv:progress': CvProgressEvent;
  'cv:state': CvStateEvent;
}
export type EventChannel = keyof EventMap;
export type EventOf<E extends EventChannel> = EventMap[E];
export const EVENT_CHANNELS = [
  'train:progress',
  'train:boundary',
  'train:neuron-maps',
  'train:datamap',
  'datamap:progress',
  'train:state',
  'backend:error',
  'app:command',
  'sweep:run',
  'sweep:progress',
  'sweep:state',
  'train:baselines',
  'cv:fold',
  'cv:progress',
  'cv:state',
] as const satisfies readonly EventChannel[];

export type AppCommand =
  | 'open-csv'
  | 'open-model'
  | 'open-project'
  | 'save-project'
  | 'export-json'
  | 'export-onnx'
  | 'export-pytorch'
  | 'export-predictions'
  | 'train-toggle'
  | 'step'
  | 'reset';

// ---------- transport ----------

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export type Invoke = <C extends RequestChannel>(
  channel: C,
  payload: RequestOf<C>,
) => Promise<Envelope<ResponseOf<C>>>;
export type Subscribe = <E extends EventChannel>(
  event: E,
  listener: (payload: EventOf<E>) => void,
) => () => void;

/** What the renderer sees as `window.api`. */
export interface StudioApi {
  readonly host: 'electron' | 'web';
  data: {
    generate(req: BuiltinDataRequest): Promise<DatasetSummary>;
    importCsv(req: CsvDataRequest): Promise<DatasetSummary>;
    export(): Promise<ExportedFile>;
    paint(req: PaintRequest): Promise<DatasetSummary>;
  };
  train: {
    start(config: TrainConfig): Promise<TrainStartResult>;
    pause(): Promise<SessionSnapshot>;
    resume(): Promise<SessionSnapshot>;
    step(): Promise<SessionSnapshot>;
    stop(): Promise<SessionSnapshot>;
    reset(): Promise<SessionSnapshot | null>;
    /** Edits one weight or bias of a paused run. */
    setWeight(edit: WeightEdit): Promise<SessionSnapshot>;
    /** Learning-rate range test from the run's initial weights; no run's weights change. */
    lrFind(config: TrainConfig): Promise<LrRangeResult>;
  };
  inspect: {
    neuron(req: NeuronRequest): Promise<NeuronDetails>;
  };
  model: {
    export(format: ExportFormat): Promise<ExportedFile>;
    load(file: OpenedFile): Promise<ModelSummary>;
  };
  project: {
    save(state: ProjectState): Promise<ExportedFile>;
    load(file: OpenedFile): Promise<ProjectFile>;
  };
  dataMap: {
    show(req: DataMapRequest): Promise<DataMapLayout>;
    row(row: number): Promise<DataMapRow>;
  };
  /** Sweeps run on the host's worker pool (worker_threads / Web Workers), never on the UI thread. */
  sweep: {
    start(req: SweepStartRequest): Promise<SweepStartResult>;
    stop(): Promise<{ finished: number }>;
  };
  evaluation: {
    /** The current model scored on the current data's training or validation rows. */
    report(req: EvaluationRequest): Promise<EvaluationView>;
  };
  /** Cross-validation folds run on the host's worker pool (one after the other without one). */
  crossValidation: {
    start(req: CvStartRequest): Promise<CvStartResult>;
    stop(): Promise<{ finished: number }>;
  };
  /** Threads for large matrix products: `set` changes the count, `get` reads it. */
  engine: {
    threads(threads?: number): Promise<EngineThreads>;
  };
  /** Host file access: native dialogs in Electron, <input type=file>/download in the browser. */
  files: {
    open(kind: 'csv' | 'model' | 'project'): Promise<OpenedFile | null>;
    save(file: ExportedFile): Promise<SavedFile | null>;
  };
  on: Subscribe;
}
