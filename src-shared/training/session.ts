/**
 * The training session: the one place where training happens. A pure state machine that any
 * host (CLI, Electron worker thread, Web Worker) drives by calling `advance(budgetMs)` in time
 * slices, so pause and stop take effect within an epoch, never only between epochs.
 *
 *   idle --advance/resume--> running <--pause/resume--> paused
 *   idle|running|paused --stop--> stopped;  last epoch --> done;  NaN/Inf loss --> diverged
 *   stepEpoch(): one whole epoch from idle, running or paused (idle becomes paused: the user
 *   took manual control). stopped, done and diverged are final: pause/resume/stop are no-ops
 *   there and stepEpoch throws a TrainingError.
 *
 * Schedules set the optimizer's rate before each epoch (or batch, onecycle); early stopping ends
 * the run ('done') after `patience` epochs without a better validation loss and, with keep
 * 'best', puts the best epoch's weights back (also when the run ends or is stopped otherwise).
 * A non-finite loss ends the run at once ('diverged') with the weights of the last finite epoch.
 * Those kept weights live in KeptWeights (kept-weights.ts); the network a config defines and
 * the scoring of one split in network-spec.ts; the host's options in session-options.ts.
 *
 * Determinism: the initial weights, the batch order (reshuffled in place before every epoch, as
 * the benchmark anchors do) and dropout each read their own stream of the seed (SEED_STREAMS,
 * engine/rng.ts), so the same data + config gives a bit-identical run.
 */
import { TrainingError, ConfigError } from '../errors';
import { SEED_STREAMS, deriveSeed, seedStream } from '../engine/rng';
import type { DenseParams, LossName, MlpSpec } from '../engine/types';
import { FastMlp, MlpTrainer } from '../engine/fast';
import type { Dataset, PreparedData, Task } from '../data/types';
import { withInputFeatures } from '../data/prepare/apply-input-features';
import { layerDiagnostics, type EpochDiagnostics } from '../inspection/diagnostics';
import { validateTrainConfig } from './config';
import { lossTargets, outputTransform, type OutputTransform } from './loss';
import {
  FINAL_STATES,
  type EpochMetrics,
  type NetworkWeights,
  type SessionSnapshot,
  type SessionState,
  type TrainConfig,
} from './types';
import { BestEpochTracker } from './early-stop';
import {
  DEFAULT_SCHEDULE,
  isPerBatch,
  learningRateAt,
  type ScheduleClock,
  type ScheduleConfig,
} from './schedule';
import {
  checkInitialWeights,
  copyParams,
  epochMetrics,
  networkSpec,
  scoreSplit,
  setParam,
  trainingTargets,
  type SplitScores,
  type TrainingRows,
} from './network-spec';
import { targetUnits } from '../data/prepare/task';
import { KeptWeights } from './kept-weights';
import type { SessionOptions } from './session-options';
import { RowOrder } from './row-order';

export class TrainingSession {
  private current: PreparedData;
  /** Rows handed in by replaceRows, taken up when the next epoch starts. */
  private pendingData: PreparedData | null = null;
  readonly config: TrainConfig;
  readonly history: EpochMetrics[] = [];
  /** Per-layer weight/gradient norms per epoch, plus the epoch that diverged (if one did). */
  readonly diagnostics: EpochDiagnostics[] = [];
  /** The loss actually trained ('auto' resolved). */
  readonly loss: LossName;
  readonly spec: MlpSpec;
  readonly transform: OutputTransform;

  private readonly trainer: MlpTrainer;
  private readonly now: () => number;
  private readonly rows: RowOrder;
  private readonly scoreEpochs: boolean;
  private readonly afterEpoch: ((metrics: EpochMetrics) => 'stop' | void) | null;
  /** Sum over the current epoch's batches of batch loss x rows (the unscored epoch loss). */
  private epochLossSum = 0;
  private lastBatch = NaN;
  private readonly batchSize: number;
  private trainSet: TrainingRows;
  private valTargets: Float32Array | null;
  private currentState: SessionState = 'idle';
  private completedEpochs = 0;
  private startedAt: number | null = null;
  private failure: string | null = null;
  /** Weights as the current epoch started (for the update/weight ratio). */
  private epochStartWeights: Float32Array[] = [];
  private readonly schedule: ScheduleConfig;
  private readonly clock: ScheduleClock;
  /** The rate the current (or last) epoch started with. */
  private epochLr: number;
  private readonly tracker: BestEpochTracker | null;
  private readonly kept: KeptWeights;
  private stoppedAt: number | null = null;

