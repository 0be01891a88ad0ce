import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { deriveSeed, SEED_STREAMS } from '../../../src-shared/engine/rng';
import { SKLEARN_DIR } from './fixtures';

/** The user seed whose stream `stream` starts at `target`: deriveSeed run backwards (murmur3's fmix32 inverse). */
function seedWithStream(target: number, stream: number): number {
  let h = target | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7ed1b41d);
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, 0xa5cb9243);
  h ^= h >>> 16;
  return (h ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
}

// Shapes from scikit-learn's documentation of load_iris / load_wine / load_breast_cancer / load_digits.
const SETS = [
  {
    file: 'iris.csv',
    rows: 150,
    features: 4,
    target: 'species',
    classes: ['setosa', 'versicolor', 'virginica'],
  },
  { file: 'wine.csv', rows: 178, features: 13, target: 'cultivar', classes: ['0', '1', '2'] },
  {
    file: 'breast-cancer.csv',
    rows: 569,
    features: 30,
    target: 'diagnosis',
    classes: ['benign', 'malignant'],
  },
  {
    file: 'digits.csv',
    rows: 1797,
    features: 64,
    target: 'digit',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
];

describe('classic data sets from scikit-learn (src-shared/data/classic, made by scripts/make_classic_csv.py)', () => {
  it.each(SETS)('$file parses with the expected shape and is a classification task', (set) => {
    const table = parseCsv(readFileSync(SKLEARN_DIR + set.file, 'utf8'), set.file);
    expect(table.rowCount).toBe(set.rows);
    expect(table.columns.length).toBe(set.features + 1);
    expect(table.columns[table.columns.length - 1].name).toBe(set.target);
    for (const c of table.columns.slice(0, -1)) expect(c.kind).toBe('numeric');
    const data = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true });
    expect(data.task).toBe('classification');
    expect(data.preprocessing.target.name).toBe(set.target);
    expect(data.preprocessing.target.classes).toEqual(set.classes);
    expect(data.train.inputSize).toBe(set.features);
    expect(data.train.outputSize).toBe(set.classes.length);
    expect(data.train.n + data.val!.n).toBe(set.rows);
    expect(data.val!.n).toBeGreaterThanOrEqual(Math.floor(0.2 * set.rows) - set.classes.length);
  });

  it('digits with a plain split (stratify off, 0.2) from mulberry32(42) is the anchors W3 split', () => {
    // The anchors shuffle with mulberry32(42); the split reads the seed's split stream, so the
    // user seed to give is the one whose split stream starts at 42.
    const seed = seedWithStream(42, SEED_STREAMS.split);
    expect(deriveSeed(seed, SEED_STREAMS.split)).toBe(42);
    const table = parseCsv(readFileSync(SKLEARN_DIR + 'digits.csv', 'utf8'), 'digits.csv');
    const data = prepareDataset(table, {
      valFraction: 0.2,
      seed,
      missing: 'drop',
      standardize: false,
      stratify: false,
    });
    expect(data.train.n).toBe(1437);
    expect(data.val!.n).toBe(360);
    expect(Array.from(data.train.rowIndex.subarray(0, 5))).toEqual([1784, 96, 434, 1205, 1703]);
    expect(Array.from(data.val!.rowIndex.subarray(0, 5))).toEqual([1231, 388, 1595, 389, 1767]);
    // Raw pixel values 0..16 when not standardized.
    expect(Math.max(...data.train.x)).toBe(16);
  });
});
