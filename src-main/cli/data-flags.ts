/**
 * The data flags every command that reads a data set shares with `train` (--features here;
 * how train prepares its table and its default validation fraction), so train, lr-find, sweep
 * and evaluate parse and apply them alike.
 */
import { Option } from 'commander';
import { ConfigError } from '../../src-shared/errors';
import { INPUT_FEATURES, featuresMatch, parseInputFeatures, type InputFeature } from '../../src-shared/data';
import type { ModelFile } from '../../src-shared/model/types';
import type { MissingPolicy, PrepareOptions } from '../../src-shared/data/types';
import { UsageError } from './options';

/** `--features x1,x2,x1sq`: a usage error (exit 2) names the flag and the bad item. */
export function parseFeatures(value: string): InputFeature[] {
  try {
    return parseInputFeatures(value, '--features');
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message, 'features');
    throw err;
  }
}

/** The --features option (a fresh Option per command: commander owns its instances). */
export function featuresOption(description?: string): Option {
  return new Option(
    '--features <list>',
    description ??
      `2-input data: the model's inputs, any of ${INPUT_FEATURES.join(',')} (x1sq = x1², x1x2 = x1·x2, sinx1 = sin(x1)); computed from the two columns, and saved with the model so predict and the exports take the raw columns (default: x1,x2)`,
  ).argParser(parseFeatures);
}

/** Holding out 1 of xor's 4 points would validate on a point the model never saw a neighbour of. */
export function defaultValFraction(data: string): number {
  return data === 'xor' ? 0 : 0.2;
}

/** How `train` prepares its table (the sweep prepares each run's table the same way). */
export function prepareOptions(
  flags: { target?: string; seed: number; missing: MissingPolicy },
  valFraction: number,
  builtin: boolean,
): PrepareOptions {
  return {
    target: flags.target,
    valFraction,
    seed: flags.seed,
    missing: flags.missing,
    standardize: !builtin,
  };
}

/**
 * `evaluate --features`: a saved model computes its own features from the two raw columns, so
 * the flag can only confirm them; a different list is refused (exit 1: it does not fit the model).
 */
export function checkModelFeatures(
  model: ModelFile,
  label: string,
  features: InputFeature[] | undefined,
): void {
  if (features === undefined || featuresMatch(model.preprocessing, features)) return;
  const saved = model.preprocessing.inputFeatures ?? ['x1', 'x2'];
  throw new ConfigError(
    `--features ${features.join(',')} does not match ${label}, which reads ${saved.join(',')} (a model computes its features from the raw columns itself: leave out --features)`,
    { field: 'features' },
  );
}
