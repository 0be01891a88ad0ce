/**
 * The benchmark workloads W1–W4 and GEMM, each timed over the training loop only (batch
 * gather, forward, loss, backward, update), as the anchors time PyTorch and TensorFlow.js.
 * Data, initial weights (anchor init, [in,out] draw order) and batch order follow
 * ../shared/bench/anchors/README.md exactly, so the metrics double as a correctness check.
 * W1–W4 train through the one run module (src-shared/training/run.ts), as the app and the CLI
 * do, with the anchors' weights and batch orders and without per-epoch scoring.
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import type { BackendPreference } from '../../src-shared/engine/fast';
import { createBackend } from '../../src-shared/engine/fast/backend-select';
import { anchorDenseParams } from '../../src-shared/engine/init';
import { Rng, identityPermutation } from '../../src-shared/engine/rng';
import type {
  Activation,
  DenseParams,
  LossName,
  MlpSpec,
  OptimizerConfig,
} from '../../src-shared/engine/types';
import type { Dataset, PreparedData, Task } from '../../src-shared/data/types';
import { startRun, type TrainingRun } from '../../src-shared/training';
import {
  MNIST_SIZE,
  SEEDS,
  digitsData,
  epochPermutations,
  mnistSizeData,
  spiralData,
  xorData,
  type ClassificationSet,
} from './datasets';

import { runSweepBench } from './sweep-workload';

export interface BenchRecord {
  workload: string;
  seconds: number;
  samples_per_s: number | null;
  metric: Record<string, unknown>;
}

export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'GEMM', 'SWEEP'] as const;
export type WorkloadKey = (typeof WORKLOADS)[number];

export interface BenchOptions {
  backend: BackendPreference;
  /** Progress lines for a human (stderr); never part of the results. */
  progress: (message: string) => void;
  /** Loads the digits CSV text (the CLI bundles it; tests read the file). */
  loadDigitsCsv: () => Promise<string>;
}

/** Wall and CPU seconds of a timed region. CPU time is reported too because this machine is shared: wall time includes the moments other processes held the core. */
export interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function startTimer(): () => Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The anchors' initial weights: a·U(-1,1) drawn in [in,out] order, zero biases. */
function anchorParams(sizes: number[], initSeed: number, scale: (fanIn: number) => number): DenseParams[] {
  const rng = new Rng(initSeed);
  return sizes.slice(1).map((units, l) => anchorDenseParams(sizes[l], units, scale(sizes[l]), rng));
}

function asDataset(set: ClassificationSet, outputSize: number): Dataset {
  return { ...set, outputSize, rowIndex: identityPermutation(set.n) };
}

/** The anchor arrays as a run's data: already encoded, identity preprocessing, no validation rows. */
function benchData(name: string, train: ClassificationSet, task: Task, classes: number): PreparedData {
  const outputSize = task === 'classification' ? classes : 1;
  const encodedNames = Array.from({ length: train.inputSize }, (_, j) => `x${j + 1}`);
  return {
    name,
    task,
    train: asDataset(train, outputSize),
    val: null,
    notes: [],
    preprocessing: {
      features: encodedNames.map((n) => ({ name: n, kind: 'numeric', mean: 0, std: 1 })),
      encodedNames,
      target:
        task === 'classification'
          ? { name: 'y', task, classes: Array.from({ length: classes }, (_, c) => String(c)) }
          : { name: 'y', task, mean: 0, std: 1 },
      missing: { policy: 'drop', rowsDropped: 0, cellsImputed: 0 },
    },
  };
}

interface AnchorRunPlan {
  data: PreparedData;
  /** Layer sizes, input first; hidden layers use `hidden`, the output is linear. */
  sizes: number[];
  hidden: Activation;
  loss: LossName;
  optimizer: OptimizerConfig;
  batch: number;
  epochs: number;
  initial: DenseParams[];
  /** Row order of each epoch. */
  order: (epoch: number) => Int32Array;
}

/** A run of the one training flow with the anchors' weights and batch orders. */
function anchorRun(plan: AnchorRunPlan, backend: BackendPreference): TrainingRun {
  return startRun(
    { data: plan.data, fromModel: null },
    {
      hiddenLayers: plan.sizes.slice(1, -1).map((units) => ({ units, activation: plan.hidden })),
      loss: plan.loss,
      optimizer: plan.optimizer,
      batchSize: plan.batch,
      epochs: plan.epochs,
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      init: 'uniform',
      seed: 0,
    },
    {
      initial: plan.initial,
      batchOrder: plan.order,
      scoreEpochs: false,
      backend,
      now: () => performance.now(),
    },
  );
}

