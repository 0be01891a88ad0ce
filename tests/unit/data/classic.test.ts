/** The classic data sets load by name (bundled CSV text) with the shapes their README states. */
import { describe, expect, it } from 'vitest';
import { CLASSIC_DATASETS, CLASSIC_INFO, loadClassicTable, prepareDataset } from '../../../src-shared/data';

describe('classic data sets', () => {
  it.each(CLASSIC_DATASETS.map((name) => ({ name })))(
    '$name loads with its documented shape and task',
    async ({ name }) => {
      const info = CLASSIC_INFO[name];
      const table = await loadClassicTable(name);
      expect(table.source).toBe(name);
      expect(table.rowCount).toBe(info.rows);
      expect(table.columns.length).toBe(info.features + 1);
      expect(table.columns[table.columns.length - 1].name).toBe(info.target);
      const data = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'impute', standardize: true });
      expect(data.task).toBe(info.task);
      expect(data.train.n + data.val!.n).toBe(info.rows);
    },
  );

  it('penguins has missing values and a categorical island and sex', async () => {
    const table = await loadClassicTable('penguins');
    const byName = Object.fromEntries(table.columns.map((c) => [c.name, c]));
    expect(byName.Island.kind).toBe('categorical');
    expect(byName.Sex.kind).toBe('categorical');
    expect(byName['Body Mass (g)'].missing).toBe(2);
    expect(byName.Sex.missing).toBe(11);
    const dropped = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true });
    expect(dropped.train.n + dropped.val!.n).toBe(333);
    expect(dropped.preprocessing.target.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('diabetes is regression on raw measurements', async () => {
    const table = await loadClassicTable('diabetes');
    expect(table.columns.map((c) => c.name)).toEqual([
      'age',
      'sex',
      'bmi',
      'bp',
      's1',
      's2',
      's3',
      's4',
      's5',
      's6',
      'progression',
    ]);
    expect(table.columns[0].numbers![0]).toBe(59);
  });
});
