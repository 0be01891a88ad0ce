/**
 * Permutation feature importance (as scikit-learn's permutation_importance): the drop in the
 * score (accuracy for classification, R² for regression) when one input COLUMN of the table is
 * shuffled among the evaluated rows, `repeats` times; a categorical column (one-hot encoded
 * into several model inputs) is shuffled as one column. Seeded: one Rng stream, features in
 * the model's order, repeats in order. Sorted by mean drop, largest first.
 */
import { Rng, identityPermutation } from '../engine/rng';
import { predictTable } from '../model/predict';
import type { ModelFile } from '../model/types';
import type { ScoredRows } from './evaluate';
import { scoreOutputs } from './evaluate';
import { withPermutedColumn } from './select-rows';

export interface ImportanceEntry {
  feature: string;
  mean: number;
  std: number;
}

export interface ImportanceOptions {
  repeats: number;
  seed: number;
  /** Called after each feature (for progress); return false to stop early. */
  onFeature?: (done: number, total: number) => boolean | void;
}

export const DEFAULT_IMPORTANCE_REPEATS = 10;

/** The score the importance is a drop of: accuracy or R². */
export function importanceScore(model: ModelFile, outputs: Float32Array, truth: Float64Array): number {
  const report = scoreOutputs(model, outputs, truth);
  return report.task === 'classification' ? report.accuracy : report.r2;
}

export function permutationImportance(
  model: ModelFile,
  scored: ScoredRows,
  opts: ImportanceOptions,
): ImportanceEntry[] {
  const { table, truth } = scored;
  const baseline = importanceScore(model, scored.outputs, truth);
  const rng = new Rng(opts.seed);
  const features = model.preprocessing.features;
  const entries: ImportanceEntry[] = [];
  for (let f = 0; f < features.length; f++) {
    const columnIndex = table.columns.findIndex((c) => c.name === features[f].name);
    const drops: number[] = [];
    for (let r = 0; r < opts.repeats; r++) {
      const order = rng.shuffle(identityPermutation(table.rowCount));
      const predictions = predictTable(model, withPermutedColumn(table, columnIndex, order));
      if (predictions.n !== truth.length)
        throw new Error('permutation importance: a shuffled row could not be predicted');
      // Rows stay predictable after a shuffle only when no input is missing; with the "drop"
      // policy the evaluated rows were complete, and shuffling complete cells keeps them so.
      drops.push(baseline - importanceScore(model, predictions.outputs, truth));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / drops.length;
    const std = Math.sqrt(drops.reduce((a, d) => a + (d - mean) * (d - mean), 0) / drops.length);
    entries.push({ feature: features[f].name, mean, std });
    if (opts.onFeature?.(f + 1, features.length) === false) break;
  }
  return entries.sort((a, b) => b.mean - a.mean);
}
