import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src-shared/engine/activations';
import { activateBackward, activateForward } from '../../../src-shared/engine/fast/activation-kernels';
import { Rng } from '../../../src-shared/engine/rng';
import { ACTIVATIONS } from '../../../src-shared/engine/types';

/*
 * The fast path's whole-buffer loops must compute exactly ACTIVATION_FNS, element by element
 * (the one table), including where a loop is written in a faster but equivalent form (relu's
 * backward stores 0 instead of multiplying by its derivative 0).
 */
const rng = new Rng(17);
const Z = Float32Array.from([
  0,
  -0,
  1e-30,
  -1e-30,
  0.004,
  -0.004,
  0.5,
  -0.5,
  3,
  -3,
  12,
  -12,
  90,
  -90,
  NaN,
  ...Array.from({ length: 500 }, () => rng.uniform(-8, 8)),
]);
const G = Float32Array.from(Z, () => rng.uniform(-2, 2));

describe.each([...ACTIVATIONS])('fast activation kernels: %s', (name) => {
  const { f, df } = ACTIVATION_FNS[name];

  it('forward is f of the table, rounded to float32, element by element (also in place)', () => {
    const out = new Float32Array(Z.length);
    activateForward(name, Z, out, Z.length);
    const expected = Float32Array.from(Z, (z) => f(z));
    expect(Array.from(out)).toEqual(Array.from(expected));
    const inPlace = Float32Array.from(Z);
    activateForward(name, inPlace, inPlace, Z.length);
    expect(Array.from(inPlace)).toEqual(Array.from(expected));
  });

  it("backward multiplies each gradient by the table's f′(z, y)", () => {
    const y = new Float32Array(Z.length);
    activateForward(name, Z, y, Z.length);
    const grad = Float32Array.from(G);
    activateBackward(name, Z, y, grad, Z.length);
    const expected = Float32Array.from(G, (g, k) => g * df(Z[k], y[k]));
    // +0 and -0 are the same gradient (a store of 0 vs g·0 with g < 0).
    expect(Array.from(grad, (v) => v + 0)).toEqual(Array.from(expected, (v) => v + 0));
  });

  it('touches only the first count elements', () => {
    const out = new Float32Array(Z.length).fill(7);
    activateForward(name, Z, out, 10);
    expect(out[10]).toBe(7);
    const grad = new Float32Array(Z.length).fill(7);
    activateBackward(name, Z, out, grad, 10);
    expect(Array.from(grad.subarray(10)).every((v) => v === 7)).toBe(true);
  });
});
