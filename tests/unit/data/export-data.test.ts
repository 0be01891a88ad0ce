import { describe, expect, it } from 'vitest';
import { datasetCsv, parseCsv, prepareDataset } from '../../../src-shared/data';

describe('datasetCsv (Export data)', () => {
  it('writes every row as read, with the split it went to, and reads back as the same table', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},${i === 1 ? '?' : i * 2},${i % 2 ? 'y' : 'x'}`);
    const table = parseCsv(['a,b,label', ...rows].join('\n'), 'd.csv');
    const prepared = prepareDataset(table, { valFraction: 0.4, seed: 3, missing: 'drop', standardize: true });
    const csv = datasetCsv(table, prepared);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('a,b,label,split');
    expect(lines).toHaveLength(31);
    // Row 2 has a missing value: dropped, so in no split; the marker is written as it was.
    expect(lines[2]).toBe('1,?,y,unused');
    expect(prepared.val!.n).toBeGreaterThan(0);
    const splits = lines.slice(1).map((line) => line.split(',').at(-1));
    expect(splits.filter((s) => s === 'train')).toHaveLength(prepared.train.n);
    expect(splits.filter((s) => s === 'validation')).toHaveLength(prepared.val!.n);
    const back = parseCsv(csv, 'back.csv');
    expect(back.columns.map((c) => c.name)).toEqual(['a', 'b', 'label', 'split']);
    expect(Array.from(back.columns[0].numbers!)).toEqual(rows.map((_, i) => i));
  });

  it('quotes fields with commas and avoids a clash with an existing split column', () => {
    const table = parseCsv('name,split,y\n"a, b",1,0\nc,2,1\nd,3,0\ne,4,1\n', 'q.csv');
    const prepared = prepareDataset(table, {
      valFraction: 0,
      seed: 1,
      missing: 'drop',
      standardize: true,
      exclude: ['name'],
    });
    const lines = datasetCsv(table, prepared).trim().split('\n');
    expect(lines[0]).toBe('name,split,y,split_');
    expect(lines[1]).toBe('"a, b",1,0,train');
  });
});
