import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { foldRows } from '../../../src-shared/data/prepare/split';

const irisText = readFileSync(new URL('../../../src-shared/data/classic/iris.csv', import.meta.url), 'utf8');

describe('k-fold splits', () => {
  it('are disjoint, cover every row once and differ in size by at most one', () => {
    const rows = Int32Array.from({ length: 103 }, (_, i) => i * 2);
    for (const k of [2, 3, 5, 10]) {
      const folds = foldRows(rows, k, 7, null);
      const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
      expect(all).toEqual(Array.from(rows));
      const sizes = folds.map((f) => f.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('depend on the seed only', () => {
    const rows = Int32Array.from({ length: 40 }, (_, i) => i);
    expect(foldRows(rows, 4, 3, null)).toEqual(foldRows(rows, 4, 3, null));
    expect(foldRows(rows, 4, 3, null)).not.toEqual(foldRows(rows, 4, 4, null));
  });

  it('spread each class evenly over the folds when stratified', () => {
    // 3 classes of 50, 30, 20 rows.
    const classes = Float32Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : i < 80 ? 1 : 2));
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const folds = foldRows(rows, 5, 11, classes);
    for (const fold of folds) {
      const counts = [0, 0, 0];
      for (const r of fold) counts[classes[r]]++;
      expect(counts).toEqual([10, 6, 4]);
    }
  });

  it('train through prepareDataset: fold i validates on its rows and trains on all others', () => {
    const table = parseCsv(irisText, 'iris.csv');
    const seen: number[] = [];
    for (let index = 0; index < 5; index++) {
      const data = prepareDataset(table, {
        valFraction: 0.2,
        seed: 3,
        missing: 'drop',
        standardize: true,
        fold: { count: 5, index },
      });
      const val = Array.from(data.val!.rowIndex);
      const train = new Set(data.train.rowIndex);
      expect(val.length).toBe(30);
      expect(val.some((r) => train.has(r))).toBe(false);
      expect(train.size + val.length).toBe(150);
      // Stratified: iris has 50 of each species, so 10 of each per fold.
      const perClass = [0, 0, 0];
      for (let i = 0; i < data.val!.n; i++) perClass[data.val!.y[i]]++;
      expect(perClass).toEqual([10, 10, 10]);
      expect(data.split?.fold).toEqual({ count: 5, index });
      seen.push(...val);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it('refuse more folds than rows, in one line', () => {
    const table = parseCsv('a,b\n1,x\n2,y\n3,x\n', 't.csv');
    expect(() =>
      prepareDataset(table, {
        valFraction: 0,
        seed: 1,
        missing: 'drop',
        standardize: true,
        fold: { count: 4, index: 0 },
      }),
    ).toThrow(/^t\.csv: 4 folds need at least 4 usable rows \(it has 3\): use fewer folds$/);
  });
});