const inverseSqrt = (fanIn: number) => 1 / Math.sqrt(fanIn);

/** W1: 2-8-1 ReLU on XOR, MSE, SGD 0.05, 1000 full-batch steps; median of 5 timed runs of seed 0 plus 20 untimed seeds. */
function xorRun(
  seed: number,
  backend: BackendPreference,
): { timing: Timing; finalLoss: number; backendName: string } {
  const set = xorData();
  const identity = identityPermutation(set.n);
  const run = anchorRun(
    {
      data: benchData('xor', set, 'regression', 1),
      sizes: [2, 8, 1],
      hidden: 'relu',
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.05 },
      batch: 4,
      epochs: 1000,
      initial: anchorParams([2, 8, 1], seed, () => 1),
      order: () => identity,
    },
    backend,
  );
  const stop = startTimer();
  run.runToEnd();
  const timing = stop();
  return {
    timing,
    finalLoss: run.session.evaluate(run.data.train).loss,
    backendName: run.session.backendName,
  };
}

function runXor(options: BenchOptions): BenchRecord {
  // The 20 untimed convergence runs go first: they also bring the step to optimized code, so
  // the 5 timed runs measure training, not the JIT's warm-up (PyTorch's kernels come compiled).
  const finals = Array.from({ length: 20 }, (_, seed) => xorRun(seed, options.backend).finalLoss);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let final0 = NaN;
  let backendName = '';
  for (let run = 0; run < 5; run++) {
    const result = xorRun(0, options.backend);
    times.push(result.timing.seconds);
    cpuTimes.push(result.timing.cpuSeconds);
    final0 = result.finalLoss;
    backendName = result.backendName;
  }
  const seconds = median(times);
  return {
    workload: 'W1-xor-seed',
    seconds,
    samples_per_s: (4 * 1000) / seconds,
    metric: {
      final_loss_seed0: final0,
      converged_frac_20seeds: finals.filter((f) => f < 0.01).length / 20,
      run_seconds: times,
      cpu_seconds: median(cpuTimes),
      final_losses: finals,
      backend: backendName,
    },
  };
}

interface ClassifierPlan {
  name: string;
  sizes: number[];
  hidden: Activation;
  classes: number;
  initSeed: number;
  optimizer: OptimizerConfig;
  batch: number;
  epochs: number;
  shuffleSeed: number;
  runs: number;
}

function trainClassifier(
  plan: ClassifierPlan,
  train: ClassificationSet,
  perms: Int32Array[],
  backend: BackendPreference,
) {
  const run = anchorRun(
    {
      data: benchData(plan.name, train, 'classification', plan.classes),
      sizes: plan.sizes,
      hidden: plan.hidden,
      loss: 'cross_entropy',
      optimizer: plan.optimizer,
      batch: plan.batch,
      epochs: plan.epochs,
      initial: anchorParams(plan.sizes, plan.initSeed, inverseSqrt),
      order: (epoch) => perms[epoch],
    },
    backend,
  );
  const stop = startTimer();
  run.runToEnd();
  return { timing: stop(), run, last: run.session.lastBatchLoss };
}

function runClassifier(
  plan: ClassifierPlan,
  train: ClassificationSet,
  test: ClassificationSet | null,
  options: BenchOptions,
): BenchRecord {
  const perms = epochPermutations(train.n, plan.epochs, plan.shuffleSeed);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result: ReturnType<typeof trainClassifier> | null = null;
  for (let run = 0; run < plan.runs; run++) {
    options.progress(`${plan.name}: run ${run + 1}/${plan.runs}`);
    result = trainClassifier(plan, train, perms, options.backend);
    times.push(result.timing.seconds);
    cpuTimes.push(result.timing.cpuSeconds);
  }
  if (result === null) throw new Error('no runs');
  const { session } = result.run;
  const accuracy = (set: ClassificationSet) => session.evaluate(asDataset(set, plan.classes)).accuracy;
  const seconds = median(times);
  const metric: Record<string, unknown> =
    test === null ? { train_acc: accuracy(train) } : { test_acc: accuracy(test), train_acc: accuracy(train) };
  Object.assign(metric, {
    last_batch_loss: result.last,
    run_seconds: times,
    cpu_seconds: median(cpuTimes),
    backend: session.backendName,
  });
  return { workload: plan.name, seconds, samples_per_s: (train.n * plan.epochs) / seconds, metric };
}

