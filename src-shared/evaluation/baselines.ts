/**
 * The two references every run is measured against, on the SAME split: a trivial baseline
 * (scikit-learn's DummyClassifier strategy="prior": the training class shares as probabilities,
 * the majority class as the prediction; DummyRegressor: the training mean) and a linear model
 * (no hidden layer: softmax/logistic or linear regression) trained with the same loss,
 * optimizer, batch size, epochs, regularization and seed. Losses use the run's own loss
 * definition (engine/losses.ts), so the numbers sit on the same axis as its curves.
 */
import { prepareDataset } from '../data';
import type { Dataset, PrepareOptions, PreparedData, Table } from '../data/types';
import { LOSS_FNS } from '../engine/losses';
import { CancelledError, TrainingError } from '../errors';
import type { LossName } from '../engine/types';
import { lossTargets, resolveLoss } from '../training/loss';
import { prepareRun, startRun, type TrainingRun } from '../training/run';
import { FINAL_STATES, type EpochMetrics, type TrainConfig } from '../training/types';

export interface BaselineScores {
  valLoss: number | null;
  /** null for regression (and without validation rows). */
  valAccuracy: number | null;
}

export interface Baselines {
  trivial: BaselineScores;
  linear: BaselineScores;
}

/** The smallest class share used for a log: a class with no training row is not -Infinity. */
const MIN_SHARE = 1e-15;

export function trivialBaseline(data: PreparedData, config: TrainConfig): BaselineScores {
  const val = data.val;
  if (!val || val.n === 0) return { valLoss: null, valAccuracy: null };
  const loss = resolveLoss(config, data.task, data.train.outputSize);
  if (data.task === 'regression') {
    let mean = 0;
    for (let i = 0; i < data.train.n; i++) mean += data.train.y[i];
    mean /= data.train.n;
    return { valLoss: constantLoss(loss, [mean], val, 'regression'), valAccuracy: null };
  }
  const k = data.train.outputSize;
  const shares = new Array<number>(k).fill(0);
  for (let i = 0; i < data.train.n; i++) shares[data.train.y[i]]++;
  let majority = 0;
  for (let c = 1; c < k; c++) if (shares[c] > shares[majority]) majority = c;
  for (let c = 0; c < k; c++) shares[c] = Math.max(shares[c] / data.train.n, MIN_SHARE);
  let correct = 0;
  for (let i = 0; i < val.n; i++) if (val.y[i] === majority) correct++;
  // The raw outputs whose transform gives the shares: log-shares (softmax), the log-odds of the
  // second class (sigmoid, one unit), the shares themselves (mse/sse on one-hot targets).
  const outputs =
    loss === 'cross_entropy'
      ? shares.map(Math.log)
      : loss === 'bce'
        ? [Math.log(shares[1] / shares[0])]
        : shares;
  return { valLoss: constantLoss(loss, outputs, val, 'classification'), valAccuracy: correct / val.n };
}

function constantLoss(
  loss: LossName,
  row: number[],
  val: Dataset,
  task: 'classification' | 'regression',
): number {
  const k = row.length;
  const out = new Float32Array(val.n * k);
  for (let i = 0; i < val.n; i++) out.set(row, i * k);
  const classes = task === 'classification' ? val.outputSize : 1;
  const targets = lossTargets(val.y, val.n, loss, task, classes);
  const fn = LOSS_FNS[loss];
  const sum = fn.sumAndGrad(out, targets, val.n, k, null, 1, new Float64Array(Math.max(k, 2)));
  return sum / fn.divisor(val.n, k);
}

/** Trains the no-hidden-layer model on the same data and split, with the run's settings. */
export function linearBaseline(data: PreparedData, config: TrainConfig): BaselineScores {
  const run = linearRun(data, config);
  if (!run) return NO_SCORES;
  const final = run.runToEnd();
  // A linear model that diverges (a rate too high for it) has no score to compare with.
  if (final.state === 'diverged') return NO_SCORES;
  return linearScores(data, final.last);
}

