/**
 * How a loss, the task and the data decide the output layer. One table so the session, the
 * model file and the exports agree on it:
 *
 * | task           | loss          | output units        | targets fed to the loss       | output transform |
 * |----------------|---------------|---------------------|-------------------------------|------------------|
 * | classification | cross_entropy | number of classes k | class index per row           | softmax          |
 * | classification | bce           | 1 (needs k = 2)     | class index 0/1 per row       | sigmoid          |
 * | classification | mse / sse     | k                   | one-hot rows (n x k)          | none (argmax)    |
 * | regression     | mse / sse     | number of targets   | standardized values           | none             |
 *
 * 'auto' picks cross_entropy for classification and mse for regression.
 */
import { ConfigError } from '../errors';
import { LOSS_FNS } from '../engine/losses';
import type { LossName, OutputTransform } from '../engine/types';
import type { Task } from '../data/types';
import type { TrainConfig } from './types';

export type { OutputTransform } from '../engine/types';

/**
 * The concrete loss for a task. `outputSize` is the data's output size (classes for
 * classification, targets for regression). Throws ConfigError for a loss the task cannot use.
 */
export function resolveLoss(config: TrainConfig, task: Task, outputSize: number): LossName {
  const loss = config.loss;
  if (loss === 'auto') return task === 'classification' ? 'cross_entropy' : 'mse';
  if (task === 'regression' && (loss === 'cross_entropy' || loss === 'bce')) {
    throw new ConfigError(
      `loss ${loss} needs a class target but the data is a regression task: use mse or sse (or auto)`,
      { field: 'loss' },
    );
  }
  if (task === 'classification' && loss === 'bce' && outputSize !== 2) {
    throw new ConfigError(
      `loss bce needs exactly 2 classes but the target has ${outputSize}: use cross_entropy (or auto)`,
      { field: 'loss' },
    );
  }
  return loss;
}

/** Units of the output layer for a resolved loss (see the table above). */
export function outputUnits(loss: LossName, task: Task, outputSize: number): number {
  return task === 'classification' && loss === 'bce' ? 1 : outputSize;
}

/** What turns the raw outputs into predictions (probabilities or values). */
export function outputTransform(loss: LossName): OutputTransform {
  return LOSS_FNS[loss].output;
}

/**
 * The target array the loss expects for a dataset's `y` (class index per row for
 * classification, standardized values for regression). Only mse/sse on classes need a
 * different layout: one-hot rows.
 */
export function lossTargets(
  y: Float32Array,
  n: number,
  loss: LossName,
  task: Task,
  classes: number,
): Float32Array {
  if (task !== 'classification' || loss === 'cross_entropy' || loss === 'bce') return y;
  const oneHot = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) oneHot[i * classes + y[i]] = 1;
  return oneHot;
}
