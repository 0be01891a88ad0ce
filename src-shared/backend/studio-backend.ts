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
import { ExportError, TrainingError, serializeError } from '../errors';
import type { PrepareOptions, PreparedData, Table } from '../data/types';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';
import { SweepService } from './sweep-service';
import { BaselineService } from './baseline-service';
import { CrossValidationService } from './cv-service';
import { builtinDefaults, datasetCsv, generateTable, parseCsv, prepareDataset, previewTable } from '../data';
import { featuresMatch } from '../data/prepare/apply-input-features';
import { mapPredictor, parameterCount } from './session-views';
import type { ExportFormat, ExportedFile, ModelFile } from '../model/types';
import {
  exportModelFile,
  modelBaseName,
  modelNetwork,
  parseModel,
  parseProject,
  predictTable,
  predictionsCsv,
  serializeProject,
} from '../model';
import {
  prepareRun,
  runModelFile,
  startRun,
  type ContinueFrom,
  type PreparedRun,
  type TrainingRun,
  type TrainingSession,
  DEFAULT_LR_RANGE,
  lrRangeTest,
  type LrRangeResult,
} from '../training';
import { FINAL_STATES, type SessionSnapshot, type SessionState, type TrainConfig } from '../training/types';
import { DEFAULT_GRID_SIZE, boundaryFrame, dataPlane, gridInputs, planeForModel, type Plane } from './plane';
import { fileBaseName } from './file-names';
import { neuronDetails, sessionNeuronMaps } from './inspect';
import { DataMapService } from './datamap';
import { DataPainter } from './paint';
import type { PaintRequest } from '../data/paint';
import { evaluationView, type EvaluationRequest, type EvaluationView } from '../evaluation/view';

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

interface CurrentData {
  table: Table;
  /** How `table` was prepared (sweep runs prepare it the same way in their workers). */
  prepare: PrepareOptions;
  prepared: PreparedData;
  summary: DatasetSummary;
  plane: Plane | null;
  /** Built by a generator: Paint mode can change it (the painter exists from the first stroke). */
  generated: boolean;
  painter?: DataPainter;
}

interface Run {
  runId: string;
  training: TrainingRun;
  /** training.session, the part most of this file talks to. */
  session: TrainingSession;
  plane: Plane | null;
  lastBoundaryAt: number;
  /** Diagnostics entries already sent with progress events. */
  diagnosticsSent: number;
  boundaryFrames: number;
  lastReportedState: SessionState | null;
}