  constructor(prepared: PreparedData, config: TrainConfig, options: SessionOptions = {}) {
    this.config = validateTrainConfig(config);
    const data = (this.current = withInputFeatures(prepared, this.config.features));
    if (data.train.n < 1) throw new TrainingError(`${data.name} has no training rows`);
    const { spec, loss } = networkSpec(this.config, data);
    this.spec = spec;
    this.loss = loss;
    this.transform = outputTransform(loss);
    this.now = options.now ?? (() => Date.now());

    let mlp: FastMlp;
    if (options.initial) {
      checkInitialWeights(spec, options.initial);
      mlp = new FastMlp(spec, copyParams(options.initial));
    } else {
      mlp = FastMlp.create(spec, this.config.init, seedStream(this.config.seed, 'init'));
    }
    const n = data.train.n;
    this.batchSize = this.config.batchSize === 0 ? n : Math.min(this.config.batchSize, n);
    this.trainer = new MlpTrainer(mlp, {
      loss,
      optimizer: this.config.optimizer,
      regularization: this.config.regularization,
      regRate: this.config.regRate,
      dropout: this.config.dropout,
      seed: deriveSeed(this.config.seed, SEED_STREAMS.dropout),
      maxBatch: this.batchSize,
      clipGradNorm: this.config.clipGradNorm ?? 0,
      backend: options.backend,
    });
    this.scoreEpochs = options.scoreEpochs ?? true;
    this.afterEpoch = options.afterEpoch ?? null;
    this.schedule = this.config.schedule ?? DEFAULT_SCHEDULE;
    this.clock = { epochs: this.config.epochs, batchesPerEpoch: Math.ceil(n / this.batchSize) };
    this.epochLr = this.config.optimizer.lr;
    const early = this.config.earlyStopping ?? null;
    const hasVal = data.val !== null && data.val.n > 0;
    if (early && !hasVal) {
      throw new ConfigError('early stopping needs a validation split (the validation fraction is 0)', {
        field: 'earlyStopping',
      });
    }
    this.tracker = hasVal ? new BestEpochTracker(early) : null;
    this.kept = new KeptWeights(mlp.params, early !== null && (this.config.keep ?? 'best') === 'best');
    this.rows = new RowOrder(n, seedStream(this.config.seed, 'batchOrder'), options.batchOrder ?? null);
    ({ trainSet: this.trainSet, valTargets: this.valTargets } = trainingTargets(data, loss));
  }

  get data(): PreparedData {
    return this.current;
  }

  /**
   * New rows with the same encoding (points painted into a generated set; the run's input
   * features are computed for them as for the first rows): the run goes on
   * with its weights, optimizer state, history and batch size, on the new rows from the next
   * epoch on (an epoch never mixes two row sets).
   */
  replaceRows(rows: PreparedData): void {
    const data = withInputFeatures(rows, this.config.features);
    const old = this.current.train;
    if (
      data.train.inputSize !== old.inputSize ||
      data.train.outputSize !== old.outputSize ||
      data.train.n < 1
    )
      throw new TrainingError(`${data.name}: the new rows do not fit the running network`);
    this.pendingData = data;
    if (!this.rows.inEpoch) this.takePendingRows();
  }

  private takePendingRows(): void {
    const data = this.pendingData;
    if (!data) return;
    this.pendingData = null;
    this.current = data;
    ({ trainSet: this.trainSet, valTargets: this.valTargets } = trainingTargets(data, this.loss));
    this.rows.resize(data.train.n);
  }

  get state(): SessionState {
    return this.currentState;
  }

  /** Completed epochs. */
  get epoch(): number {
    return this.completedEpochs;
  }

  get task(): Task {
    return this.data.task;
  }

  /** Fraction of the current epoch's rows already trained (0 between epochs). */
  get epochProgress(): number {
    return this.rows.inEpoch ? this.rows.cursor / this.trainSet.n : 0;
  }

