import { describe, expect, it } from 'vitest';
import {
  INPUT_FEATURES,
  expandInputs,
  inputFeatureName,
  parseInputFeatures,
} from '../../../src-shared/data/prepare/input-features';

describe('derived input features', () => {
  it('computes every feature as worked out by hand', () => {
    // x1 = 2, x2 = -0.5; sin(2) = 0.9092974268, sin(-0.5) = -0.4794255386.
    const out = expandInputs(Float32Array.from([2, -0.5, 0, 3]), 2, INPUT_FEATURES);
    const expected = [2, -0.5, 4, 0.25, -1, 0.9092974268, -0.4794255386, 0, 3, 0, 9, 0, 0, 0.1411200081];
    expect(out).toHaveLength(14);
    expected.forEach((value, i) => expect(out[i]).toBeCloseTo(value, 6));
  });

  it('expands only the chosen features, in the given order', () => {
    const out = expandInputs(Float32Array.from([3, 4]), 1, ['x1sq', 'x2sq']);
    expect(Array.from(out)).toEqual([9, 16]);
  });

  it('names them as the toggles show them, with the columns substituted', () => {
    expect(INPUT_FEATURES.map((f) => inputFeatureName(f))).toEqual([
      'x1',
      'x2',
      'x1²',
      'x2²',
      'x1·x2',
      'sin(x1)',
      'sin(x2)',
    ]);
    expect(inputFeatureName('x1x2', 'height', 'weight')).toBe('height·weight');
  });

  it('parses --features into the canonical order and refuses bad lists in one line', () => {
    expect(parseInputFeatures('x2sq, x1,x1sq')).toEqual(['x1', 'x1sq', 'x2sq']);
    expect(() => parseInputFeatures('')).toThrow(/at least one of x1, x2, x1sq/);
    expect(() => parseInputFeatures('x1,cosx1')).toThrow(/unknown feature "cosx1"/);
    expect(() => parseInputFeatures('x1,x1')).toThrow(/"x1" is listed twice/);
  });
});
