/**
 * The network a training config defines on a data set, and what the session does with its
 * weights and rows outside the engine: check the weights it continues from, copy or edit them,
 * build the loss targets of a split, and score the weights on one split.
 */
import { ConfigError, TrainingError } from '../errors';
import type { DenseParams, LossName, MlpSpec } from '../engine/types';
import type { MlpTrainer } from '../engine/fast';
import type { Dataset, PreparedData } from '../data/types';
import { lossTargets, outputUnits, resolveLoss } from './loss';
import { classificationAccuracy, regressionScores } from './metrics';
import type { EpochMetrics, TrainConfig } from './types';

/** The network a config defines on a data set: hidden layers plus a linear output layer. */
export function networkSpec(config: TrainConfig, data: PreparedData): { spec: MlpSpec; loss: LossName } {
  const loss = resolveLoss(config, data.task, data.train.outputSize);
  const spec: MlpSpec = {
    inputSize: data.train.inputSize,
    layers: [
      ...config.hiddenLayers.map((layer) => ({ ...layer })),
      { units: outputUnits(loss, data.task, data.train.outputSize), activation: 'linear' },
    ],
  };
  return { spec, loss };
}

/** Throws a ConfigError naming the first layer whose weights do not fit `spec`. */
export function checkInitialWeights(spec: MlpSpec, initial: DenseParams[]): void {
  if (initial.length !== spec.layers.length) {
    throw new ConfigError(
      `initial weights have ${initial.length} layers but the network has ${spec.layers.length} (${describeSpec(spec)})`,
      { field: 'initial' },
    );
  }
  let inSize = spec.inputSize;
  spec.layers.forEach((layer, i) => {
    const p = initial[i];
    const name = `layer ${i + 1}`;
    if (p.inSize !== inSize || p.outSize !== layer.units) {
      throw new ConfigError(
        `initial weights ${name} is ${p.inSize} -> ${p.outSize} but the network needs ${inSize} -> ${layer.units} (${describeSpec(spec)})`,
        { field: `initial[${i}]` },
      );
    }
    if (p.weight.length !== inSize * layer.units || p.bias.length !== layer.units) {
      throw new ConfigError(
        `initial weights ${name} has ${p.weight.length} weights and ${p.bias.length} biases, expected ${inSize * layer.units} and ${layer.units}`,
        {
          field: `initial[${i}]`,
        },
      );
    }
    if (!p.weight.every(Number.isFinite) || !p.bias.every(Number.isFinite)) {
      throw new ConfigError(`initial weights ${name} contain NaN or Infinity`, { field: `initial[${i}]` });
    }
    inSize = layer.units;
  });
}

export function describeSpec(spec: MlpSpec): string {
  return [String(spec.inputSize), ...spec.layers.map((l) => String(l.units))].join('-');
}

export function copyParams(params: readonly DenseParams[]): DenseParams[] {
  return params.map((p) => ({
    inSize: p.inSize,
    outSize: p.outSize,
    weight: Float32Array.from(p.weight),
    bias: Float32Array.from(p.bias),
  }));
}

/** Copies every weight and bias of `from` into the same-shaped `to`, in place (`to` may live in wasm memory). */
export function setParams(to: readonly DenseParams[], from: readonly DenseParams[]): void {
  for (let l = 0; l < to.length; l++) {
    to[l].weight.set(from[l].weight);
    to[l].bias.set(from[l].bias);
  }
}

export interface SplitScores {
  loss: number;
  accuracy: number | null;
  r2: number | null;
  mae: number | null;
}

/**
 * Loss and accuracy (classification) or R² and MAE (regression) of the trainer's current weights
 * on `set` of `data`, whose `targets` are the set's outputs in the form the loss trains on.
 */
export function scoreSplit(
  trainer: MlpTrainer,
  lossName: LossName,
  data: PreparedData,
  set: Dataset,
  targets: Float32Array,
): SplitScores {
  const { loss, correct } = trainer.evaluate(set.x, targets, set.n);
  if (data.task === 'classification') {
    if (lossName === 'cross_entropy')
      return { loss, accuracy: set.n > 0 ? correct / set.n : 0, r2: null, mae: null };
    const layers = trainer.mlp.spec.layers;
    const outputs = trainer.mlp.forward(set.x, set.n);
    const units = layers[layers.length - 1].units;
    return { loss, accuracy: classificationAccuracy(outputs, set.y, set.n, units), r2: null, mae: null };
  }
  const outputs = trainer.mlp.forward(set.x, set.n);
  const { r2, mae } = regressionScores(outputs, targets, outputs.length, data.preprocessing.target.std ?? 1);
  return { loss, accuracy: null, r2, mae };
}

/** One epoch's record from its training and (when there is one) validation scores. */
export function epochMetrics(
  epoch: number,
  train: SplitScores,
  val: SplitScores | null,
  seconds: number,
  lr: number,
): EpochMetrics {
  return {
    epoch,
    loss: train.loss,
    valLoss: val ? val.loss : null,
    accuracy: train.accuracy,
    valAccuracy: val ? val.accuracy : null,
    r2: train.r2,
    valR2: val ? val.r2 : null,
    mae: train.mae,
    valMae: val ? val.mae : null,
    seconds,
    lr,
  };
}

/** A training set as the trainer reads it: inputs and the loss's targets (one-hot, standardized...). */
export interface TrainingRows {
  x: Float32Array;
  y: Float32Array;
  n: number;
  inputSize: number;
}

/** The loss targets of a data set's training rows, and of its validation rows when it has any. */
export function trainingTargets(
  data: PreparedData,
  loss: LossName,
): { trainSet: TrainingRows; valTargets: Float32Array | null } {
  const { train, val, task } = data;
  const classes = train.outputSize;
  return {
    trainSet: {
      x: train.x,
      y: lossTargets(train.y, train.n, loss, task, classes),
      n: train.n,
      inputSize: train.inputSize,
    },
    valTargets: val && val.n > 0 ? lossTargets(val.y, val.n, loss, task, classes) : null,
  };
}

/**
 * Sets one weight (`from` = input index) or, with `from` = null, the bias of unit `to` of layer
 * `layer` (0 = first hidden layer), refusing indices the network does not have and non-finite values.
 */
export function setParam(
  params: readonly DenseParams[],
  layer: number,
  to: number,
  from: number | null,
  value: number,
): void {
  const p = params[layer];
  if (!p) throw new TrainingError(`cannot edit a weight: the network has no layer ${layer + 1}`);
  if (!Number.isInteger(to) || to < 0 || to >= p.outSize)
    throw new TrainingError(`cannot edit a weight: layer ${layer + 1} has no unit ${to + 1}`);
  if (from !== null && (!Number.isInteger(from) || from < 0 || from >= p.inSize))
    throw new TrainingError(
      `cannot edit a weight: unit ${to + 1} of layer ${layer + 1} has no input ${from + 1}`,
    );
  if (!Number.isFinite(value))
    throw new TrainingError(`cannot edit a weight: ${value} is not a finite number`);
  if (from === null) p.bias[to] = value;
  else p.weight[to * p.inSize + from] = value;
}