  snapshot(): SessionSnapshot {
    return {
      state: this.currentState,
      epoch: this.completedEpochs,
      totalEpochs: this.config.epochs,
      task: this.data.task,
      loss: this.loss,
      spec: { inputSize: this.spec.inputSize, layers: this.spec.layers.map((l) => ({ ...l })) },
      message: this.failure,
      last: this.history.length > 0 ? this.history[this.history.length - 1] : null,
      epochProgress: this.epochProgress,
      best: this.tracker?.best ?? null,
      stoppedEpoch: this.stoppedAt,
      weightsFrom: this.kept.weightsFrom,
      keptEpoch: this.kept.keptEpoch,
    };
  }

  advance(budgetMs: number): EpochMetrics | null {
    if (this.currentState === 'idle') this.start('running');
    if (this.currentState !== 'running') return null;
    const finished = this.trainUntil(this.now() + budgetMs);
    return finished ? this.finishEpoch() : null;
  }

  stepEpoch(): EpochMetrics {
    if (FINAL_STATES.includes(this.currentState)) {
      throw new TrainingError(
        `cannot step: training is already ${this.currentState}${this.failure ? ` (${this.failure})` : ''}`,
      );
    }
    if (this.currentState === 'idle') this.start('paused');
    const finished = this.trainUntil(Infinity);
    const metrics = finished ? this.finishEpoch() : null;
    if (!metrics) throw new TrainingError(this.failure ?? 'training stopped before the epoch ended');
    return metrics;
  }

  pause(): void {
    if (this.currentState === 'idle' || this.currentState === 'running') this.currentState = 'paused';
  }

  resume(): void {
    if (this.currentState === 'idle') this.start('running');
    else if (this.currentState === 'paused') this.currentState = 'running';
  }

  stop(): void {
    if (FINAL_STATES.includes(this.currentState)) return;
    this.currentState = 'stopped';
    this.kept.restoreBest(this.trainer.mlp.params);
  }

  /**
   * The lr range test's step: trains the next batch of the seeded row order at rate `lr` and
   * returns its loss, outside the epoch count, metrics and schedule. Only for a session made for
   * the test (see lrRangeTest), which is thrown away afterwards.
   */
  trainBatchAt(lr: number): number {
    if (this.currentState !== 'idle' || this.completedEpochs > 0)
      throw new TrainingError('the learning-rate range test needs a fresh session');
    if (!this.rows.inEpoch) this.rows.begin(null);
    this.trainer.learningRate = lr;
    const start = this.rows.cursor;
    const count = this.rows.take(this.batchSize);
    return this.trainer.trainRows(this.trainSet, this.rows.order, start, count);
  }

  /** The rate the current (or last) epoch started with. */
  get learningRate(): number {
    return this.epochLr;
  }

  weights(): NetworkWeights {
    return {
      spec: { inputSize: this.spec.inputSize, layers: this.spec.layers.map((l) => ({ ...l })) },
      params: copyParams(this.trainer.mlp.params),
    };
  }

  /**
   * The live parameters, without a copy: valid until the next advance/step (for inspection
   * grids computed right away). Use weights() for anything kept.
   */
  liveParams(): readonly DenseParams[] {
    return this.trainer.mlp.params;
  }

  /**
   * Sets one weight (`from` = input index) or, with `from` = null, the bias of unit `to` of
   * layer `layer` (0 = first hidden layer). Only while the run is paused or idle, so the edit
   * lands between two updates the user can see.
   */
  setWeight(layer: number, to: number, from: number | null, value: number): void {
    if (this.currentState !== 'paused' && this.currentState !== 'idle')
      throw new TrainingError(`cannot edit a weight while training is ${this.currentState}: pause first`);
    setParam(this.trainer.mlp.params, layer, to, from, value);
  }

  /** Loss of the most recent training batch (NaN before the first). */
  get lastBatchLoss(): number {
    return this.lastBatch;
  }

  /** The kernels the trainer runs on ('js' or 'wasm-simd'...). */
  get backendName(): string {
    return this.trainer.backendName;
  }

  /** Loss and accuracy (classification) or R² and MAE (regression) of the current weights on `set`. */
  evaluate(set: Dataset): SplitScores {
    const classes = set.outputSize;
    return this.score(set, lossTargets(set.y, set.n, this.loss, this.data.task, classes));
  }

  /** Predictions for encoded rows: class probabilities, or target values in original units. */
  predict(x: Float32Array, n: number): Float32Array {
    const out = this.trainer.mlp.predict(x, n, this.transform);
    return this.data.task === 'regression' ? targetUnits(out, this.data.preprocessing.target) : out;
  }

