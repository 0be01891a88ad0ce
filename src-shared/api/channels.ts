/**
 * The channel tables: every request channel (`domain:verb`, request -> response) and every event
 * the backend pushes, as types and as the runtime lists the hosts check senders against.
 */
import type { SerializedError } from '../errors';
import type { ExportFormat, ExportedFile } from '../model/types';
import type { EpochMetrics, SessionSnapshot, TrainConfig } from '../training/types';
import type { SweepRun } from '../experiments';
import type { LrRangeResult } from '../training/lr-range';
import type { EpochDiagnostics, NeuronMapsFrame } from '../inspection';
import type { DenseParams } from '../engine/types';
import type { EvaluationRequest, EvaluationView } from '../evaluation/view';
import type { PaintRequest } from '../data/paint';
import type { Baselines } from '../evaluation/baselines';
import type {
  CvFoldEvent,
  CvProgressEvent,
  CvStartRequest,
  CvStartResult,
  CvStateEvent,
} from '../evaluation/cv-app';
import type { BuiltinDataRequest, CsvDataRequest, DatasetSummary } from './data';
import type {
  BoundaryFrame,
  EngineThreads,
  NeuronDetails,
  NeuronRequest,
  TrainStartResult,
  WeightEdit,
} from './training';
import type { DataMapFrame, DataMapLayout, DataMapRequest, DataMapRow } from './datamap';
import type { ModelSummary, OpenedFile, ProjectFile, ProjectState } from './files';
import type { SweepStartRequest, SweepStartResult, SweepState } from './sweep';

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
