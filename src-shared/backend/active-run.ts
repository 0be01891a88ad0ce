/**
 * The backend's current training run and everything it tells the host while it goes: progress
 * (throttled, with weights and new layer diagnostics), boundary, neuron-map and data-map frames
 * (throttled), and one 'train:state' per state change. Once the backend ends the run (a new run,
 * Reset, new data, an opened model) it sends nothing more, whatever its driver still finishes.
 */
import type { EventOf, RequestOf } from '../api';
import { serializeError } from '../errors';
import type { ModelFile } from '../model/types';
import { runModelFile, type TrainingRun, type TrainingSession } from '../training';
import { FINAL_STATES, type SessionSnapshot, type SessionState } from '../training/types';
import type { DataMapService } from './datamap';
import { fileBaseName } from './file-names';
import { sessionNeuronMaps } from './inspect';
import { boundaryFrame, gridInputs, planeForModel, type Plane } from './plane';
import { mapPredictor, parameterCount } from './session-views';
import type { BackendHost, BackendOptions } from './studio-backend';

type Progress = EventOf<'train:progress'>;

export interface RunContext {
  host: BackendHost;
  options: Required<BackendOptions>;
  dataMap: DataMapService;
}

export class ActiveRun {
  /** training.session, the part most of this file talks to. */
  readonly session: TrainingSession;
  private readonly plane: Plane | null;
  private lastBoundaryAt = -Infinity;
  /** Diagnostics entries already sent with progress events. */
  private diagnosticsSent = 0;
  private boundaryFrames = 0;
  private lastReportedState: SessionState | null = null;
  /** Set when the backend drops the run: events stop there. */
  private ended = false;

  constructor(
    readonly runId: string,
    readonly training: TrainingRun,
    dataPlane: Plane | null,
    private readonly ctx: RunContext,
  ) {
    this.session = training.session;
    this.plane = planeForModel(dataPlane, this.session.data.preprocessing);
  }

  /** Starts the session; the state it starts in is not reported again. */
  begin(): void {
    this.session.resume();
    this.lastReportedState = this.session.state;
  }

  /** Trains in time slices between host yields until the run rests for good or is ended. */
  drive(onDiverged: (model: ModelFile) => void): void {
    const { host, options } = this.ctx;
    this.training
      .drive({
        onProgress: (metrics, snapshot) => this.reportProgress(metrics, snapshot),
        yieldToHost: () => host.yieldToHost(),
        waitWhilePaused: host.waitWhilePaused ? () => host.waitWhilePaused!() : undefined,
        now: () => host.now(),
        sliceMs: options.sliceMs,
        maxEventsPerSecond: options.maxProgressPerSecond,
      })
      .then(() => {
        // A diverged run kept its last finite epoch: the next Train (with a lower rate, say)
        // continues from there, as the pause it shows promises.
        if (!this.ended && this.session.state === 'diverged' && this.session.epoch > 0)
          onDiverged(this.model());
        this.reportState();
      })
      .catch((err: unknown) => {
        this.session.stop();
        if (this.ended) return;
        const error = serializeError(err);
        host.emit('train:state', {
          runId: this.runId,
          snapshot: { ...this.session.snapshot(), state: 'stopped', message: error.message },
        });
        host.emit('backend:error', { error, recoverable: true });
      });
  }

  /** Stops the session for good; nothing of this run reaches the host afterwards. */
  end(): void {
    this.session.stop();
    this.ended = true;
  }

  /** The run's weights as a model file (what exports and a continued run use). */
  model(): ModelFile {
    return runModelFile(this.training, fileBaseName(this.session.data.name, 'model'));
  }

  control(action: 'pause' | 'resume' | 'stop'): SessionSnapshot {
    this.session[action]();
    this.reportState();
    return this.session.snapshot();
  }

  step(): SessionSnapshot {
    this.training.step();
    // The driver forwards the epoch with its next batch; the boundary is shown at once
    // because a user stepping by hand looks at it after every click.
    this.reportBoundary();
    this.reportState();
    return this.session.snapshot();
  }

  /** An edit shows at once: new weights for the diagram, a new boundary and new neuron maps. */
  setWeight(edit: RequestOf<'train:set-weight'>): SessionSnapshot {
    this.session.setWeight(edit.layer, edit.to, edit.from, edit.value);
    const snapshot = this.session.snapshot();
    this.emitProgress(snapshot, [], []);
    this.reportBoundary();
    return snapshot;
  }

  private reportProgress(metrics: Progress['metrics'], snapshot: SessionSnapshot): void {
    if (this.ended) return;
    this.emitProgress(snapshot, metrics, this.newDiagnostics());
    const final = FINAL_STATES.includes(snapshot.state);
    const { host, options } = this.ctx;
    if (final || host.now() - this.lastBoundaryAt >= 1000 / options.maxBoundaryPerSecond)
      this.reportBoundary();
    this.reportState();
  }

  private emitProgress(
    snapshot: SessionSnapshot,
    metrics: Progress['metrics'],
    diagnostics: Progress['diagnostics'],
  ): void {
    this.ctx.host.emit('train:progress', {
      runId: this.runId,
      snapshot,
      metrics,
      weights: this.progressWeights(),
      diagnostics,
    });
  }

  private newDiagnostics(): Progress['diagnostics'] {
    const all = this.session.diagnostics;
    const fresh = all.slice(this.diagnosticsSent);
    this.diagnosticsSent = all.length;
    return fresh;
  }

  private progressWeights(): Progress['weights'] {
    if (parameterCount(this.session.spec) > this.ctx.options.maxWeightsInProgress) return null;
    return this.session.weights().params;
  }

  private reportBoundary(): void {
    if (this.ended) return;
    const { host, options, dataMap } = this.ctx;
    const session = this.session;
    const mapFrame = dataMap.frame(mapPredictor(session));
    if (mapFrame) host.emit('train:datamap', { runId: this.runId, frame: mapFrame });
    if (!this.plane) {
      this.lastBoundaryAt = host.now();
      return;
    }
    const size = options.gridSize;
    const outputs = session.predict(gridInputs(this.plane, size), size * size);
    const units = session.spec.layers[session.spec.layers.length - 1].units;
    this.lastBoundaryAt = host.now();
    host.emit('train:boundary', {
      runId: this.runId,
      frame: boundaryFrame(this.plane, size, outputs, units, session.data.task),
    });
    // Every other frame while running (all maps weigh ~10x a boundary frame, and the UI paints
    // one canvas per neuron); always when the run rests, so the maps show the final weights.
    this.boundaryFrames++;
    if (session.state !== 'running' || this.boundaryFrames % 2 === 1)
      host.emit('train:neuron-maps', { runId: this.runId, frame: sessionNeuronMaps(session, this.plane) });
  }

  /** 'train:state' fires once per state change, whoever caused it (a request or the run itself). */
  private reportState(): void {
    if (this.ended || this.lastReportedState === this.session.state) return;
    this.lastReportedState = this.session.state;
    this.ctx.host.emit('train:state', { runId: this.runId, snapshot: this.session.snapshot() });
  }
}
