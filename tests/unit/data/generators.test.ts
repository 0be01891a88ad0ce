import { describe, expect, it } from 'vitest';
import { ConfigError, type StudioError } from '../../../src-shared/errors';
import {
  BUILTIN_DATASETS,
  builtinDefaults,
  generateTable,
  type BuiltinKind,
  type GeneratorOptions,
  type Table,
} from '../../../src-shared/data';
import { thrown } from './fixtures';

const col = (table: Table, name: string) => table.columns.find((c) => c.name === name)!;
const nums = (table: Table, name: string) => col(table, name).numbers!;
const labels = (table: Table) => col(table, 'label').strings!;
const gen = (kind: BuiltinKind, over: Partial<GeneratorOptions> = {}) =>
  generateTable(kind, { ...builtinDefaults(kind), ...over });

function classCounts(table: Table): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labels(table)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}

function std(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i] / values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - mean) ** 2;
  return Math.sqrt(s / values.length);
}

const RANDOM_KINDS = BUILTIN_DATASETS.filter((k) => k !== 'xor');

describe('xor: the seed data set, exactly', () => {
  it('is the 4 truth-table points with labels 0,1,1,0, whatever the options', () => {
    for (const opts of [builtinDefaults('xor'), { points: 500, noise: 0.9, seed: 77 }]) {
      const table = generateTable('xor', opts);
      expect(table.rowCount).toBe(4);
      expect(Array.from(nums(table, 'x1'))).toEqual([0, 0, 1, 1]);
      expect(Array.from(nums(table, 'x2'))).toEqual([0, 1, 0, 1]);
      expect(labels(table)).toEqual(['0', '1', '1', '0']);
    }
  });
});

describe.each(RANDOM_KINDS)('%s', (kind) => {
  const defaults = builtinDefaults(kind);
  const isRegression = defaults.task === 'regression';

  it('has the requested number of rows and columns x1, x2 and label/y', () => {
    const table = gen(kind, { points: 123 });
    expect(table.rowCount).toBe(123);
    expect(table.source).toBe(kind);
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['x1', 'numeric'],
      ['x2', 'numeric'],
      isRegression ? ['y', 'numeric'] : ['label', 'categorical'],
    ]);
    for (const c of table.columns) {
      const values = c.numbers ?? c.strings!;
      expect(values.length).toBe(123);
      expect(c.missing).toBe(0);
    }
    for (const v of nums(table, 'x1')) expect(Number.isFinite(v)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = gen(kind, { seed: 5 });
    const b = gen(kind, { seed: 5 });
    expect(Array.from(nums(a, 'x1'))).toEqual(Array.from(nums(b, 'x1')));
    expect(Array.from(nums(a, 'x2'))).toEqual(Array.from(nums(b, 'x2')));
  });

  it('differs between seeds', () => {
    const a = gen(kind, { seed: 5, noise: 0.3 });
    const b = gen(kind, { seed: 6, noise: 0.3 });
    expect(Array.from(nums(a, 'x1'))).not.toEqual(Array.from(nums(b, 'x1')));
  });

  it('changes with noise (same seed)', () => {
    const clean = gen(kind, { noise: 0 });
    const noisy = gen(kind, { noise: 0.4 });
    const columns = isRegression ? ['x1', 'x2', 'y'] : ['x1', 'x2'];
    const changed = columns.some((c) => nums(clean, c).some((v, i) => v !== nums(noisy, c)[i]));
    const relabeled = !isRegression && labels(clean).some((l, i) => l !== labels(noisy)[i]);
    expect(changed || relabeled).toBe(true);
  });

  if (!isRegression) {
    it('has every class, in roughly equal shares', () => {
      const table = gen(kind, { points: 600 });
      const counts = classCounts(table);
      const k = kind === 'spiral3' ? 3 : 2;
      expect([...counts.keys()].sort()).toEqual(Array.from({ length: k }, (_, i) => String(i)));
      for (const count of counts.values()) expect(Math.abs(count - 600 / k)).toBeLessThan(0.1 * 600);
    });
  }
});

