/**
 * Builds model files for the tests from the CSV fixtures in tests/fixtures/export: real data
 * through the real pipeline (prepareDataset), weights drawn with a fixed seed and scaled up so
 * the outputs differ visibly between rows (an untrained default init predicts ~uniformly).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  generateTable,
  parseCsv,
  prepareDataset,
  withInputFeatures,
  type InputFeature,
} from '../../../src-shared/data';
import type { Table } from '../../../src-shared/data/types';
import { FastMlp } from '../../../src-shared/engine/fast';
import { Rng } from '../../../src-shared/engine/rng';
import type { Activation, LossName } from '../../../src-shared/engine/types';
import { defaultTrainConfig } from '../../../src-shared/training/config';
import { buildModelFile, type ModelFile } from '../../../src-shared/model';

export const EXPORT_FIXTURES = fileURLToPath(new URL('../../fixtures/export/', import.meta.url));
export const MODEL_FIXTURES = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A file of tests/fixtures/export, or `csv/...` for the CSV corpus (tests/fixtures/csv). */
export function fixturePath(name: string): string {
  return name.startsWith('csv/') ? `${FIXTURES}${name}` : `${EXPORT_FIXTURES}${name}`;
}

/** A CSV fixture, or `moons` / `regression-sine` (built-in 2-input sets, 60 points). */
export function fixtureTable(name: string): Table {
  if (name === 'moons') return generateTable('moons', { points: 60, noise: 0.1, seed: 5 });
  if (name === 'regression-sine')
    return generateTable('regression-sine', { points: 60, noise: 0.1, seed: 5 });
  return parseCsv(readFileSync(fixturePath(name), 'utf8'), name.split('/').pop()!);
}

export interface ModelRecipe {
  csv:
    | 'flowers.csv'
    | 'houses.csv'
    | 'weird-names.csv'
    | 'csv/tricky/missing-tokens.csv'
    | 'moons'
    | 'regression-sine';
  hidden: Activation[];
  /** Activation of the output layer (default linear). */
  outputActivation?: Activation;
  loss?: LossName;
  missing?: 'drop' | 'impute';
  seed?: number;
  /** Derived input features of 2-input data (x1sq, sinx1, ...), part of the preprocessing. */
  features?: InputFeature[];
}

export function makeModel(recipe: ModelRecipe): ModelFile {
  const table = fixtureTable(recipe.csv);
  const data = withInputFeatures(
    prepareDataset(table, {
      valFraction: 0,
      seed: 1,
      missing: recipe.missing ?? 'drop',
      standardize: true,
    }),
    recipe.features,
  );
  const loss: LossName = recipe.loss ?? (data.task === 'classification' ? 'cross_entropy' : 'mse');
  const outputs = loss === 'bce' ? 1 : data.train.outputSize;
  const spec = {
    inputSize: data.train.inputSize,
    layers: [
      ...recipe.hidden.map((activation) => ({ units: 5, activation })),
      { units: outputs, activation: recipe.outputActivation ?? 'linear' },
    ],
  };
  const mlp = FastMlp.create(spec, 'pytorch', new Rng(recipe.seed ?? 7));
  // Larger weights than the default init so probabilities are far from uniform.
  for (const p of mlp.params) for (let i = 0; i < p.weight.length; i++) p.weight[i] *= 2.5;
  const config = defaultTrainConfig();
  config.hiddenLayers = recipe.hidden.map((activation) => ({ units: 5, activation }));
  if (recipe.features) config.features = recipe.features;
  return buildModelFile({
    name: `${recipe.csv.split('/').pop()!.replace('.csv', '')} ${recipe.hidden.join('-') || 'linear'}`,
    spec,
    params: mlp.params,
    task: data.task,
    loss,
    preprocessing: data.preprocessing,
    training: { config, epochs: 0, metrics: null },
  });
}
