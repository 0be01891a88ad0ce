/**
 * Derived input features of 2-input data (TensorFlow Playground's feature toggles): the model
 * reads any subset of x1, x2, x1², x2², x1·x2, sin(x1), sin(x2), computed from the two encoded
 * inputs. They are part of a model's preprocessing: predict, the ONNX graph (Mul/Sin nodes) and
 * the PyTorch script compute them from the raw two columns the same way.
 */
import { ConfigError } from '../../errors';

/** CLI spellings (`--features x1,x2,x1sq`), in the order the model reads them. */
export const INPUT_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type InputFeature = (typeof INPUT_FEATURES)[number];

/** The plain inputs: what a model without derived features reads. */
export const RAW_FEATURES: readonly InputFeature[] = ['x1', 'x2'];

/** The names as shown (toggles, diagram, model file), for inputs named a and b. */
export function inputFeatureName(feature: InputFeature, a = 'x1', b = 'x2'): string {
  switch (feature) {
    case 'x1':
      return a;
    case 'x2':
      return b;
    case 'x1sq':
      return `${a}²`;
    case 'x2sq':
      return `${b}²`;
    case 'x1x2':
      return `${a}·${b}`;
    case 'sinx1':
      return `sin(${a})`;
    case 'sinx2':
      return `sin(${b})`;
  }
}

/** One derived value from the two inputs. */
export function inputFeatureValue(feature: InputFeature, x1: number, x2: number): number {
  switch (feature) {
    case 'x1':
      return x1;
    case 'x2':
      return x2;
    case 'x1sq':
      return x1 * x1;
    case 'x2sq':
      return x2 * x2;
    case 'x1x2':
      return x1 * x2;
    case 'sinx1':
      return Math.sin(x1);
    case 'sinx2':
      return Math.sin(x2);
  }
}

/**
 * `--features x1,x2,x1sq`: at least one, each known and listed once; returned in the canonical
 * order (the order of INPUT_FEATURES), so the same selection always builds the same model.
 */
export function parseInputFeatures(text: string, field = 'features'): InputFeature[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0)
    throw new ConfigError(`${field} needs at least one of ${INPUT_FEATURES.join(', ')}`, { field });
  const seen = new Set<string>();
  for (const item of items) {
    if (!(INPUT_FEATURES as readonly string[]).includes(item))
      throw new ConfigError(
        `${field}: unknown feature "${item}" (choose from ${INPUT_FEATURES.join(', ')})`,
        {
          field,
        },
      );
    if (seen.has(item)) throw new ConfigError(`${field}: "${item}" is listed twice`, { field });
    seen.add(item);
  }
  return INPUT_FEATURES.filter((feature) => seen.has(feature));
}

/** Rows of the two inputs (n x 2, row-major) expanded to n x features.length. */
export function expandInputs(x: Float32Array, n: number, features: readonly InputFeature[]): Float32Array {
  if (x.length < n * 2)
    throw new RangeError(`input features: ${x.length} values cannot hold ${n} rows of 2 inputs`);
  const k = features.length;
  const out = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    const x1 = x[r * 2];
    const x2 = x[r * 2 + 1];
    for (let f = 0; f < k; f++) out[r * k + f] = inputFeatureValue(features[f], x1, x2);
  }
  return out;
}
