/**
 * Our side of the accuracy comparison (docs/accuracy.md): trains the DEFAULT config on the
 * sklearn CSV fixtures through the same pipeline as the CLI and the app (parseCsv ->
 * prepareDataset -> TrainingSession), and writes the validation accuracy per seed plus the
 * exact train/validation row indices, so torch_accuracy.py trains PyTorch on the same split.
 *
 *   node node_modules/.bin/jiti tests/unit/training/accuracy/our-accuracy.ts
 *   /usr/bin/python3 tests/unit/training/accuracy/torch_accuracy.py
 *   node node_modules/.bin/jiti tests/unit/training/accuracy/make-table.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv, prepareDataset } from '../../../../src-shared/data';
import { DEFAULT_TRAIN_CONFIG, TrainingSession } from '../../../../src-shared/training';

export const DATASETS = ['iris', 'wine', 'breast_cancer', 'digits'] as const;
export const SEEDS = [1, 2, 3, 4, 5];
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const fixture = (name: string) =>
  fileURLToPath(
    new URL(`../../../../src-shared/data/classic/${name.replace('_', '-')}.csv`, import.meta.url),
  );

interface Run {
  seed: number;
  train: number[];
  val: number[];
  valAccuracy: number;
  accuracy: number;
  seconds: number;
}

function main(): void {
  const config = DEFAULT_TRAIN_CONFIG;
  const results: Record<string, { inputs: number; classes: string[]; runs: Run[] }> = {};
  for (const name of DATASETS) {
    const table = parseCsv(readFileSync(fixture(name), 'utf8'), `${name}.csv`);
    const runs: Run[] = [];
    let classes: string[] = [];
    let inputs = 0;
    for (const seed of SEEDS) {
      const data = prepareDataset(table, { valFraction: 0.2, seed, missing: 'drop', standardize: true });
      classes = data.preprocessing.target.classes ?? [];
      inputs = data.train.inputSize;
      const session = new TrainingSession(data, { ...config, seed });
      const started = Date.now();
      while (session.state !== 'done') session.advance(1000);
      const last = session.history[session.history.length - 1];
      runs.push({
        seed,
        train: Array.from(data.train.rowIndex),
        val: Array.from(data.val!.rowIndex),
        valAccuracy: last.valAccuracy!,
        accuracy: last.accuracy!,
        seconds: (Date.now() - started) / 1000,
      });
      process.stderr.write(`${name} seed ${seed}: val accuracy ${last.valAccuracy!.toFixed(4)}\n`);
    }
    results[name] = { inputs, classes, runs };
  }
  const shape = config.hiddenLayers.map((l) => `${l.units} ${l.activation}`).join(', ');
  writeFileSync(
    here('./ours.json'),
    `${JSON.stringify({ config: { hidden: shape, init: config.init, optimizer: config.optimizer, batchSize: config.batchSize, epochs: config.epochs, valFraction: 0.2 }, results })}\n`,
  );
}

main();