describe('noise semantics per generator', () => {
  it('gauss: exact halves around (2,2) and (-2,-2); the spread grows with noise', () => {
    const clean = gen('gauss', { points: 1000, noise: 0 });
    expect(classCounts(clean)).toEqual(
      new Map([
        ['1', 500],
        ['0', 500],
      ]),
    );
    const x1 = nums(clean, 'x1');
    const ones = Array.from(x1).filter((_, i) => labels(clean)[i] === '1');
    expect(ones.reduce((a, b) => a + b, 0) / ones.length).toBeCloseTo(2, 0);
    expect(std(ones)).toBeCloseTo(Math.sqrt(0.5), 1);
    // noise 0.5 -> variance 4 (TF Playground's scale), noise 1 -> variance 7.5.
    for (const [noise, expected] of [
      [0.5, 2],
      [1, Math.sqrt(7.5)],
    ]) {
      const noisy = gen('gauss', { points: 4000, noise });
      const noisyOnes = Array.from(nums(noisy, 'x2')).filter((_, i) => labels(noisy)[i] === '1');
      expect(std(noisyOnes) / expected).toBeGreaterThan(0.95);
      expect(std(noisyOnes) / expected).toBeLessThan(1.05);
    }
  });

  it('circle: without noise the label is exactly "inside radius 2.5"; noise mislabels some border points', () => {
    const clean = gen('circle', { points: 500, noise: 0 });
    const x1 = nums(clean, 'x1');
    const x2 = nums(clean, 'x2');
    labels(clean).forEach((l, i) => expect(l).toBe(Math.hypot(x1[i], x2[i]) < 2.5 ? '1' : '0'));
    expect(classCounts(clean)).toEqual(
      new Map([
        ['1', 250],
        ['0', 250],
      ]),
    );
    const noisy = gen('circle', { points: 500, noise: 0.3 });
    const a = nums(noisy, 'x1');
    const b = nums(noisy, 'x2');
    const wrong = labels(noisy).filter((l, i) => l !== (Math.hypot(a[i], b[i]) < 2.5 ? '1' : '0')).length;
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThan(250);
    // The label is taken at most 0.3 * 5 * sqrt(2) away, so only points near radius 2.5 can flip.
    const reach = 0.3 * 5 * Math.SQRT2;
    labels(noisy).forEach((l, i) => {
      const r = Math.hypot(a[i], b[i]);
      if (r < 2.5 - reach) expect(l).toBe('1');
      if (r > 2.5 + reach) expect(l).toBe('0');
    });
  });

  it('xor-noisy: class "1" where the signs differ, points kept off the axes; noise flips some', () => {
    const clean = gen('xor-noisy', { points: 500, noise: 0 });
    const x1 = nums(clean, 'x1');
    const x2 = nums(clean, 'x2');
    labels(clean).forEach((l, i) => {
      expect(Math.abs(x1[i])).toBeGreaterThanOrEqual(0.3);
      expect(l).toBe(x1[i] * x2[i] < 0 ? '1' : '0');
    });
    const noisy = gen('xor-noisy', { points: 500, noise: 0.5 });
    const a = nums(noisy, 'x1');
    const b = nums(noisy, 'x2');
    expect(labels(noisy).some((l, i) => l !== (a[i] * b[i] < 0 ? '1' : '0'))).toBe(true);
  });

  it('spiral: without noise the two arms are point reflections of each other, radius growing to 5', () => {
    const clean = gen('spiral', { points: 400, noise: 0 });
    const x1 = nums(clean, 'x1');
    const x2 = nums(clean, 'x2');
    for (let k = 0; k < 200; k++) {
      expect(labels(clean)[k]).toBe('1');
      expect(labels(clean)[200 + k]).toBe('0');
      expect(x1[200 + k]).toBeCloseTo(-x1[k], 12);
      expect(x2[200 + k]).toBeCloseTo(-x2[k], 12);
      expect(Math.hypot(x1[k], x2[k])).toBeCloseTo((k / 200) * 5, 12);
    }
  });

  it('spiral: noise jitters each coordinate by at most the noise level', () => {
    const clean = gen('spiral', { noise: 0 });
    const noisy = gen('spiral', { noise: 0.25 });
    const d = nums(clean, 'x1').map((v, i) => Math.abs(v - nums(noisy, 'x1')[i]));
    expect(Math.max(...d)).toBeLessThanOrEqual(0.25);
    expect(Math.max(...d)).toBeGreaterThan(0.1);
  });

  it('spiral3 with its defaults is the benchmark anchors W2 data set (spiral.csv, float32)', () => {
    const table = gen('spiral3');
    expect(table.rowCount).toBe(300);
    const at = (i: number) => [
      Math.fround(nums(table, 'x1')[i]),
      Math.fround(nums(table, 'x2')[i]),
      labels(table)[i],
    ];
    const f = Math.fround;
    expect(at(1)).toEqual([f(0.00282596378), f(0.0096976459), '0']);
    expect(at(2)).toEqual([f(-0.000429609936), f(0.0201974511), '0']);
    expect(at(250)).toEqual([f(-0.381543726), f(-0.330908448), '2']);
    expect(at(299)).toEqual([f(-0.571280122), f(0.820755124), '2']);
    const clean = gen('spiral3', { noise: 0 });
    // Without noise every point lies at radius i/(m-1) of its arm.
    expect(Math.hypot(nums(clean, 'x1')[99], nums(clean, 'x2')[99])).toBeCloseTo(1, 12);
  });

  it('moons: without noise points lie on unit half circles; noise is a Gaussian with that std', () => {
    const clean = gen('moons', { points: 400, noise: 0 });
    const x1 = nums(clean, 'x1');
    const x2 = nums(clean, 'x2');
    for (let i = 0; i < 200; i++) expect(Math.hypot(x1[i], x2[i])).toBeCloseTo(1, 12);
    for (let i = 200; i < 400; i++) expect(Math.hypot(x1[i] - 1, x2[i] - 0.5)).toBeCloseTo(1, 12);
    const noisy = gen('moons', { points: 400, noise: 0.2 });
    const dx = nums(noisy, 'x1').map((v, i) => v - x1[i]);
    expect(std(dx)).toBeGreaterThan(0.15);
    expect(std(dx)).toBeLessThan(0.25);
  });

  it('regression-plane: y = (x1 + x2) / 10 without noise', () => {
    const clean = gen('regression-plane', { noise: 0 });
    const y = nums(clean, 'y');
    nums(clean, 'x1').forEach((v, i) => expect(y[i]).toBeCloseTo((v + nums(clean, 'x2')[i]) / 10, 12));
  });

  it('regression-sine: y = sin(x1) + 0.5 sin(x2), noise adds residuals with that std', () => {
    const residual = (noise: number) => {
      const t = gen('regression-sine', { points: 2000, noise });
      const a = nums(t, 'x1');
      const b = nums(t, 'x2');
      return nums(t, 'y').map((v, i) => v - (Math.sin(a[i]) + 0.5 * Math.sin(b[i])));
    };
    expect(Math.max(...residual(0).map(Math.abs))).toBeLessThan(1e-12);
    expect(std(residual(0.3))).toBeCloseTo(0.3, 1);
  });
});

