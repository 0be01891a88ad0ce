/**
 * The backend every host runs (the web build's Web Worker, the Electron worker thread, tests):
 * one object that answers each request channel of api.ts with an Envelope and pushes events.
 * It owns the current data set, the current training run and the current model; hosts only
 * move messages and provide a clock and a way to yield.
 *
 * Invariants the UI relies on:
 * - A request that fails (bad payload, bad CSV, bad model file) changes nothing.
 * - Training never blocks a request: the run advances in time slices between host yields.
 * - Events of a discarded run are never delivered after the run was replaced or reset.
 */
import type {
  DatasetSummary,
  Envelope,
  EventChannel,
  EventOf,
  EngineThreads,
  ModelSummary,
  ProjectFile,
  ProjectState,
  RequestChannel,
  RequestOf,
  ResponseOf,
  TrainStartResult,
} from '../api';
import { validateRequest } from '../api-schemas';
import { ExportError, ModelFileError, TrainingError, serializeError } from '../errors';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';
import { SweepService } from './sweep-service';
import { BaselineService } from './baseline-service';
import { CrossValidationService } from './cv-service';
import { mapPredictor } from './session-views';
import type { ExportFormat, ExportedFile, ModelFile } from '../model/types';
import { exportModelFile, parseModel, parseProject } from '../model';
import {
  prepareRun,
  startRun,
  type ContinueFrom,
  type PreparedRun,
  DEFAULT_LR_RANGE,
  lrRangeTest,
  type LrRangeResult,
} from '../training';
import { FINAL_STATES, type SessionSnapshot, type TrainConfig } from '../training/types';
import { DEFAULT_GRID_SIZE } from './plane';
import { neuronDetails } from './inspect';
import { DataMapService } from './datamap';
import { DataPainter } from './paint';
import type { PaintRequest } from '../data/paint';
import { evaluationView, type EvaluationRequest, type EvaluationView } from '../evaluation/view';
import { ActiveRun } from './active-run';
import { dataCsvFile, generatedData, importedData, projectData, type CurrentData } from './current-data';
import { continuesModel, modelSummary, predictionsFile, projectFile } from './model-files';

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

export interface BackendHost {
  emit: EmitEvent;
  /** Gives control back to the host so queued requests (pause, stop) get handled. */
  yieldToHost(): Promise<void>;
  /** Wait used while a run is paused (should sleep ~50 ms); default yieldToHost. */
  waitWhilePaused?(): Promise<void>;
  /** Milliseconds, monotonic. */
  now(): number;
  /** The host's worker pool for sweeps (Web Workers / worker_threads); without it sweeps are refused. */
  createPool?: () => WorkerPool<PoolTasks>;
  /** Sets the GEMM threads for runs started afterwards (the host starts the helpers); returns the count in use. Without it: 1. */
  setGemmThreads?: (threads: number) => number;
  /** Cores of the machine: the default thread count. */
  cores?: number;
}

export interface BackendOptions {
  /** Upper bound on train:progress events per second (default 30). */
  maxProgressPerSecond?: number;
  /** Upper bound on train:boundary frames per second (default 4). */
  maxBoundaryPerSecond?: number;
  /** Cells per side of the boundary grid (default 60). */
  gridSize?: number;
  /** Networks with more parameters than this send no weights with progress (default 5000). */
  maxWeightsInProgress?: number;
  /** Training time between yields, ms (default 30: well under a frame budget of the host). */
  sliceMs?: number;
}

