import { describe, expect, it } from 'vitest';
import { CsvError, DatasetError, type StudioError } from '../../../src-shared/errors';
import {
  builtinDefaults,
  encodeTable,
  generateTable,
  parseCsv,
  prepareDataset,
  type Dataset,
  type PrepareOptions,
  type Table,
} from '../../../src-shared/data';
import { loadFixture, thrown } from './fixtures';

const OPTS: PrepareOptions = { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true };

function csv(header: string, rows: (string | number)[][]): Table {
  return parseCsv([header, ...rows.map((r) => r.join(','))].join('\n'), 'data.csv');
}

function row(data: Dataset, i: number): number[] {
  return Array.from(data.x.subarray(i * data.inputSize, (i + 1) * data.inputSize));
}

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std };
}

/** 100 rows: feature a = 0..99, b = a^2, class alternating "even"/"odd". */
function sample(): Table {
  return csv(
    'a,b,parity',
    Array.from({ length: 100 }, (_, i) => [i, i * i, i % 2 ? 'odd' : 'even']),
  );
}

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
      expect(enc.dropped).toBe(0);
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
    expect(raw.dropped).toBe(3);
    expect(Array.from(raw.rowIndex)).toEqual([0, 4, 5, 6, 7]);
    const imputed = prepareDataset(table, { ...OPTS, valFraction: 0, missing: 'impute' });
    expect(encodeTable(table, imputed.preprocessing).dropped).toBe(0);
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

describe('task inference', () => {
  const ints = (n: number, k: number) =>
    csv(
      'x,t',
      Array.from({ length: n }, (_, i) => [i * 0.5, i % k]),
    );

  it('categorical target -> classification', () => {
    expect(prepareDataset(sample(), OPTS).task).toBe('classification');
  });
  it('integers with <= 10 values -> classification, with classes in numeric order', () => {
    const data = prepareDataset(ints(60, 10), OPTS);
    expect(data.task).toBe('classification');
    expect(data.preprocessing.target.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(data.notes[0]).toBe('task: classification (target "t" has 10 distinct integer values)');
  });
  it('11-20 integer values -> classification only when that is <= 5% of the rows', () => {
    expect(prepareDataset(ints(200, 15), OPTS).task).toBe('regression');
    expect(prepareDataset(ints(300, 15), OPTS).task).toBe('classification');
    expect(prepareDataset(ints(1000, 21), OPTS).task).toBe('regression');
  });
  it('integers with as many values as rows, or non-integers -> regression', () => {
    expect(prepareDataset(ints(8, 8), OPTS).task).toBe('regression');
    expect(
      prepareDataset(
        csv(
          'x,t',
          Array.from({ length: 40 }, (_, i) => [i, (i % 3) + 0.5]),
        ),
        OPTS,
      ).task,
    ).toBe('regression');
  });
  it('a forced task wins; a text target cannot be forced to regression', () => {
    expect(prepareDataset(ints(60, 3), { ...OPTS, task: 'regression' }).task).toBe('regression');
    const err = thrown(() => prepareDataset(sample(), { ...OPTS, task: 'regression' }));
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain('"parity" holds text');
  });
  it('standardizes a regression target with training statistics', () => {
    const table = csv(
      'x,price',
      Array.from({ length: 50 }, (_, i) => [i, 1000 + 37.5 * i]),
    );
    const data = prepareDataset(table, OPTS);
    const target = data.preprocessing.target;
    const train = Array.from(data.train.rowIndex, (r) => 1000 + 37.5 * r);
    const stats = meanStd(train);
    expect(target.mean).toBeCloseTo(stats.mean, 9);
    expect(target.std).toBeCloseTo(stats.std, 9);
    expect(data.train.y[0]).toBeCloseTo((train[0] - stats.mean) / stats.std, 5);
  });
});

describe('split', () => {
  it('is seeded: same seed same rows, another seed other rows; train and val partition the rows', () => {
    const a = prepareDataset(sample(), OPTS);
    const b = prepareDataset(sample(), OPTS);
    const c = prepareDataset(sample(), { ...OPTS, seed: 2 });
    expect(Array.from(a.val!.rowIndex)).toEqual(Array.from(b.val!.rowIndex));
    expect(Array.from(a.val!.rowIndex)).not.toEqual(Array.from(c.val!.rowIndex));
    const all = [...a.train.rowIndex, ...a.val!.rowIndex].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a.val!.n).toBe(20);
  });

  it('stratified: validation keeps the class ratios of an imbalanced set', () => {
    const labels = [...Array(600).fill('a'), ...Array(300).fill('b'), ...Array(100).fill('c')];
    const table = csv(
      'x,label',
      labels.map((l, i) => [i, l]),
    );
    const data = prepareDataset(table, { ...OPTS, valFraction: 0.25, seed: 9 });
    const count = (d: Dataset) => [0, 1, 2].map((k) => Array.from(d.y).filter((y) => y === k).length);
    expect(count(data.val!)).toEqual([150, 75, 25]);
    expect(count(data.train)).toEqual([450, 225, 75]);
  });

  it('never takes the only example of a class away from training', () => {
    const table = csv(
      'x,label',
      Array.from({ length: 20 }, (_, i) => [i, i === 0 ? 'lonely' : ['p', 'q'][i % 2]]),
    );
    const data = prepareDataset(table, { ...OPTS, valFraction: 0.5 });
    expect(Array.from(data.train.rowIndex)).toContain(0);
  });
});