function runSpiral(options: BenchOptions): BenchRecord {
  const data = spiralData();
  const plan: ClassifierPlan = {
    name: 'W2-spiral',
    sizes: [2, 16, 16, 3],
    hidden: 'tanh',
    classes: 3,
    initSeed: SEEDS.spiralInit,
    optimizer: { name: 'adam', lr: 0.01 },
    batch: 32,
    epochs: 200,
    shuffleSeed: SEEDS.spiralShuffle,
    runs: 3,
  };
  return runClassifier(plan, data, null, options);
}

async function runDigits(options: BenchOptions): Promise<BenchRecord> {
  const { train, test } = digitsData(await options.loadDigitsCsv());
  const plan: ClassifierPlan = {
    name: 'W3-digits',
    sizes: [64, 64, 10],
    hidden: 'relu',
    classes: 10,
    initSeed: SEEDS.digitsInit,
    optimizer: { name: 'adam', lr: 1e-3 },
    batch: 32,
    epochs: 30,
    shuffleSeed: SEEDS.digitsShuffle,
    runs: 3,
  };
  return runClassifier(plan, train, test, options);
}

function runMnistSize(options: BenchOptions): BenchRecord {
  options.progress('W4-mnist-size: generating 70000 x 784 inputs');
  const { train, test } = mnistSizeData();
  const plan: ClassifierPlan = {
    name: 'W4-mnist-size',
    sizes: [MNIST_SIZE.inputSize, 128, MNIST_SIZE.classes],
    hidden: 'relu',
    classes: MNIST_SIZE.classes,
    initSeed: SEEDS.mnistInit,
    optimizer: { name: 'sgd', lr: 0.01 },
    batch: 64,
    epochs: 1,
    shuffleSeed: SEEDS.mnistShuffle,
    runs: 1,
  };
  return runClassifier(plan, train, test, options);
}

/** C = A·B (n x n, row-major, A then B from mulberry32(0)) with the kernel backward passes use for dz·W; 2n³ FLOPs per call. */
function runGemm(n: number, options: BenchOptions): BenchRecord {
  const spec: MlpSpec = { inputSize: n, layers: [{ units: n, activation: 'linear' }] };
  const backend = createBackend(options.backend, spec);
  const [a, b, c] = backend.allocate([n * n, n * n, n * n]);
  const rng = new Rng(0);
  for (let j = 0; j < a.length; j++) a[j] = rng.next();
  for (let j = 0; j < b.length; j++) b[j] = rng.next();
  const call = () => backend.kernels.backwardInput(a, b, c, n, n, n);
  call();
  call();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let total = 0;
  while ((total < 1 || times.length < 5) && total < 60) {
    const stop = startTimer();
    call();
    const timing = stop();
    times.push(timing.seconds);
    cpuTimes.push(timing.cpuSeconds);
    total += timing.seconds;
  }
  const seconds = median(times);
  const flops = 2 * n ** 3;
  return {
    workload: `GEMM-${n}`,
    seconds,
    samples_per_s: null,
    metric: {
      gflops: flops / seconds / 1e9,
      reps: times.length,
      best_gflops: flops / Math.min(...times) / 1e9,
      cpu_gflops: flops / median(cpuTimes) / 1e9,
      backend: backend.kernels.name,
    },
  };
}

export async function runWorkload(key: WorkloadKey, options: BenchOptions): Promise<BenchRecord[]> {
  switch (key) {
    case 'W1':
      options.progress('W1-xor-seed: 5 timed runs + 20 seeds');
      return [runXor(options)];
    case 'W2':
      return [runSpiral(options)];
    case 'W3':
      return [await runDigits(options)];
    case 'W4':
      return [runMnistSize(options)];
    case 'GEMM':
      options.progress('GEMM-256');
      {
        const small = runGemm(256, options);
        options.progress('GEMM-1024');
        return [small, runGemm(1024, options)];
      }
    case 'SWEEP':
      return [await runSweepBench(options.progress)];
  }
}
