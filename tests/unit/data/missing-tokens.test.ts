/**
 * Missing-value markers: in a column that is mostly numbers, `?`, `NA`, `n/a`, `-`, `null`,
 * `none` (any case, at most 3 spellings) are missing cells, reported in the notes; more
 * spellings are an error naming them (read as text at predict time); elsewhere they are
 * ordinary text. Fixture: tests/fixtures/csv/tricky/missing-tokens.csv.
 */
import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src-shared/errors';
import { encodeInputs, parseCsv, prepareDataset, type PrepareOptions } from '../../../src-shared/data';
import { loadFixture, thrown } from './fixtures';

const OPTS: PrepareOptions = { valFraction: 0, seed: 1, missing: 'drop', standardize: true };
const column = (name: string) =>
  loadFixture('tricky/missing-tokens.csv').columns.find((c) => c.name === name)!;

describe('missing-tokens.csv', () => {
  it('reads "?", "NA" and "n/a" in mostly numeric columns as missing numbers', () => {
    const table = loadFixture('tricky/missing-tokens.csv');
    expect(table.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['age', 'numeric', 2],
      ['income', 'numeric', 3],
      ['score', 'categorical', 0], // 3 numbers and 9 "?": not mostly numbers, so "?" is a category
      ['city', 'categorical', 0], // "-" among words is a category
      ['label', 'categorical', 0],
    ]);
    const age = Array.from(column('age').numbers!);
    expect(age.map((v) => (Number.isNaN(v) ? null : v)).slice(0, 3)).toEqual([34, null, 29]);
    expect(column('age').missingTokens).toEqual([{ token: '?', count: 2 }]);
    expect(column('income').missingTokens).toEqual([
      { token: 'NA', count: 2 },
      { token: 'n/a', count: 1 },
    ]);
    expect(column('score').missingTokens).toBeUndefined();
  });

  it('drop: the markers are missing cells, the notes say which and how many', () => {
    const data = prepareDataset(loadFixture('tricky/missing-tokens.csv'), OPTS);
    expect(data.notes).toContain(
      'column "age": read 2 "?" cells as missing values (the other cells are numbers)',
    );
    expect(data.notes).toContain(
      'column "income": read 2 "NA" cells and 1 "n/a" cell as missing values (the other cells are numbers)',
    );
    expect(data.notes).toContain('dropped 5 rows with a missing cell (missing values: drop rows)');
    expect(data.notes.join('\n')).not.toContain('identifier');
    expect(data.preprocessing.features.map((f) => [f.name, f.kind])).toEqual([
      ['age', 'numeric'],
      ['income', 'numeric'],
      ['score', 'categorical'],
      ['city', 'categorical'],
    ]);
    expect(data.train.n).toBe(7);
    expect(data.preprocessing.missing.rowsDropped).toBe(5);
  });

  it('impute: the marker cells are filled like empty ones', () => {
    const data = prepareDataset(loadFixture('tricky/missing-tokens.csv'), { ...OPTS, missing: 'impute' });
    expect(data.train.n).toBe(12);
    expect(data.preprocessing.missing.cellsImputed).toBe(5);
    expect(Array.from(data.train.x).every(Number.isFinite)).toBe(true);
  });
});

describe('the marker rule', () => {
  const table = (cells: string[]) =>
    parseCsv(['x,y', ...cells.map((c, i) => `${c},${i % 2}`)].join('\n'), 't.csv');

  it('any case of the listed markers; "NaN" stays an error (it is a float value, not a marker)', () => {
    for (const marker of ['?', '-', 'NA', 'na', 'N/A', '#N/A', 'null', 'NULL', 'None'])
      expect(table(['1', '2', marker, '4']).columns[0]).toMatchObject({ kind: 'numeric', missing: 1 });
    const nan = thrown(() => table(['1', '2', 'NaN', '4', '5']));
    expect(nan).toBeInstanceOf(CsvError);
    expect(nan.message).toContain('"NaN" is not allowed (leave the cell empty to mark a missing value)');
  });

  it('a typo among numbers and markers is still an error naming the typo, not the marker', () => {
    const err = thrown(() => table(['1', '?', '3', '4', '12x', '6', '7', 'NA', '9', '10']));
    expect(err.message).toBe(
      't.csv row 6, column "x": "12x" is not a number (column is numeric: 70% of its cells are numbers and 20% missing-value markers such as "?")',
    );
  });

  it('needs more than half numbers, else the column is text; more than 3 spellings is an error', () => {
    expect(table(['1', '?', '?', '4']).columns[0].kind).toBe('categorical');
    const many = thrown(() => table(['1', '?', 'NA', '-', 'null', '5', '6', 'Null', '8', '9', '10', '11']));
    expect(many).toBeInstanceOf(CsvError);
    expect(many.message).toBe(
      't.csv: column "x" is numeric but marks missing values 5 ways (?, NA, -, null, Null): use one marker or leave the cells empty',
    );
    expect((many as CsvError).location).toMatchObject({ file: 't.csv', column: 'x' });
    // Not mostly numbers: text, as before (the markers may be categories there).
    expect(table(['1', '?', 'NA', '-', 'null', '6']).columns[0].kind).toBe('categorical');
    expect(table(['1', '?', 'NA', '-', '5', '6', '7']).columns[0]).toMatchObject({
      kind: 'numeric',
      missing: 3,
    });
  });

  it('a column nobody reads as numbers, or predict (markersAsText), reads many spellings as text', () => {
    const text = ['x,y', ...['1', '?', 'NA', '-', 'null', '5', '6', '7'].map((c) => `${c},0`)].join('\n');
    expect(parseCsv(text, 't.csv', { lenient: (c) => c === 'x' }).columns[0].kind).toBe('categorical');
    expect(parseCsv(text, 't.csv', { markersAsText: true }).columns[0].kind).toBe('categorical');
  });

  it('at predict time, every marker in a numeric input is missing, whatever the spellings', () => {
    const data = prepareDataset(loadFixture('tricky/missing-tokens.csv'), OPTS);
    const rows = ['?', '31', 'NA', '-', 'null', '33', '34', '35'].map((age, i) => `${age},5000${i},7,Lyon`);
    const table = parseCsv(['age,income,score,city', ...rows].join('\n'), 'new.csv', { markersAsText: true });
    expect(Array.from(encodeInputs(table, data.preprocessing).skipped)).toEqual([0, 2, 3, 4]);
  });

  it('at predict time, a numeric input column of markers only is missing, not an error', () => {
    const data = prepareDataset(loadFixture('tricky/missing-tokens.csv'), OPTS);
    const rows = parseCsv('age,income,score,city\n?,50000,7,Lyon\n30,51000,8,Nice\n', 'new.csv');
    const onlyMarkers = parseCsv('age,income,score,city\n?,50000,7,Lyon\nNA,51000,8,Nice\n', 'new.csv');
    expect(Array.from(encodeInputs(rows, data.preprocessing).skipped)).toEqual([0]);
    expect(onlyMarkers.columns[0].kind).toBe('categorical');
    expect(Array.from(encodeInputs(onlyMarkers, data.preprocessing).skipped)).toEqual([0, 1]);
  });
});
