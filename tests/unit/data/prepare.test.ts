import { describe, expect, it } from 'vitest';
import { CsvError, DatasetError, type StudioError } from '../../../src-shared/errors';
import { builtinDefaults, encodeTable, generateTable, prepareDataset } from '../../../src-shared/data';
import { loadFixture, thrown } from './fixtures';
import { OPTS, csv, row, meanStd, sample } from './prepare-helpers';

/* prepareDataset and encodeTable: standardization, encoding, predict-time encoding, missing values. */
describe('standardization and encoding', () => {
  it('uses training-split statistics only (population std), and the train part comes out mean 0 / std 1', () => {
    const table = sample();
    const data = prepareDataset(table, OPTS);
    const a = table.columns[0].numbers!;
    const trainA = Array.from(data.train.rowIndex, (r) => a[r]);
    const expected = meanStd(trainA);
    const allStats = meanStd(Array.from(a));
    const feature = data.preprocessing.features[0];
    expect(feature.mean).toBeCloseTo(expected.mean, 12);
    expect(feature.std).toBeCloseTo(expected.std, 12);
    expect(feature.mean).not.toBeCloseTo(allStats.mean, 6);
    const encodedTrainA = Array.from({ length: data.train.n }, (_, i) => data.train.x[i * 2]);
    const encoded = meanStd(encodedTrainA);
    expect(encoded.mean).toBeCloseTo(0, 5);
    expect(encoded.std).toBeCloseTo(1, 5);
    const v = data.val!;
    for (let i = 0; i < v.n; i++)
      expect(v.x[i * 2]).toBeCloseTo((a[v.rowIndex[i]] - expected.mean) / expected.std, 5);
  });

  it('keeps std 1 for a constant column instead of dividing by zero', () => {
    const data = prepareDataset(
      csv(
        'k,a,label',
        Array.from({ length: 20 }, (_, i) => [7, i, i % 2]),
      ),
      OPTS,
    );
    expect(data.preprocessing.features[0]).toMatchObject({ name: 'k', mean: 7, std: 1 });
    for (let i = 0; i < data.train.n; i++) expect(data.train.x[i * 2]).toBe(0);
  });

  it('one-hot encodes categorical features in sorted vocabulary order, after the columns before them', () => {
    const table = loadFixture('tricky/categorical.csv');
    const data = prepareDataset(table, { ...OPTS, valFraction: 0 });
    expect(data.preprocessing.encodedNames).toEqual([
      'color=blue',
      'color=green',
      'color=red',
      'size=L',
      'size=M',
      'size=S',
      'weight',
    ]);
    // Row 0 of the file: red, S, 1.0
    const i = Array.from(data.train.rowIndex).indexOf(0);
    expect(row(data.train, i).slice(0, 6)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(data.preprocessing.target.classes).toEqual(['heavy', 'light']);
  });

  it('takes the vocabulary from the training split only; an unseen category encodes as zeros', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [i, i < 29 ? ['a', 'b'][i % 2] : 'rare', i % 2]);
    const table = csv('n,cat,label', rows);
    const data = prepareDataset(table, { ...OPTS, valFraction: 0.2, seed: 3 });
    const categories = data.preprocessing.features[1].categories!;
    const rareInTrain = Array.from(data.train.rowIndex).includes(29);
    expect(categories.includes('rare')).toBe(rareInTrain);
    const enc = encodeTable(csv('n,cat', [[1, 'zzz']]), data.preprocessing);
    expect(Array.from(enc.x.subarray(1))).toEqual(categories.map(() => 0));
  });

  it('does not standardize when asked not to (built-in data stays in raw units)', () => {
    const xor = generateTable('xor', builtinDefaults('xor'));
    const data = prepareDataset(xor, { ...OPTS, standardize: false });
    expect(data.train.n).toBe(4);
    expect(data.val).toBeNull();
    const points = Array.from({ length: 4 }, (_, i) => row(data.train, i));
    const labelOf = new Map(points.map((p, i) => [p.join(','), data.train.y[i]]));
    expect(labelOf).toEqual(
      new Map([
        ['0,0', 0],
        ['0,1', 1],
        ['1,0', 1],
        ['1,1', 0],
      ]),
    );
    expect(data.preprocessing.features.map((f) => [f.mean, f.std])).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });
});

