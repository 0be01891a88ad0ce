/**
 * The one typed contract between the UI and the backend. The Electron preload and the web
 * build's Web Worker transport both serve exactly this: request channels named
 * `domain:verb` (request -> response) and an event stream. The renderer only ever sees
 * `StudioApi` (window.api); it never knows which host it runs on except through `host`.
 *
 * This file is the entry point importers use; the payloads live by role in api/ (data, training,
 * datamap, files, sweep) and the channel tables in api/channels.ts.
 */
import type { SerializedError } from './errors';
import type { ExportFormat, ExportedFile } from './model/types';
import type { SessionSnapshot, TrainConfig } from './training/types';
import type { LrRangeResult } from './training/lr-range';
import type { EvaluationRequest, EvaluationView } from './evaluation/view';
import type { PaintRequest } from './data/paint';
import type { CvStartRequest, CvStartResult } from './evaluation/cv-app';
import type { BuiltinDataRequest, CsvDataRequest, DatasetSummary } from './api/data';
import type {
  EngineThreads,
  NeuronDetails,
  NeuronRequest,
  TrainStartResult,
  WeightEdit,
} from './api/training';
import type { DataMapLayout, DataMapRequest, DataMapRow } from './api/datamap';
import type { ModelSummary, OpenedFile, ProjectFile, ProjectState, SavedFile } from './api/files';
import type { SweepStartRequest, SweepStartResult } from './api/sweep';
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './api/channels';

export type * from './api/data';
export type * from './api/training';
export * from './api/datamap';
export type * from './api/files';
export type * from './api/sweep';
export * from './api/channels';

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
