/**
 * One planned training step for a fixed MLP: every activation, gradient and gather buffer is
 * allocated once for `maxBatch` rows when the trainer is built, so a step (gather, forward,
 * fused loss, backward, regularization, optimizer update) allocates nothing and dispatches
 * once per layer, not per element. This is what decides the speed of small networks.
 */
import { ConfigError, TrainingError } from '../../errors';
import { LOSS_FNS } from '../losses';
import { clipGradNorm, createOptimizer } from '../optim';
import { Rng } from '../rng';
import type { LossName, Optimizer, OptimizerConfig, ParamSlot, Regularization } from '../types';
import { activateBackward } from './activation-kernels';
import { createBackend, type BackendPreference, type FastBackend } from './backend-select';
import {
  assembleLayerBuffers,
  forwardLayers,
  layerBufferLengths,
  type Dropout,
  type LayerBuffers,
} from './forward';
import type { DenseKernels } from './kernels';
import { countCorrect } from './losses';
import { checkInput, type FastMlp } from './mlp';

export interface TrainerOptions {
  loss: LossName;
  optimizer: OptimizerConfig;
  /** Applied to weights only (not biases): l2 adds regRate·w to the gradient, l1 adds regRate·sign(w). */
  regularization: Regularization;
  regRate: number;
  /** Inverted dropout on hidden-layer outputs while training (0 = off). */
  dropout: number;
  /** Seeds the dropout masks. */
  seed: number;
  /** Largest batch trainBatch/trainRows/evaluate chunks will see; buffers are sized for it. */
  maxBatch: number;
  /**
   * Clip the total L2 norm of all gradients to this before each update, as
   * torch.nn.utils.clip_grad_norm_ between backward() and step() (0 or absent = no clipping).
   */
  clipGradNorm?: number;
  /** Kernel backend: 'auto' (default) picks WebAssembly SIMD where it is faster and available. */
  backend?: BackendPreference;
}

export interface TrainingData {
  x: Float32Array;
  y: Float32Array;
  n: number;
  inputSize: number;
}

/** Input width from which a batch row is copied with TypedArray.set instead of a loop. */
const WIDE_ROW = 32;

/**
 * Networks that have a trainer. A trainer owns its network's parameters (the WebAssembly
 * backend even moves them into its own memory and re-points `mlp.params`), so a second trainer
 * on the same network would silently take them over from the first: it is refused instead.
 */
const TRAINED = new WeakSet<FastMlp>();

export class MlpTrainer {
  readonly mlp: FastMlp;
  readonly optimizer: Optimizer;
  readonly options: TrainerOptions;
  /** 'js', 'wasm-simd' or 'wasm-relaxed-simd': which kernels this trainer runs. */
  readonly backendName: string;
  private readonly kernels: DenseKernels;
  private readonly copyInputs: boolean;
  private readonly weights: Float32Array[];
  private readonly biases: Float32Array[];
  private readonly weightGrads: Float32Array[];
  private readonly biasGrads: Float32Array[];
  private readonly buffers: LayerBuffers[];
  /** d(loss)/d(h) of each layer, turned into d(loss)/d(z) in place during backward. */
  private readonly deltas: Float32Array[];
  private readonly xBatch: Float32Array;
  private readonly yBatch: Float32Array;
  private readonly dropout: Dropout | null;
  private readonly outputs: number;
  private readonly targetWidth: number;
  private readonly exps: Float64Array;
  private readonly slots: ParamSlot[];
  private readonly maxGradNorm: number;
  /** Total gradient norm of the last update (before clipping); only measured when clipping. */
  lastGradNorm = NaN;
  private rowViews: { source: Float32Array; width: number; rows: Float32Array[] } | null = null;