describe('builtinDefaults and option checks', () => {
  it('gives a task for every built-in and options generateTable accepts', () => {
    for (const kind of BUILTIN_DATASETS) {
      const d = builtinDefaults(kind);
      expect(d.task).toBe(kind.startsWith('regression') ? 'regression' : 'classification');
      expect(generateTable(kind, d).rowCount).toBe(kind === 'xor' ? 4 : d.points);
    }
  });

  it.each([
    [{ points: 2 }, 'points', 'points must be an integer from 4 to 1000000 (got 2)'],
    [{ points: 10.5 }, 'points', 'got 10.5'],
    [{ noise: -0.1 }, 'noise', 'noise must be a number from 0 to 1 (got -0.1)'],
    [{ noise: Number.NaN }, 'noise', 'got NaN'],
    [{ seed: 1.5 }, 'seed', 'seed must be an integer (got 1.5)'],
  ])('rejects %j with a ConfigError naming the field', (over, field, says) => {
    const err = thrown(() => gen('circle', over)) as StudioError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.location.field).toBe(field);
    expect(err.message).toContain(says);
  });

  it('rejects an unknown kind listing the built-ins', () => {
    const err = thrown(() => generateTable('donut' as BuiltinKind, { points: 10, noise: 0, seed: 1 }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('spiral3');
  });
});
