/**
 * The derived input features (./input-features.ts) as part of a data set's preprocessing:
 * `withInputFeatures` turns prepared 2-input data into data whose model inputs are the chosen
 * features (what a run trains on, recorded in `preprocessing.inputFeatures` so the model file
 * carries them), and `applyInputFeatures` replays them on freshly encoded rows (predict, the
 * decision-boundary and neuron-map grids). The features are computed from the two ENCODED
 * inputs (standardized for a CSV, raw for the built-in sets), after the column encoding.
 */
import { ConfigError } from '../../errors';
import type { Dataset, PreparedData, Preprocessing } from '../types';
import {
  INPUT_FEATURES,
  RAW_FEATURES,
  expandInputs,
  inputFeatureName,
  type InputFeature,
} from './input-features';

/** The canonical order (INPUT_FEATURES') of a selection, so one selection always builds one model. */
export function canonicalFeatures(features: readonly InputFeature[]): InputFeature[] {
  return INPUT_FEATURES.filter((feature) => features.includes(feature));
}

/** True when the preprocessing's encoded columns are two numeric ones (what the features need). */
export function hasTwoNumericInputs(pre: Pick<Preprocessing, 'features'>): boolean {
  return pre.features.length === 2 && pre.features.every((f) => f.kind === 'numeric');
}

/** The features' names as shown, with the data's two column names (`x1²`, `height·weight`). */
export function inputFeatureNames(
  pre: Pick<Preprocessing, 'features'>,
  features: readonly InputFeature[],
): string[] {
  const [a, b] = pre.features.map((f) => f.name);
  return features.map((feature) => inputFeatureName(feature, a, b));
}

/** Width of the encoded rows before the features (what encodeInputs' column step produces). */
export function encodedColumnsWidth(pre: Preprocessing): number {
  return pre.inputFeatures ? 2 : pre.encodedNames.length;
}

/**
 * `data` with the model inputs `features` (undefined: unchanged). Selecting just x1 and x2 is
 * the plain data (no `inputFeatures` recorded, so the model file is the one it always was).
 * Data already expanded (continuing a model that has features) must ask for the same ones.
 */
export function withInputFeatures(
  data: PreparedData,
  features: readonly InputFeature[] | undefined,
): PreparedData {
  if (features === undefined) return data;
  const wanted = canonicalFeatures(features);
  const pre = data.preprocessing;
  if (pre.inputFeatures) {
    if (sameFeatures(pre.inputFeatures, wanted)) return data;
    throw new ConfigError(
      `features: ${wanted.join(',')} do not match the model's ${pre.inputFeatures.join(',')} (continuing a model keeps its input features)`,
      { field: 'features' },
    );
  }
  if (!hasTwoNumericInputs(pre)) {
    const columns = pre.features.map((f) => `"${f.name}"${f.kind === 'numeric' ? '' : ' (categorical)'}`);
    throw new ConfigError(
      `features: only for data with exactly 2 numeric input columns (${data.name} has ${columns.length === 0 ? 'none' : columns.join(', ')})`,
      { field: 'features' },
    );
  }
  if (wanted.length === 0)
    throw new ConfigError('features: list at least one feature', { field: 'features' });
  if (sameFeatures(wanted, RAW_FEATURES)) return data;
  const expand = (set: Dataset): Dataset => ({
    ...set,
    inputSize: wanted.length,
    x: expandInputs(set.x, set.n, wanted),
  });
  const names = inputFeatureNames(pre, wanted);
  return {
    ...data,
    train: expand(data.train),
    val: data.val ? expand(data.val) : null,
    preprocessing: { ...pre, inputFeatures: wanted, encodedNames: names },
    notes: [
      ...data.notes,
      `input features: ${names.join(', ')} (from "${pre.features[0].name}", "${pre.features[1].name}")`,
    ],
  };
}

/** Encoded rows (n x 2 when the preprocessing has features) as the model's inputs. */
export function applyInputFeatures(
  x: Float32Array,
  n: number,
  pre: Pick<Preprocessing, 'inputFeatures'>,
): Float32Array {
  return pre.inputFeatures ? expandInputs(x, n, pre.inputFeatures) : x;
}

/** Whether a run asking for `features` reads the inputs the way `pre` (a saved model's) does. */
export function featuresMatch(
  pre: Pick<Preprocessing, 'inputFeatures' | 'features'>,
  features: readonly InputFeature[] | undefined,
): boolean {
  if (features === undefined) return true;
  if (!pre.inputFeatures && !hasTwoNumericInputs(pre)) return false;
  return sameFeatures(pre.inputFeatures ?? RAW_FEATURES, canonicalFeatures(features));
}

function sameFeatures(a: readonly InputFeature[], b: readonly InputFeature[]): boolean {
  return a.length === b.length && a.every((feature, i) => feature === b[i]);
}