describe('encodeTable (predict time)', () => {
  it('reproduces the prepared training inputs and targets for the same rows', () => {
    for (const table of [
      loadFixture('tricky/categorical.csv'),
      sample(),
      generateTable('regression-sine', builtinDefaults('regression-sine')),
    ]) {
      const data = prepareDataset(table, { ...OPTS, valFraction: table.rowCount > 10 ? 0.25 : 0 });
      const enc = encodeTable(table, data.preprocessing);
      expect(enc.n).toBe(table.rowCount);
      expect(enc.skipped.length).toBe(0);
      const d = data.train.inputSize;
      for (let i = 0; i < data.train.n; i++) {
        const r = data.train.rowIndex[i];
        expect(Array.from(enc.x.subarray(r * d, (r + 1) * d))).toEqual(row(data.train, i));
        expect(enc.y![r]).toBe(data.train.y[i]);
      }
    }
  });

  it('matches columns by name: reordered and extra columns are fine, target optional', () => {
    const table = sample();
    const data = prepareDataset(table, OPTS);
    const shuffled = csv('extra,b,a', [
      ['x', 4, 2],
      ['y', 9, 3],
    ]);
    const enc = encodeTable(shuffled, data.preprocessing);
    const f = data.preprocessing.features;
    expect(enc.n).toBe(2);
    expect(enc.y).toBeNull();
    expect(enc.x[0]).toBeCloseTo((2 - f[0].mean!) / f[0].std!, 6);
    expect(enc.x[1]).toBeCloseTo((4 - f[1].mean!) / f[1].std!, 6);
  });

  it('names a missing feature column, and a text cell in a numeric feature', () => {
    const data = prepareDataset(sample(), OPTS);
    const missing = thrown(() =>
      encodeTable(csv('a,parity', [[1, 'odd']]), data.preprocessing),
    ) as StudioError;
    expect(missing).toBeInstanceOf(DatasetError);
    expect(missing.message).toContain('data.csv has no column "b", which the model needs');
    expect(missing.location.column).toBe('b');
    const text = thrown(() =>
      encodeTable(
        csv('a,b', [
          [1, 2],
          ['one', 'two'],
        ]),
        data.preprocessing,
      ),
    ) as StudioError;
    expect(text).toBeInstanceOf(CsvError);
    expect(text.message).toContain('data.csv row 3, column "a": "one" is not a number');
  });

  it('drops rows with missing cells under "drop", fills them under "impute"', () => {
    const table = loadFixture('tricky/missing-values.csv');
    const dropped = prepareDataset(table, { ...OPTS, valFraction: 0, target: 'label' });
    const raw = encodeTable(table, dropped.preprocessing);
    expect(raw.skipped.length).toBe(3);
    expect(Array.from(raw.rowIndex)).toEqual([0, 4, 5, 6, 7]);
    const imputed = prepareDataset(table, { ...OPTS, valFraction: 0, missing: 'impute' });
    expect(encodeTable(table, imputed.preprocessing).skipped.length).toBe(0);
  });

  it('reports a class the model never saw', () => {
    const data = prepareDataset(sample(), OPTS);
    const err = thrown(() =>
      encodeTable(
        csv('a,b,parity', [
          [1, 1, 'odd'],
          [2, 4, 'prime'],
        ]),
        data.preprocessing,
      ),
    );
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(
      'data.csv row 3, column "parity": class "prime" was not in the training data (classes: even, odd)',
    );
  });
});

describe('missing values', () => {
  const table = () => loadFixture('tricky/missing-values.csv');

  it('drop: removes rows with a missing feature and rows without a target, and says how many', () => {
    const data = prepareDataset(table(), { ...OPTS, valFraction: 0 });
    expect(data.train.n).toBe(4);
    expect(data.preprocessing.missing).toEqual({ policy: 'drop', rowsDropped: 4, cellsImputed: 0 });
    expect(data.notes).toContain('dropped 1 row with no value in target "label"');
    expect(data.notes).toContain('dropped 3 rows with a missing cell (missing values: drop rows)');
  });

  it('impute: fills with the training mean / most frequent category and counts the cells', () => {
    const data = prepareDataset(table(), { ...OPTS, valFraction: 0, missing: 'impute' });
    expect(data.train.n).toBe(7);
    expect(data.preprocessing.missing).toEqual({ policy: 'impute', rowsDropped: 1, cellsImputed: 3 });
    const [age, color, income] = data.preprocessing.features;
    // Rows kept: all but the one without a label (age 70): ages 30,50,60,80,90,40 -> mean 58.33.
    expect(age.fill).toBeCloseTo((30 + 50 + 60 + 80 + 90 + 40) / 6, 12);
    expect(color.fill).toBe('red');
    expect(income.fill).toBeCloseTo((100 + 200 + 300 + 600 + 700 + 800) / 6, 12);
    expect(data.notes.some((n) => n.startsWith('filled 3 missing cells'))).toBe(true);
    // The row with the missing age (file row 3) encodes age as the fill, i.e. 0 after standardizing.
    const i = Array.from(data.train.rowIndex).indexOf(1);
    expect(data.train.x[i * data.train.inputSize]).toBeCloseTo(0, 6);
  });
});