export interface BaselineHooks {
  signal?: AbortSignal;
  /** Awaited between epochs, so a host keeps answering (and a cancel arrives) meanwhile. */
  yieldToHost?: () => Promise<void>;
}

/** linearBaseline one epoch at a time between host yields; rejects with CancelledError when aborted. */
export async function linearBaselineAsync(
  data: PreparedData,
  config: TrainConfig,
  hooks: BaselineHooks,
): Promise<BaselineScores> {
  const run = linearRun(data, config);
  if (!run) return NO_SCORES;
  let last: EpochMetrics | null = null;
  while (!FINAL_STATES.includes(run.session.state)) {
    if (hooks.signal?.aborted) throw new CancelledError('baselines cancelled');
    try {
      last = run.step();
    } catch (err) {
      return divergedOr(err);
    }
    await hooks.yieldToHost?.();
  }
  return linearScores(data, last);
}

const NO_SCORES: BaselineScores = Object.freeze({ valLoss: null, valAccuracy: null });

function linearRun(data: PreparedData, config: TrainConfig): TrainingRun | null {
  if (!data.val || data.val.n === 0) return null;
  // Xavier: what `train --layers none` uses by default (He's ReLU gain has no ReLU to serve here).
  const linear = { ...config, hiddenLayers: [], dropout: 0, init: 'xavier' as const };
  return startRun(prepareRun({ prepared: data }), linear);
}

function divergedOr(err: unknown): BaselineScores {
  if (err instanceof TrainingError) return NO_SCORES;
  throw err;
}

function linearScores(data: PreparedData, last: EpochMetrics | null): BaselineScores {
  if (!last) return NO_SCORES;
  return { valLoss: last.valLoss, valAccuracy: data.task === 'classification' ? last.valAccuracy : null };
}

export function fitBaselines(data: PreparedData, config: TrainConfig): Baselines {
  return { trivial: trivialBaseline(data, config), linear: linearBaseline(data, config) };
}

/** The baselines of a run as a pool job: the app fits them in a worker while the run trains. */
export interface BaselineJob {
  table: Table;
  /** The run's data preparation (same split, same seed), so the baselines see the same rows. */
  prepare: PrepareOptions;
  config: TrainConfig;
}

/** fitBaselines with the linear model trained between host yields (a worker, the backend). */
export async function fitBaselinesAsync(
  data: PreparedData,
  config: TrainConfig,
  hooks: BaselineHooks = {},
): Promise<Baselines> {
  return { trivial: trivialBaseline(data, config), linear: await linearBaselineAsync(data, config, hooks) };
}

/** The job in a pool worker (or the backend): the linear model trains between host yields. */
export function fitBaselinesJob(job: BaselineJob, hooks: BaselineHooks = {}): Promise<Baselines> {
  return fitBaselinesAsync(prepareDataset(job.table, job.prepare), job.config, hooks);
}

/**
 * A one-line warning when the network's validation score is no better than the linear
 * baseline's (accuracy for classes, loss for regression), or null. On XOR-like data a linear
 * model stays near chance, so a network that does not beat it has not learned the shape.
 */
export function linearBaselineWarning(
  task: 'classification' | 'regression',
  network: BaselineScores,
  linear: BaselineScores,
): string | null {
  if (task === 'classification') {
    if (network.valAccuracy === null || linear.valAccuracy === null) return null;
    if (network.valAccuracy > linear.valAccuracy) return null;
    return `the network's validation accuracy (${percent(network.valAccuracy)}) does not beat the linear baseline's (${percent(linear.valAccuracy)}): a model without hidden layers does at least as well`;
  }
  if (network.valLoss === null || linear.valLoss === null) return null;
  if (network.valLoss < linear.valLoss) return null;
  return `the network's validation loss (${network.valLoss.toPrecision(4)}) does not beat the linear baseline's (${linear.valLoss.toPrecision(4)}): a model without hidden layers does at least as well`;
}

function percent(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}