type Handlers = { [C in RequestChannel]: (req: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export class StudioBackend {
  private readonly host: BackendHost;
  private readonly options: Required<BackendOptions>;
  private data: CurrentData | null = null;
  private run: ActiveRun | null = null;
  /** The model exports use when there is no run: a loaded model or the last finished run. */
  private model: ModelFile | null = null;
  /** A loaded model the next compatible train:start continues from (its `initial` weights). */
  private continueFrom: ModelFile | null = null;
  private runCounter = 0;
  private readonly handlers: Handlers;
  private readonly dataMap: DataMapService;
  private readonly sweeps: SweepService;
  private readonly baselines: BaselineService;
  private readonly crossValidation: CrossValidationService;

  constructor(host: BackendHost, options: BackendOptions = {}) {
    this.host = host;
    this.sweeps = new SweepService(host);
    this.baselines = new BaselineService(host);
    this.crossValidation = new CrossValidationService(host);
    this.options = {
      maxProgressPerSecond: options.maxProgressPerSecond ?? 30,
      maxBoundaryPerSecond: options.maxBoundaryPerSecond ?? 4,
      gridSize: options.gridSize ?? DEFAULT_GRID_SIZE,
      maxWeightsInProgress: options.maxWeightsInProgress ?? 5000,
      sliceMs: options.sliceMs ?? 30,
    };
    this.dataMap = new DataMapService(host, this.options.gridSize);
    this.handlers = {
      'data:generate': (req) => this.replaceData(generatedData(req)),
      'data:import-csv': (req) => this.replaceData(importedData(req)),
      'data:export': () => dataCsvFile(this.requireData()),
      'data:paint': (req) => this.paint(req),
      'train:start': (config) => this.startTraining(config),
      'train:pause': () => this.requireRun('pause').control('pause'),
      'train:resume': () => this.requireRun('resume').control('resume'),
      'train:step': () => this.requireRun('step').step(),
      'train:stop': () => this.requireRun('stop').control('stop'),
      'train:reset': () => this.reset(),
      'train:set-weight': (edit) => this.requireRun('edit a weight').setWeight(edit),
      'train:lr-find': (config) => this.findLearningRate(config),
      'inspect:neuron': (req) => neuronDetails(this.requireRun('inspect a neuron').session, req),
      'model:export': (req) => this.exportModel(req.format),
      'model:load': (file) => this.loadModel(file.text, file.fileName),
      'project:save': (state) => this.saveProject(state),
      'project:load': (file) => this.loadProject(file.text, file.fileName),
      'datamap:show': (req) =>
        this.dataMap.show(req, () => (this.run ? mapPredictor(this.run.session) : null)),
      'datamap:row': (req) => this.dataMap.row(req.row),
      'sweep:start': (req) => this.sweeps.start(req, this.requireData()),
      'sweep:stop': () => this.sweeps.stop(),
      'eval:report': (req) => this.evaluate(req),
      'cv:start': (req) => this.crossValidation.start(req, this.requireData()),
      'cv:stop': () => this.crossValidation.stop(),
      'engine:threads': (req) => this.engineThreads(req.threads),
    };
  }

  /** Answers one request. Never throws: every failure becomes an error envelope. */
  async handle(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    try {
      const request = validateRequest(channel, payload);
      const handler = this.handlers[channel as RequestChannel] as (req: unknown) => unknown;
      return { ok: true, value: await handler(request) };
    } catch (err) {
      return { ok: false, error: serializeError(err) };
    }
  }

  /** Stops any run (hosts call this before shutting the backend down). */
  dispose(): void {
    this.sweeps.dispose();
    this.crossValidation.dispose();
    this.baselines.dispose();
    this.endRun(false);
  }

  // ---------- data ----------

  /** New data, built in full before this (a bad CSV fails before anything changes). */
  private replaceData(data: CurrentData): DatasetSummary {
    // The run trained on the old data: end it, but keep its weights as the current model so
    // "train on one file, export predictions for another" works.
    this.endRun(true);
    this.data = data;
    this.dataMap.setData(data.table, data.prepared, data.prepare.seed);
    return data.summary;
  }

  /**
   * Painted points join the data at once; like TensorFlow Playground, whatever the run is doing
   * goes on (a running or paused run trains on the new rows from its next epoch; a finished
   * one leaves them to the next Train).
   */
  private paint(req: PaintRequest): DatasetSummary {
    const data = this.requireData();
    data.painter ??= new DataPainter(data);
    const next = data.painter.apply(req);
    if (!next) return data.summary;
    this.data = { ...data, ...next };
    this.dataMap.setData(next.table, next.prepared, data.prepare.seed);
    // A run continuing a loaded model encodes rows its own way; the next Train takes the new rows.
    const run = this.run;
    if (run && !run.training.prepared.fromModel && !FINAL_STATES.includes(run.session.state))
      run.session.replaceRows(next.prepared);
    return next.summary;
  }

  /** The current model (a run's or an opened one) on the current data's train or val rows. */
  private evaluate(req: EvaluationRequest): EvaluationView {
    const data = this.requireData();
    const model = this.currentModel();
    if (!model) throw new TrainingError('nothing to evaluate: train a model or open a model file first');
    const part = req.split === 'train' ? data.prepared.train : data.prepared.val;
    const seed = data.prepared.split?.seed ?? 1;
    return evaluationView(model, data.table, part ? part.rowIndex : null, req, seed);
  }

  private gemmThreads: number | null = null;

  /** Reads or sets the GEMM threads; runs started afterwards use the new count. */
  private engineThreads(threads: number | undefined): EngineThreads {
    const cores = Math.max(1, this.host.cores ?? 1);
    const set = this.host.setGemmThreads;
    if (set === undefined) return { threads: 1, cores, available: false };
    if (threads !== undefined || this.gemmThreads === null) this.gemmThreads = set(threads ?? cores);
    return { threads: this.gemmThreads, cores, available: true };
  }

  private requireData(): CurrentData {
    if (!this.data)
      throw new TrainingError('no data yet: choose a built-in data set or import a CSV file first');
    return this.data;
  }

  // ---------- training ----------

  /**
   * The next run's data: a loaded model it continues re-encodes the rows with the model's own
   * preprocessing, as `nanograd train --from-model` does.
   */
  private prepareNextRun(config: TrainConfig, data: CurrentData): PreparedRun {
    const model =
      this.continueFrom && continuesModel(this.continueFrom, config, data) ? this.continueFrom : null;
    const from: ContinueFrom | null = model ? { model, label: `the loaded model "${model.name}"` } : null;
    return prepareRun({ table: data.table, prepared: data.prepared }, from);
  }

  private startTraining(config: TrainConfig): TrainStartResult {
    const data = this.requireData();
    // Everything that can fail runs before the current run is touched.
    const prepared = this.prepareNextRun(config, data);
    const training = startRun(prepared, config, { now: () => this.host.now() });
    this.endRun(false);
    if (prepared.fromModel) this.continueFrom = null;
    this.model = null;
    const context = { host: this.host, options: this.options, dataMap: this.dataMap };
    const run = new ActiveRun(`run-${++this.runCounter}`, training, data.plane, context);
    this.run = run;
    run.begin();
    this.baselines.fit(run.runId, data, config);
    run.drive((model) => {
      this.continueFrom = model;
    });
    return { runId: run.runId, snapshot: run.session.snapshot() };
  }

  /** The range test from the weights the next run would start from (a loaded model's, or the seeded ones). */
  private findLearningRate(config: TrainConfig): LrRangeResult {
    return lrRangeTest(this.prepareNextRun(config, this.requireData()), config, DEFAULT_LR_RANGE);
  }

  private requireRun(action: string): ActiveRun {
    if (!this.run) throw new TrainingError(`cannot ${action}: no training run (press Train first)`);
    return this.run;
  }

  private reset(): SessionSnapshot | null {
    const run = this.run;
    this.endRun(false);
    this.model = null;
    this.continueFrom = null;
    return run ? run.session.snapshot() : null;
  }

  /** Stops and forgets the current run; optionally keeps its weights as the current model. */
  private endRun(keepModel: boolean): void {
    const run = this.run;
    if (!run) return;
    run.end();
    this.baselines.cancel();
    this.run = null;
    if (keepModel && run.session.epoch > 0) this.model = run.model();
  }

  // ---------- models and projects ----------

  private currentModel(): ModelFile | null {
    if (this.run) return this.run.model();
    return this.model;
  }

  private exportModel(format: ExportFormat): ExportedFile {
    const model = this.currentModel();
    if (!model) throw new ExportError('nothing to export: train a model or open a model file first');
    if (format !== 'predictions') return exportModelFile(model, format);
    if (!this.data)
      throw new ExportError('no data to predict: choose a built-in data set or import a CSV file first');
    // Predictions are for the CURRENT data.
    return predictionsFile(model, this.data);
  }

  private loadModel(text: string, fileName: string): ModelSummary {
    const model = parseModel(text, fileName);
    this.adoptModel(model);
    return modelSummary(model);
  }

  private saveProject(state: ProjectState): ExportedFile {
    const run = this.run;
    // A diverged run holds its last finite epoch's weights (none when the first epoch diverged).
    const saved = { ...state, data: projectData(state.data, this.data) };
    return projectFile(saved, run && run.session.epoch === 0 ? null : this.currentModel());
  }

  private loadProject(text: string, fileName: string): ProjectFile {
    const project = parseProject(text, fileName);
    const data = project.state.data;
    // Painted rows must fit their generated set (classes, row counts): checked here so a bad
    // file fails on open, naming its field, before anything changes.
    if (data.source === 'builtin' && data.request.painted)
      generatedData(data.request, ({ field, message }) => {
        const path = `state.data.request.painted.${field}`;
        return new ModelFileError(`${fileName}: field "${path}" ${message}`, { file: fileName, field: path });
      });
    if (project.model) this.adoptModel(project.model);
    return project;
  }

  private adoptModel(model: ModelFile): void {
    this.endRun(false);
    this.model = model;
    this.continueFrom = model;
  }
}