  constructor(mlp: FastMlp, options: TrainerOptions) {
    checkOptions(options);
    if (TRAINED.has(mlp)) {
      throw new TrainingError(
        'this network already has a trainer: a second one would take its parameters over; give each trainer its own FastMlp',
      );
    }
    this.mlp = mlp;
    this.options = options;
    const { spec } = mlp;
    const maxBatch = options.maxBatch;
    const withDropout = options.dropout > 0 && spec.layers.length > 1;
    const backend: FastBackend = createBackend(options.backend ?? 'auto', spec);
    this.backendName = backend.kernels.name;
    this.kernels = backend.kernels;
    this.copyInputs = backend.needsOwnedInputs;
    this.outputs = spec.layers[spec.layers.length - 1].units;
    this.targetWidth = options.loss === 'cross_entropy' ? 1 : this.outputs;
    this.exps = new Float64Array(this.outputs);

    // One allocation request for the whole plan, in a fixed order.
    const lengths: number[] = [maxBatch * spec.inputSize, maxBatch * this.targetWidth];
    const paramLengths = mlp.params.flatMap((p) => [p.weight.length, p.bias.length]);
    if (this.copyInputs) lengths.push(...paramLengths);
    lengths.push(...paramLengths);
    const layerLengths = layerBufferLengths(spec, maxBatch, withDropout);
    for (const list of layerLengths) lengths.push(...list);
    for (const layer of spec.layers) lengths.push(maxBatch * layer.units);
    const arrays = backend.allocate(lengths);
    let next = 0;
    this.xBatch = arrays[next++];
    this.yBatch = arrays[next++];
    if (this.copyInputs) {
      // The wasm kernels read parameters by address: move them into the backend's memory.
      for (const p of mlp.params) {
        const weight = arrays[next++];
        const bias = arrays[next++];
        weight.set(p.weight);
        bias.set(p.bias);
        p.weight = weight;
        p.bias = bias;
      }
    }
    this.weights = mlp.params.map((p) => p.weight);
    this.biases = mlp.params.map((p) => p.bias);
    this.weightGrads = [];
    this.biasGrads = [];
    for (let l = 0; l < spec.layers.length; l++) {
      this.weightGrads.push(arrays[next++]);
      this.biasGrads.push(arrays[next++]);
    }
    this.buffers = assembleLayerBuffers(
      spec,
      layerLengths.map((list) => list.map(() => arrays[next++])),
      withDropout,
    );
    this.deltas = spec.layers.map(() => arrays[next++]);

    const slots: ParamSlot[] = [];
    for (let l = 0; l < spec.layers.length; l++) {
      slots.push({ data: this.weights[l], grad: this.weightGrads[l] });
      slots.push({ data: this.biases[l], grad: this.biasGrads[l] });
    }
    this.slots = slots;
    this.maxGradNorm = options.clipGradNorm ?? 0;
    this.optimizer = createOptimizer(slots, options.optimizer);
    TRAINED.add(mlp);
    this.dropout = withDropout ? { rate: options.dropout, rng: new Rng(options.seed) } : null;
  }

  /** One update on rows x[0..n) (y: class index per row for cross_entropy, n*outputs values otherwise). Returns the batch loss before the update (without the regularization term). */
  trainBatch(x: Float32Array, y: Float32Array, n: number): number {
    this.checkBatch(n);
    checkInput(x, n, this.mlp.spec.inputSize);
    if (y.length < n * this.targetWidth)
      throw new TrainingError(`targets hold ${y.length} values but ${n} rows need ${n * this.targetWidth}`);
    let input = x;
    if (this.copyInputs) {
      const count = n * this.mlp.spec.inputSize;
      const xb = this.xBatch;
      for (let j = 0; j < count; j++) xb[j] = x[j];
      input = xb;
    }
    return this.step(input, y, n);
  }

  /** One update on the rows perm[start .. start+count) of a dataset (gathers into internal buffers). */
  trainRows(data: TrainingData, perm: Int32Array, start: number, count: number): number {
    this.checkBatch(count);
    const d = data.inputSize;
    const w = this.targetWidth;
    const { x, y } = data;
    const xb = this.xBatch;
    const yb = this.yBatch;
    // Wide rows go through TypedArray.set, a memcpy (W4's 784-float rows: the epoch went from 1.2 s
    // to 1.1 s), from one view per row made once per data set, so steps allocate nothing; narrow
    // rows are cheaper to copy element by element than to keep a view for.
    const rows = d >= WIDE_ROW ? this.rowViewsOf(data) : null;
    for (let r = 0; r < count; r++) {
      const src = perm[start + r];
      const to = r * d;
      if (rows !== null) xb.set(rows[src], to);
      else for (let j = 0, from = src * d; j < d; j++) xb[to + j] = x[from + j];
      for (let j = 0; j < w; j++) yb[r * w + j] = y[src * w + j];
    }
    return this.step(xb, yb, count);
  }

  /** One Float32Array view per row of `data.x`, made on first use and kept while the same data trains. */
  private rowViewsOf(data: TrainingData): Float32Array[] {
    if (this.rowViews?.source !== data.x || this.rowViews.width !== data.inputSize) {
      const d = data.inputSize;
      const rows = Array.from({ length: data.n }, (_, row) => data.x.subarray(row * d, (row + 1) * d));
      this.rowViews = { source: data.x, width: d, rows };
    }
    return this.rowViews.rows;
  }