describe('a validation fraction that leaves too few training rows', () => {
  const moons = () => generateTable('moons', builtinDefaults('moons'));

  it('under 10 training rows: a warning in notes and warnings, training still possible', () => {
    const data = prepareDataset(moons(), { ...OPTS, valFraction: 0.99, standardize: false });
    expect(data.train.n).toBe(4);
    const warning =
      'validation fraction 0.99 leaves 4 training rows (396 of 400 held out for validation): too few to learn from, hold out less';
    expect(data.warnings).toEqual([warning]);
    expect(data.notes).toContain(warning);
  });

  it('under 2 training rows: an error naming the fraction and the counts', () => {
    const plane = generateTable('regression-plane', builtinDefaults('regression-plane'));
    const err = thrown(() => prepareDataset(plane, { ...OPTS, valFraction: 0.999 })) as StudioError;
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe(
      'validation fraction 0.999 leaves 1 training row (399 of 400 held out for validation); at least 2 are needed to train: hold out less',
    );
    expect(err.location.field).toBe('valFraction');
  });

  it('no warning for the usual split, nor for a small file with nothing held out', () => {
    expect(prepareDataset(moons(), OPTS).warnings).toEqual([]);
    const xor = generateTable('xor', builtinDefaults('xor'));
    expect(prepareDataset(xor, { ...OPTS, valFraction: 0.5 }).warnings).toEqual([]);
  });
});

describe('dataset errors', () => {
  it('unknown or excluded target, unknown excluded column, bad options', () => {
    const cases: [Partial<PrepareOptions>, string][] = [
      [{ target: 'nope' }, 'data.csv has no column "nope" to predict (columns: "a", "b", "parity")'],
      [{ target: 'a', exclude: ['a'] }, 'column "a" is the target'],
      [{ exclude: ['zz'] }, 'no column "zz" to leave out'],
      [{ valFraction: 1 }, 'validation fraction must be a number from 0 to below 1 (got 1)'],
      [{ exclude: ['a', 'b'] }, 'no input columns left besides the target "parity"'],
    ];
    for (const [over, says] of cases) {
      const err = thrown(() => prepareDataset(sample(), { ...OPTS, ...over }));
      expect(err).toBeInstanceOf(DatasetError);
      expect(err.message).toContain(says);
    }
  });

  it('an empty target column, too many classes, a one-column file', () => {
    const empty = thrown(() =>
      prepareDataset(parseCsv('a,b,t\n1,2,\n3,4,\n', 'e.csv'), { ...OPTS, target: 't' }),
    );
    expect(empty).toBeInstanceOf(DatasetError);
    expect(empty.message).toBe('e.csv: target column "t" is empty; choose a column with values');
    const names = csv(
      'x,who',
      Array.from({ length: 1200 }, (_, i) => [i, `id${i}`]),
    );
    const many = thrown(() => prepareDataset(names, OPTS));
    expect(many.message).toContain(
      'target column "who" has 1200 classes (at most 1000); is it an identifier?',
    );
    const single = thrown(() => prepareDataset(parseCsv('only\n1\n2\n', 's.csv'), OPTS));
    expect(single.message).toBe('s.csv has 1 column; at least 2 are needed (inputs and a target)');
  });

  it('forces classification of a numeric target with canonical class names ("1.0" = "1")', () => {
    const table = csv(
      'x,t',
      Array.from({ length: 30 }, (_, i) => [i, ['1.0', '1', '2.5'][i % 3]]),
    );
    const data = prepareDataset(table, { ...OPTS, task: 'classification' });
    expect(data.preprocessing.target.classes).toEqual(['1', '2.5']);
  });

  it('leaves out an excluded column and an identifier-like text column, with notes', () => {
    const table = csv(
      'id,name,a,label',
      Array.from({ length: 60 }, (_, i) => [i, `person${i}`, i % 7, i % 2]),
    );
    const data = prepareDataset(table, { ...OPTS, exclude: ['id'] });
    expect(data.preprocessing.features.map((f) => f.name)).toEqual(['a']);
    expect(data.notes).toContain('left out by you: "id"');
    expect(data.notes.some((n) => n.startsWith('ignored column "name": its 60 distinct text values'))).toBe(
      true,
    );
  });

  it('notes say the task, the inputs and the split', () => {
    const data = prepareDataset(sample(), OPTS);
    expect(data.notes).toEqual([
      'task: classification (target "parity" holds category names)',
      'inputs: 2 numeric (standardized with training statistics) -> 2 model inputs',
      'split: 80 training rows, 20 validation rows (stratified, seed 1)',
      'classes: even, odd',
    ]);
  });
});
