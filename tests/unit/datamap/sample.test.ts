import { describe, expect, it } from 'vitest';
import { generateTable, prepareDataset } from '../../../src-shared/data';
import { MAX_MAP_ROWS, mapRows, sampleRows } from '../../../src-shared/datamap';

describe('sampleRows', () => {
  it('keeps every row, in order, up to the limit', () => {
    expect(Array.from(sampleRows(5, 5000, 1))).toEqual([0, 1, 2, 3, 4]);
  });

  it('draws a seeded sample of distinct rows, ascending, of exactly the limit', () => {
    const a = sampleRows(20_000, MAX_MAP_ROWS, 42);
    expect(a.length).toBe(5000);
    expect(new Set(a).size).toBe(5000);
    for (let i = 1; i < a.length; i++) expect(a[i]).toBeGreaterThan(a[i - 1]);
    expect(a[0]).toBeGreaterThanOrEqual(0);
    expect(a[a.length - 1]).toBeLessThan(20_000);
    expect(Array.from(sampleRows(20_000, MAX_MAP_ROWS, 42))).toEqual(Array.from(a));
    expect(Array.from(sampleRows(20_000, MAX_MAP_ROWS, 43))).not.toEqual(Array.from(a));
    // Spread over the whole range, not the first rows: about a quarter in each quarter.
    const quarters = [0, 0, 0, 0];
    for (const i of a) quarters[Math.floor(i / 5000)]++;
    for (const q of quarters) expect(q).toBeGreaterThan(1000);
  });
});

describe('mapRows', () => {
  it('gathers the sampled rows from both splits with their inputs, labels and table rows', () => {
    const table = generateTable('spiral3', { points: 900, noise: 0.1, seed: 3 });
    const data = prepareDataset(table, { valFraction: 0.25, seed: 3, missing: 'drop', standardize: false });
    const rows = mapRows(data, 9, 300);
    expect(rows.n).toBe(300);
    expect(rows.total).toBe(data.train.n + data.val!.n);
    const valCount = rows.val.reduce((s, v) => s + v, 0);
    expect(valCount).toBeGreaterThan(30);
    expect(valCount).toBeLessThan(150);
    const xs = table.columns[0].numbers!;
    const ys = table.columns[1].numbers!;
    const classes = data.preprocessing.target.classes!;
    const labels = table.columns[2];
    for (let i = 0; i < rows.n; i++) {
      const r = rows.tableRow[i];
      expect(rows.x[i * 2]).toBeCloseTo(xs[r], 5);
      expect(rows.x[i * 2 + 1]).toBeCloseTo(ys[r], 5);
      const text = labels.strings ? labels.strings[r] : String(labels.numbers![r]);
      expect(classes[rows.label[i]]).toBe(text);
    }
  });

  it('gives regression targets in raw units', () => {
    const table = generateTable('regression-plane', { points: 200, noise: 0.1, seed: 1 });
    const data = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true });
    const rows = mapRows(data, 1);
    const target = table.columns[table.columns.length - 1].numbers!;
    for (let i = 0; i < rows.n; i++) expect(rows.label[i]).toBeCloseTo(target[rows.tableRow[i]], 4);
  });
});