  private start(state: 'running' | 'paused'): void {
    this.startedAt = this.now();
    this.currentState = state;
  }

  /** Trains batches until the epoch ends (true) or the deadline passes / the loss diverges (false). At least one batch runs. */
  private trainUntil(deadline: number): boolean {
    const rows = this.rows;
    if (!rows.inEpoch) {
      this.takePendingRows();
      rows.begin(this.completedEpochs);
      this.epochLossSum = 0;
      if (this.scoreEpochs)
        this.epochStartWeights = this.trainer.mlp.params.map((p) => Float32Array.from(p.weight));
      this.epochLr = learningRateAt(
        this.schedule,
        this.config.optimizer.lr,
        this.clock,
        this.completedEpochs,
      );
      this.trainer.learningRate = this.epochLr;
    }
    const perBatch = isPerBatch(this.schedule);
    for (;;) {
      const start = rows.cursor;
      if (perBatch) {
        const batch = Math.floor(start / this.batchSize);
        this.trainer.learningRate = learningRateAt(
          this.schedule,
          this.config.optimizer.lr,
          this.clock,
          this.completedEpochs,
          batch,
        );
      }
      const count = rows.take(this.batchSize);
      const loss = this.trainer.trainRows(this.trainSet, rows.order, start, count);
      this.epochLossSum += loss * count;
      this.lastBatch = loss;
      if (!Number.isFinite(loss)) {
        this.diverge(this.completedEpochs + 1, loss);
        return false;
      }
      if (!rows.inEpoch) return true;
      if (deadline !== Infinity && this.now() >= deadline) return false;
    }
  }

  private finishEpoch(): EpochMetrics | null {
    const epoch = this.completedEpochs + 1;
    const train = this.scoreEpochs
      ? this.score(this.data.train, this.trainSet.y)
      : { loss: this.epochLossSum / this.trainSet.n, accuracy: null, r2: null, mae: null };
    if (!Number.isFinite(train.loss)) {
      this.diverge(epoch, train.loss);
      return null;
    }
    const val =
      this.scoreEpochs && this.data.val && this.valTargets
        ? this.score(this.data.val, this.valTargets)
        : null;
    const seconds = (this.now() - (this.startedAt ?? this.now())) / 1000;
    const metrics = epochMetrics(epoch, train, val, seconds, this.epochLr);
    this.completedEpochs = epoch;
    this.history.push(metrics);
    if (this.scoreEpochs) this.recordDiagnostics(epoch);
    this.kept.finiteEpoch(epoch, this.trainer.mlp.params);
    const seen = this.tracker?.observe(metrics);
    if (seen?.improved) this.kept.bestEpoch(this.trainer.mlp.params);
    if (seen?.stop) {
      this.stoppedAt = epoch;
      this.currentState = 'done';
    } else if (epoch >= this.config.epochs && this.currentState !== 'stopped') this.currentState = 'done';
    if (this.currentState === 'done' || this.currentState === 'stopped')
      this.kept.restoreBest(this.trainer.mlp.params);
    if (this.afterEpoch?.(metrics) === 'stop') this.stop();
    return metrics;
  }

  private score(set: Dataset, targets: Float32Array): SplitScores {
    return scoreSplit(this.trainer, this.loss, this.data, set, targets);
  }

  private recordDiagnostics(epoch: number): void {
    const layers = layerDiagnostics(this.epochStartWeights, this.trainer.mlp.params, this.trainer.gradients);
    this.diagnostics.push({ epoch, layers });
  }

  private diverge(epoch: number, loss: number): void {
    // The moment it blew up is what the diagnostics chart must show.
    if (this.epochStartWeights.length > 0) this.recordDiagnostics(epoch);
    const what = Number.isNaN(loss) ? 'NaN' : 'infinite';
    const goodEpoch = this.kept.restoreLastFinite(this.trainer.mlp.params);
    const kept = goodEpoch > 0 ? `the weights of epoch ${goodEpoch}` : 'the initial weights';
    const clip = this.config.clipGradNorm ? '' : ', clip the gradient norm (e.g. to 1)';
    this.failure = `training diverged at epoch ${epoch} (loss is ${what}): lower the learning rate (now ${this.config.optimizer.lr})${clip} or standardize the features; kept ${kept}`;
    this.currentState = 'diverged';
    this.rows.inEpoch = false;
  }
}
