import { describe, expect, it } from 'vitest';
import { DatasetError, type StudioError } from '../../../src-shared/errors';
import {
  builtinDefaults,
  generateTable,
  parseCsv,
  prepareDataset,
  type Dataset,
  type PrepareOptions,
} from '../../../src-shared/data';
import { thrown } from './fixtures';
import { OPTS, csv, meanStd, sample } from './prepare-helpers';

/* prepareDataset: task inference, the seeded split, too few training rows, dataset errors. */
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