  /** Loss (mean, as the loss defines it) and correct argmax predictions (classification losses; 0 otherwise) over a dataset, without updating. */
  evaluate(x: Float32Array, y: Float32Array, n: number): { loss: number; correct: number } {
    const d = this.mlp.spec.inputSize;
    checkInput(x, n, d);
    const k = this.outputs;
    const w = this.targetWidth;
    const chunk = this.options.maxBatch;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      let input = x.subarray(start * d, (start + rows) * d);
      if (this.copyInputs) {
        this.xBatch.set(input);
        input = this.xBatch;
      }
      const out = forwardLayers(
        this.kernels,
        this.mlp.spec,
        this.weights,
        this.biases,
        this.buffers,
        input,
        rows,
        null,
      );
      const targets = y.subarray(start * w, (start + rows) * w);
      lossSum += LOSS_FNS[this.options.loss].sumAndGrad(out, targets, rows, k, null, 1, this.exps);
      correct += countCorrect(this.options.loss, out, targets, rows, k);
    }
    return { loss: n === 0 ? 0 : lossSum / LOSS_FNS[this.options.loss].divisor(n, k), correct };
  }

  private checkBatch(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.options.maxBatch) {
      throw new TrainingError(`a batch must have 1 to ${this.options.maxBatch} rows (got ${n})`);
    }
  }

  /** The learning rate of the next updates (schedules and the lr range test change it between batches). */
  get learningRate(): number {
    return this.optimizer.lr;
  }

  set learningRate(lr: number) {
    if (!(lr > 0) || !Number.isFinite(lr))
      throw new TrainingError(`learning rate must be a finite number > 0 (got ${lr})`);
    this.optimizer.lr = lr;
  }

  private step(x: Float32Array, y: Float32Array, n: number): number {
    const loss = this.backprop(x, y, n);
    // The unclipped path pays one comparison: the norm is a pass over every gradient.
    if (this.maxGradNorm > 0) this.lastGradNorm = clipGradNorm(this.slots, this.maxGradNorm);
    this.optimizer.step();
    return loss;
  }

  /**
   * Forward + backward (+ regularization) on rows x[0..n) without updating: fills `gradients`
   * and returns the batch loss. For gradient checks and inspection; training uses trainBatch.
   */
  computeGradients(x: Float32Array, y: Float32Array, n: number): number {
    this.checkBatch(n);
    checkInput(x, n, this.mlp.spec.inputSize);
    let input = x;
    if (this.copyInputs) {
      this.xBatch.set(x.subarray(0, n * this.mlp.spec.inputSize));
      input = this.xBatch;
    }
    return this.backprop(input, y, n);
  }

  /** Gradient buffers of the last step per layer (overwritten by the next one). */
  get gradients(): readonly { weight: Float32Array; bias: Float32Array }[] {
    return this.weightGrads.map((weight, l) => ({ weight, bias: this.biasGrads[l] }));
  }

  private backprop(x: Float32Array, y: Float32Array, n: number): number {
    const { spec } = this.mlp;
    const { kernels, buffers, deltas } = this;
    const layers = spec.layers;
    const last = layers.length - 1;
    const k = this.outputs;
    const loss = this.options.loss;
    const out = forwardLayers(kernels, spec, this.weights, this.biases, buffers, x, n, this.dropout);
    const lossFn = LOSS_FNS[loss];
    const divisor = lossFn.divisor(n, k);
    const lossSum = lossFn.sumAndGrad(out, y, n, k, deltas[last], 1 / divisor, this.exps);

    for (let l = last; l >= 0; l--) {
      const { units, activation } = layers[l];
      const b = buffers[l];
      const delta = deltas[l];
      activateBackward(activation, b.z, b.h, delta, n * units);
      const inSize = l === 0 ? spec.inputSize : layers[l - 1].units;
      const input = l === 0 ? x : this.dropout !== null ? buffers[l - 1].out : buffers[l - 1].h;
      kernels.backwardParams(delta, input, this.weightGrads[l], this.biasGrads[l], n, inSize, units);
      if (l > 0) {
        const below = deltas[l - 1];
        kernels.backwardInput(delta, this.weights[l], below, n, inSize, units);
        const mask = buffers[l - 1].mask;
        if (mask !== null && this.dropout !== null) {
          const count = n * inSize;
          for (let j = 0; j < count; j++) below[j] *= mask[j];
        }
      }
    }
    this.regularize();
    return lossSum / divisor;
  }

  private regularize(): void {
    const { regularization, regRate } = this.options;
    if (regularization === 'none' || regRate === 0) return;
    for (let l = 0; l < this.weights.length; l++) {
      const w = this.weights[l];
      const g = this.weightGrads[l];
      if (regularization === 'l2') {
        for (let j = 0; j < w.length; j++) g[j] += regRate * w[j];
      } else {
        for (let j = 0; j < w.length; j++) g[j] += regRate * Math.sign(w[j]);
      }
    }
  }
}

function checkOptions(options: TrainerOptions): void {
  if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
    throw new ConfigError(`maxBatch must be a positive integer (got ${options.maxBatch})`, {
      field: 'maxBatch',
    });
  }
  if (!(options.dropout >= 0 && options.dropout < 1)) {
    throw new ConfigError(`dropout must be from 0 up to (not including) 1 (got ${options.dropout})`, {
      field: 'dropout',
    });
  }
  if (!(options.regRate >= 0) || !Number.isFinite(options.regRate)) {
    throw new ConfigError(`regRate must be a finite number >= 0 (got ${options.regRate})`, {
      field: 'regRate',
    });
  }
  const clip = options.clipGradNorm ?? 0;
  if (!(clip >= 0) || !Number.isFinite(clip)) {
    throw new ConfigError(`clipGradNorm must be a finite number >= 0 (got ${clip})`, {
      field: 'clipGradNorm',
    });
  }
  if (!(options.optimizer.lr > 0) || !Number.isFinite(options.optimizer.lr)) {
    throw new ConfigError(`learning rate must be a finite number > 0 (got ${options.optimizer.lr})`, {
      field: 'optimizer.lr',
    });
  }
}
