/**
 * The network a training config defines on a data set, and what the session does with its
 * weights outside the engine: check the weights it continues from, copy them, and score them on
 * one split.
 */
import { ConfigError } from '../errors';
import type { DenseParams, LossName, MlpSpec } from '../engine/types';
import type { MlpTrainer } from '../engine/fast';
import type { Dataset, PreparedData } from '../data/types';
import { outputUnits, resolveLoss } from './loss';
import { classificationAccuracy, regressionScores } from './metrics';
import type { TrainConfig } from './types';

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
