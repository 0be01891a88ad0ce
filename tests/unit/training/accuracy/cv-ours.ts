/**
 * Our side of the cross-validated comparison in docs/accuracy.md: 5-fold CV (seed 1, stratified
 * for classes, as `nanograd train --folds 5`) of the DEFAULT config on every classic data set,
 * through the same fold job the CLI runs (trainFold). Writes cv-ours.json (per fold: the val
 * rows and our score) and, for the reference script, each fold's ENCODED training and
 * validation rows (our preprocessing: standardization, one-hot, dropped missing rows) to
 * /tmp/nanograd-cv/, so PyTorch and scikit-learn train on exactly the same inputs.
 *
 *   node node_modules/.bin/jiti tests/unit/training/accuracy/cv-ours.ts
 *   /usr/bin/python3 tests/unit/training/accuracy/cv_reference.py
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLASSIC_DATASETS, CLASSIC_INFO, parseCsv, prepareDataset } from '../../../../src-shared/data';
import { trainFold } from '../../../../src-shared/evaluation/cross-validate';
import { DEFAULT_TRAIN_CONFIG } from '../../../../src-shared/training';

const FOLDS = 5;
const SEED = 1;
const TMP = '/tmp/nanograd-cv';
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const csv = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../src-shared/data/classic/${name}.csv`, import.meta.url)),
    'utf8',
  );

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const config = { ...DEFAULT_TRAIN_CONFIG, seed: SEED };
  const results: Record<string, unknown> = {};
  for (const name of CLASSIC_DATASETS) {
    const table = parseCsv(csv(name), name);
    const task = CLASSIC_INFO[name].task;
    const folds = [];
    for (let index = 0; index < FOLDS; index++) {
      const prepare = { seed: SEED, missing: 'drop' as const, standardize: true };
      const data = prepareDataset(table, { ...prepare, valFraction: 0, fold: { count: FOLDS, index } });
      const result = await trainFold({ table, prepare, config, folds: FOLDS, index });
      const score = task === 'classification' ? result.valAccuracy : result.valR2;
      folds.push({ fold: index + 1, val: Array.from(data.val!.rowIndex), score, seconds: result.seconds });
      writeFileSync(
        `${TMP}/${name}-${index + 1}.json`,
        JSON.stringify({
          task,
          inputs: data.train.inputSize,
          outputs: data.train.outputSize,
          xTrain: Array.from(data.train.x),
          yTrain: Array.from(data.train.y),
          xVal: Array.from(data.val!.x),
          yVal: Array.from(data.val!.y),
        }),
      );
      process.stderr.write(
        `${name} fold ${index + 1}: ${task === 'classification' ? 'accuracy' : 'R²'} ${score}\n`,
      );
    }
    results[name] = { task, folds };
  }
  const shape = config.hiddenLayers.map((l) => `${l.units} ${l.activation}`).join(', ');
  writeFileSync(
    here('./cv-ours.json'),
    `${JSON.stringify(
      {
        config: {
          hidden: shape,
          init: config.init,
          optimizer: config.optimizer,
          batchSize: config.batchSize,
          epochs: config.epochs,
        },
        folds: FOLDS,
        seed: SEED,
        results,
      },
      null,
      1,
    )}\n`,
  );
}

void main();
