import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS, gelu } from '../../../src-shared/engine/activations';
import { erf, erfc } from '../../../src-shared/engine/special';
import { ACTIVATIONS } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/engine/rng';
import { tanhViaExp } from '../../../src-shared/engine/activations';

/** Independent reference: erf(x) = 2/√π·e^{-x²}·Σ (2x²)^n·x/(1·3·…·(2n+1)), all terms positive. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 400 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

describe('erf', () => {
  it('agrees with an independent series to ~1e-14 across all three intervals', () => {
    for (let x = -3.5; x <= 3.5; x += 0.0137) {
      const ref = erfSeries(x);
      expect(Math.abs(erf(x) - ref)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(ref)));
    }
  });
  it('is odd, saturates, and erfc keeps relative accuracy in the tail', () => {
    expect(erf(0)).toBe(0);
    expect(erf(-1.3)).toBe(-erf(1.3));
    expect(erf(30)).toBe(1);
    expect(erf(-30)).toBe(-1);
    // erfc(5) = 1.5374597944280351e-12 (Python math.erfc)
    expect(Math.abs(erfc(5) / 1.5374597944280351e-12 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(erfc(-5) - (2 - 1.5374597944280351e-12))).toBeLessThan(1e-15);
  });
});

describe('ACTIVATION_FNS', () => {
  it('has an entry for every activation name', () => {
    expect(Object.keys(ACTIVATION_FNS).sort()).toEqual([...ACTIVATIONS].sort());
  });

  it('derivatives match central finite differences', () => {
    const rng = new Rng(9);
    for (const name of ACTIVATIONS) {
      const { f, df } = ACTIVATION_FNS[name];
      for (let k = 0; k < 200; k++) {
        const x = rng.uniform(-6, 6);
        if (Math.abs(x) < 1e-3) continue; // relu kinks
        const h = 1e-6;
        const numeric = (f(x + h) - f(x - h)) / (2 * h);
        expect(Math.abs(df(x, f(x)) - numeric), `${name} at ${x}`).toBeLessThan(1e-7);
      }
    }
  });

  it('follows PyTorch conventions at the kinks and in the tails', () => {
    expect(ACTIVATION_FNS.relu.df(0, 0)).toBe(0);
    expect(ACTIVATION_FNS.leaky_relu.f(-2)).toBe(-0.02);
    expect(ACTIVATION_FNS.leaky_relu.df(0, 0)).toBe(0.01);
    expect(ACTIVATION_FNS.sigmoid.f(-800)).toBe(0);
    expect(ACTIVATION_FNS.sigmoid.f(800)).toBe(1);
    expect(Number.isFinite(ACTIVATION_FNS.sigmoid.f(-1000))).toBe(true);
    // torch.nn.functional.gelu(torch.tensor(1.0, dtype=torch.float64)) = 0.841344746068543
    expect(Math.abs(gelu(1) - 0.841344746068543)).toBeLessThan(1e-15);
    expect(gelu(-40)).toBe(-0);
  });
});

describe('tanhViaExp (the tanh of ACTIVATION_FNS)', () => {
  it('matches Math.tanh to 1e-13 relative, across the series/exp switch and in saturation', () => {
    const rng = new Rng(11);
    const xs = [0, -0, 1e-300, 0.00999, 0.01, 0.01001, -0.01, 0.5, -3, 20, -20, 400, -400];
    for (let i = 0; i < 2000; i++) xs.push((rng.next() * 2 - 1) * 10 ** (rng.next() * 4 - 3));
    for (const x of xs) {
      const ref = Math.tanh(x);
      const got = tanhViaExp(x);
      expect(Math.abs(got - ref), `x = ${x}`).toBeLessThanOrEqual(1e-13 * Math.max(Math.abs(ref), 1e-300));
    }
    expect(tanhViaExp(Infinity)).toBe(1);
    expect(tanhViaExp(-Infinity)).toBe(-1);
    expect(tanhViaExp(NaN)).toBeNaN();
  });
});
