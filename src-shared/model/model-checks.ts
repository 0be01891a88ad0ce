/**
 * Relations between fields of a model file that a schema cannot express: layer sizes chain,
 * weight counts match the layer sizes, the preprocessing produces exactly the first layer's
 * inputs and the last layer fits the target. Each failure names one field.
 */
import type { StudioError } from '../errors';
import { outputTransform } from '../training/loss';
import { count } from '../data/plural';
import { FLOAT32_MAX } from '../data/csv/numbers';
import { hasTwoNumericInputs } from '../data/prepare/apply-input-features';
import type { ModelFile } from './types';

type MakeFieldError = (field: string, message: string) => StudioError;

export function checkModelRelations(model: ModelFile, prefix: string, makeError: MakeFieldError): void {
  const path = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
  const fail = (field: string, problem: string): never => {
    throw makeError(path(field), `field "${path(field)}" ${problem}`);
  };
  const { layers, weights, activations } = model;
  const lastLayer = layers[layers.length - 1];

  if (activations.length !== layers.length)
    fail(
      'activations',
      `must have ${count(layers.length, 'entry', 'entries')} (one per layer), got ${activations.length}`,
    );
  activations.forEach((activation, i) => {
    if (activation !== layers[i].activation)
      fail(
        `activations[${i}]`,
        `is "${activation}" but ${path(`layers[${i}].activation`)} is "${layers[i].activation}"`,
      );
  });
  for (let i = 1; i < layers.length; i++) {
    if (layers[i].inSize !== layers[i - 1].outSize)
      fail(
        `layers[${i}].inSize`,
        `must be ${layers[i - 1].outSize} to chain with ${path(`layers[${i - 1}].outSize`)}, got ${layers[i].inSize}`,
      );
  }
  if (weights.length !== layers.length)
    fail(
      'weights',
      `must have ${count(layers.length, 'entry', 'entries')} (one per layer), got ${weights.length}`,
    );
  layers.forEach((layer, i) => {
    const expected = layer.inSize * layer.outSize;
    if (weights[i].weight.length !== expected)
      fail(
        `weights[${i}].weight`,
        `must have ${count(expected, 'number')} (layer ${i + 1} has ${count(layer.inSize, 'input')} x ${count(layer.outSize, 'output')}), got ${weights[i].weight.length}`,
      );
    if (weights[i].bias.length !== layer.outSize)
      fail(
        `weights[${i}].bias`,
        `must have ${count(layer.outSize, 'number')} (layer ${i + 1} has ${count(layer.outSize, 'output')}), got ${weights[i].bias.length}`,
      );
  });
  const wantedOutput = outputTransform(model.loss);
  if (model.output !== wantedOutput)
    fail('output', `must be "${wantedOutput}" for loss "${model.loss}", got "${model.output}"`);

  const pre = model.preprocessing;
  const inputSize = layers[0].inSize;
  if (pre.encodedNames.length !== inputSize)
    fail(
      'preprocessing.encodedNames',
      `must have ${count(inputSize, 'name')} (the first layer has ${count(inputSize, 'input')}), got ${pre.encodedNames.length}`,
    );
  let encodedWidth = 0;
  pre.features.forEach((feature, i) => {
    const at = `preprocessing.features[${i}]`;
    if (feature.kind === 'numeric') {
      if (feature.mean === undefined)
        fail(`${at}.mean`, `is missing (numeric column "${feature.name}" needs its standardization mean)`);
      if (feature.std === undefined)
        fail(`${at}.std`, `is missing (numeric column "${feature.name}" needs its standardization std)`);
      checkStatistic(`${at}.mean`, feature.mean!, false, fail);
      checkStatistic(`${at}.std`, feature.std!, true, fail);
      if (feature.fill !== undefined) {
        if (typeof feature.fill !== 'number')
          fail(
            `${at}.fill`,
            `must be a number for numeric column "${feature.name}", got ${JSON.stringify(feature.fill)}`,
          );
        checkStatistic(`${at}.fill`, feature.fill as number, false, fail);
      }
      encodedWidth += 1;
    } else {
      if (!feature.categories || feature.categories.length === 0)
        fail(
          `${at}.categories`,
          `must list the categories of column "${feature.name}" (one input per category)`,
        );
      encodedWidth += feature.categories!.length;
    }
  });
  if (pre.inputFeatures) checkInputFeatures(pre, inputSize, fail);
  else if (encodedWidth !== inputSize)
    fail(
      'preprocessing.features',
      `encode to ${count(encodedWidth, 'input')} (1 per numeric column, 1 per category), but the first layer has ${count(inputSize, 'input')}`,
    );

  const target = pre.target;
  if (target.task !== model.task)
    fail('preprocessing.target.task', `must match "${path('task')}" ("${model.task}"), got "${target.task}"`);
  if (model.task === 'classification') {
    const classes = target.classes;
    if (!classes || classes.length === 0)
      fail('preprocessing.target.classes', 'must list the class names of a classifier');
    const fits = classes!.length === lastLayer.outSize || (classes!.length === 2 && lastLayer.outSize === 1);
    if (!fits)
      fail(
        'preprocessing.target.classes',
        `has ${count(classes!.length, 'class', 'classes')} but the last layer has ${count(lastLayer.outSize, 'output')}`,
      );
  } else {
    if (lastLayer.outSize !== 1)
      fail(
        `layers[${layers.length - 1}].outSize`,
        `must be 1 for a regression model, got ${lastLayer.outSize}`,
      );
    if (target.mean === undefined)
      fail('preprocessing.target.mean', 'is missing (regression predictions are un-standardized with it)');
    if (target.std === undefined)
      fail('preprocessing.target.std', 'is missing (regression predictions are un-standardized with it)');
    checkStatistic('preprocessing.target.mean', target.mean!, false, fail);
    checkStatistic('preprocessing.target.std', target.std!, true, fail);
  }
}

/**
 * A standardization mean / fill value must be a float32-range number; a std must also be
 * positive (inputs are divided by it; 0 or a negative std is never fitted, std 0 is stored as 1).
 */
function checkStatistic(
  field: string,
  value: number,
  isStd: boolean,
  fail: (field: string, problem: string) => never,
): void {
  if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX)
    fail(field, `must be a number within ±3.4e38 (float32), got ${value}`);
  if (isStd && value <= 0) fail(field, `must be greater than 0 (values are divided by it), got ${value}`);
}

/** Derived input features read two numeric columns, each feature once, one model input per feature. */
function checkInputFeatures(
  pre: ModelFile['preprocessing'],
  inputSize: number,
  fail: (field: string, problem: string) => never,
): void {
  const features = pre.inputFeatures!;
  if (!hasTwoNumericInputs(pre))
    fail('preprocessing.inputFeatures', 'need exactly 2 numeric columns in "preprocessing.features"');
  if (new Set(features).size !== features.length)
    fail('preprocessing.inputFeatures', 'must list each feature once');
  if (features.length !== inputSize)
    fail(
      'preprocessing.inputFeatures',
      `has ${count(features.length, 'feature')}, but the first layer has ${count(inputSize, 'input')}`,
    );
}