type Handlers = { [C in RequestChannel]: (req: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

export class StudioBackend {
  private readonly host: BackendHost;
  private readonly options: Required<BackendOptions>;
  private data: CurrentData | null = null;
  private run: Run | null = null;
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
      'data:generate': (req) => this.generateData(req),
      'data:import-csv': (req) => this.importCsv(req),
      'data:export': () => this.exportData(),
      'data:paint': (req) => this.paint(req),
      'train:start': (config) => this.startTraining(config),
      'train:pause': () => this.control('pause'),
      'train:resume': () => this.control('resume'),
      'train:step': () => this.step(),
      'train:stop': () => this.control('stop'),
      'train:reset': () => this.reset(),
      'train:set-weight': (edit) => this.setWeight(edit),
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

  private generateData(req: RequestOf<'data:generate'>): DatasetSummary {
    const table = generateTable(req.kind, { points: req.points, noise: req.noise, seed: req.seed });
    const prepare: PrepareOptions = {
      task: builtinDefaults(req.kind).task,
      valFraction: req.valFraction,
      seed: req.seed,
      missing: 'drop',
      standardize: false,
    };
    return this.replaceData(table, prepareDataset(table, prepare), prepare, true);
  }

  private importCsv(req: RequestOf<'data:import-csv'>): DatasetSummary {
    // Everything that can fail runs before the current data is touched.
    const table = parseCsv(req.text, req.fileName);
    const prepare: PrepareOptions = {
      target: req.target,
      valFraction: req.valFraction,
      seed: req.seed,
      missing: req.missing,
      standardize: true,
    };
    return this.replaceData(table, prepareDataset(table, prepare), prepare, false);
  }

  private replaceData(
    table: Table,
    prepared: PreparedData,
    prepare: PrepareOptions,
    generated: boolean,
  ): DatasetSummary {
    const plane = dataPlane(prepared);
    const summary: DatasetSummary = {
      name: prepared.name,
      task: prepared.task,
      inputSize: prepared.train.inputSize,
      outputSize: prepared.train.outputSize,
      trainRows: prepared.train.n,
      valRows: prepared.val?.n ?? 0,
      featureNames: [...prepared.preprocessing.encodedNames],
      targetName: prepared.preprocessing.target.name,
      classes: prepared.preprocessing.target.classes ? [...prepared.preprocessing.target.classes] : null,
      notes: [...prepared.notes],
      preview: previewTable(table),
      points: plane ? plane.points : null,
    };
    // The run trained on the old data: end it, but keep its weights as the current model so
    // "train on one file, export predictions for another" works.
    this.endRun(true);
    this.data = { table, prepare, prepared, summary, plane, generated };
    this.dataMap.setData(table, prepared, prepare.seed);
    return summary;
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

  private exportData(): ExportedFile {
    const { table, prepared } = this.requireData();
    return {
      fileName: `${fileBaseName(prepared.name, 'data')}-data.csv`,
      mimeType: 'text/csv',
      data: datasetCsv(table, prepared),
    };
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
      this.continueFrom && this.continues(this.continueFrom, config, data) ? this.continueFrom : null;
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
    const session = training.session;
    const run: Run = {
      runId: `run-${++this.runCounter}`,
      training,
      session,
      plane: planeForModel(data.plane, session.data.preprocessing),
      lastBoundaryAt: -Infinity,
      diagnosticsSent: 0,
      boundaryFrames: 0,
      lastReportedState: null,
    };
    this.run = run;
    session.resume();
    run.lastReportedState = session.state;
    this.baselines.fit(run.runId, data, config);
    this.drive(run);
    return { runId: run.runId, snapshot: session.snapshot() };
  }

  /** The range test from the weights the next run would start from (a loaded model's, or the seeded ones). */
  private findLearningRate(config: TrainConfig): LrRangeResult {
    return lrRangeTest(this.prepareNextRun(config, this.requireData()), config, DEFAULT_LR_RANGE);
  }

  /**
   * A loaded model is continued when the run asks for the same hidden layers on data with the
   * model's input columns and target; prepareRun then checks task and classes (a clear error
   * rather than a silent fresh start) and encodes the rows as the model expects.
   */
  private continues(model: ModelFile, config: TrainConfig, data: CurrentData): boolean {
    const hidden = modelNetwork(model).spec.layers.slice(0, -1);
    const sameHidden =
      hidden.length === config.hiddenLayers.length &&
      hidden.every(
        (layer, i) =>
          layer.units === config.hiddenLayers[i].units &&
          layer.activation === config.hiddenLayers[i].activation,
      );
    const columns = new Set(data.table.columns.map((c) => c.name));
    const pre = model.preprocessing;
    return (
      sameHidden &&
      pre.target.name === data.prepared.preprocessing.target.name &&
      featuresMatch(pre, config.features) &&
      pre.features.every((f) => columns.has(f.name))
    );
  }

  private drive(run: Run): void {
    run.training
      .drive({
        onProgress: (metrics, snapshot) => this.reportProgress(run, metrics, snapshot),
        yieldToHost: () => this.host.yieldToHost(),
        waitWhilePaused: this.host.waitWhilePaused ? () => this.host.waitWhilePaused!() : undefined,
        now: () => this.host.now(),
        sliceMs: this.options.sliceMs,
        maxEventsPerSecond: this.options.maxProgressPerSecond,
      })
      .then(() => {
        // A diverged run kept its last finite epoch: the next Train (with a lower rate, say)
        // continues from there, as the pause it shows promises.
        if (this.run === run && run.session.state === 'diverged' && run.session.epoch > 0)
          this.continueFrom = this.modelFromRun(run);
        this.reportState(run);
      })
      .catch((err: unknown) => {
        run.session.stop();
        if (this.run !== run) return;
        const error = serializeError(err);
        this.host.emit('train:state', {
          runId: run.runId,
          snapshot: { ...run.session.snapshot(), state: 'stopped', message: error.message },
        });
        this.host.emit('backend:error', { error, recoverable: true });
      });
  }

  private reportProgress(run: Run, metrics: RequestOfProgress['metrics'], snapshot: SessionSnapshot): void {
    if (this.run !== run) return;
    this.host.emit('train:progress', {
      runId: run.runId,
      snapshot,
      metrics,
      weights: this.progressWeights(run),
      diagnostics: this.newDiagnostics(run),
    });
    const final = FINAL_STATES.includes(snapshot.state);
    if (final || this.host.now() - run.lastBoundaryAt >= 1000 / this.options.maxBoundaryPerSecond)
      this.reportBoundary(run);
    this.reportState(run);
  }

  private newDiagnostics(run: Run): RequestOfProgress['diagnostics'] {
    const all = run.session.diagnostics;
    const fresh = all.slice(run.diagnosticsSent);
    run.diagnosticsSent = all.length;
    return fresh;
  }

  private progressWeights(run: Run): RequestOfProgress['weights'] {
    const spec = run.session.spec;
    if (parameterCount(spec) > this.options.maxWeightsInProgress) return null;
    return run.session.weights().params;
  }

  private reportBoundary(run: Run): void {
    if (this.run !== run) return;
    const mapFrame = this.dataMap.frame(mapPredictor(run.session));
    if (mapFrame) this.host.emit('train:datamap', { runId: run.runId, frame: mapFrame });
    if (!run.plane) {
      run.lastBoundaryAt = this.host.now();
      return;
    }
    const size = this.options.gridSize;
    const outputs = run.session.predict(gridInputs(run.plane, size), size * size);
    const units = run.session.spec.layers[run.session.spec.layers.length - 1].units;
    run.lastBoundaryAt = this.host.now();
    this.host.emit('train:boundary', {
      runId: run.runId,
      frame: boundaryFrame(run.plane, size, outputs, units, run.session.data.task),
    });
    // Every other frame while running (all maps weigh ~10x a boundary frame, and the UI paints
    // one canvas per neuron); always when the run rests, so the maps show the final weights.
    run.boundaryFrames++;
    if (run.session.state !== 'running' || run.boundaryFrames % 2 === 1)
      this.host.emit('train:neuron-maps', {
        runId: run.runId,
        frame: sessionNeuronMaps(run.session, run.plane),
      });
  }

  /** 'train:state' fires once per state change, whoever caused it (a request or the run itself). */
  private reportState(run: Run): void {
    if (this.run !== run || run.lastReportedState === run.session.state) return;
    run.lastReportedState = run.session.state;
    this.host.emit('train:state', { runId: run.runId, snapshot: run.session.snapshot() });
  }

  private requireRun(action: string): Run {
    if (!this.run) throw new TrainingError(`cannot ${action}: no training run (press Train first)`);
    return this.run;
  }

  private control(action: 'pause' | 'resume' | 'stop'): SessionSnapshot {
    const run = this.requireRun(action);
    run.session[action]();
    this.reportState(run);
    return run.session.snapshot();
  }

  private step(): SessionSnapshot {
    const run = this.requireRun('step');
    run.training.step();
    // The driver forwards the epoch with its next batch; the boundary is shown at once
    // because a user stepping by hand looks at it after every click.
    this.reportBoundary(run);
    this.reportState(run);
    return run.session.snapshot();
  }

  /** An edit shows at once: new weights for the diagram, a new boundary and new neuron maps. */
  private setWeight(edit: RequestOf<'train:set-weight'>): SessionSnapshot {
    const run = this.requireRun('edit a weight');
    run.session.setWeight(edit.layer, edit.to, edit.from, edit.value);
    const snapshot = run.session.snapshot();
    this.host.emit('train:progress', {
      runId: run.runId,
      snapshot,
      metrics: [],
      weights: this.progressWeights(run),
      diagnostics: [],
    });
    this.reportBoundary(run);
    return snapshot;
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
    run.session.stop();
    this.baselines.cancel();
    this.run = null;
    if (keepModel && run.session.epoch > 0) this.model = this.modelFromRun(run);
  }

  // ---------- models and projects ----------

  private modelFromRun(run: Run): ModelFile {
    return runModelFile(run.training, fileBaseName(run.session.data.name, 'model'));
  }

  private currentModel(): ModelFile | null {
    if (this.run) return this.modelFromRun(this.run);
    return this.model;
  }

  private exportModel(format: ExportFormat): ExportedFile {
    const model = this.currentModel();
    if (!model) throw new ExportError('nothing to export: train a model or open a model file first');
    if (format !== 'predictions') return exportModelFile(model, format);
    if (!this.data)
      throw new ExportError('no data to predict: choose a built-in data set or import a CSV file first');
    // Predictions are for the CURRENT data (possibly a new file run through the model's own preprocessing).
    const table = this.data.table;
    const csv = predictionsCsv(model, table, predictTable(model, table));
    return {
      fileName: `${fileBaseName(this.data.prepared.name, modelBaseName(model))}-predictions.csv`,
      mimeType: 'text/csv',
      data: csv,
    };
  }

  private loadModel(text: string, fileName: string): ModelSummary {
    const model = parseModel(text, fileName);
    this.adoptModel(model);
    return modelSummary(model);
  }

  private saveProject(state: ProjectState): ExportedFile {
    const run = this.run;
    // A diverged run holds its last finite epoch's weights (none when the first epoch diverged).
    const model = run && run.session.epoch === 0 ? null : this.currentModel();
    const project: ProjectFile = { format: 'nanograd-studio/project', version: 1, state, model };
    return {
      fileName: `${fileBaseName(state.name, 'project')}.nnproj`,
      mimeType: 'application/json',
      data: serializeProject(project),
    };
  }

  private loadProject(text: string, fileName: string): ProjectFile {
    const project = parseProject(text, fileName);
    if (project.model) this.adoptModel(project.model);
    return project;
  }

  private adoptModel(model: ModelFile): void {
    this.endRun(false);
    this.model = model;
    this.continueFrom = model;
  }
}

type RequestOfProgress = EventOf<'train:progress'>;

export function modelSummary(model: ModelFile): ModelSummary {
  return {
    name: model.name,
    task: model.task,
    spec: modelNetwork(model).spec,
    featureNames: [...model.preprocessing.encodedNames],
    classes: model.preprocessing.target.classes ? [...model.preprocessing.target.classes] : null,
    config: model.training?.config ?? null,
    history: model.training?.history ?? [],
  };
}
