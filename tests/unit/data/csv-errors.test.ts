import { describe, expect, it } from 'vitest';
import { CsvError, DatasetError, type StudioError } from '../../../src-shared/errors';
import { decodeCsvBytes, parseCsv, prepareDataset, type PrepareOptions } from '../../../src-shared/data';
import { fixtureBytes, loadFixture, thrown } from './fixtures';

const PREPARE: PrepareOptions = { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true };

interface BadCase {
  file: string;
  stage: 'load' | 'prepare';
  kind: typeof CsvError | typeof DatasetError;
  /** Substrings the one-line message must contain. */
  says: string[];
  row?: number;
  column?: string;
  options?: Partial<PrepareOptions>;
}

const CASES: BadCase[] = [
  { file: 'empty.csv', stage: 'load', kind: CsvError, says: ['empty.csv is empty'] },
  { file: 'header-only.csv', stage: 'load', kind: CsvError, says: ['header row but no data rows'], row: 2 },
  {
    file: 'one-row.csv',
    stage: 'prepare',
    kind: DatasetError,
    says: ['one-row.csv', 'only 1 data row', 'at least 2'],
  },
  {
    file: 'ragged.csv',
    stage: 'load',
    kind: CsvError,
    says: ['row 5', 'expected 3 fields', 'got 4'],
    row: 5,
  },
  {
    file: 'non-numeric.csv',
    stage: 'load',
    kind: CsvError,
    says: [
      'non-numeric.csv row 14, column "age": "12x" is not a number (column is numeric: 97% of its cells are numbers)',
    ],
    row: 14,
    column: 'age',
  },
  {
    file: 'nan.csv',
    stage: 'load',
    kind: CsvError,
    says: ['row 7', 'column "b"', '"NaN"', 'empty'],
    row: 7,
    column: 'b',
  },
  {
    file: 'infinity.csv',
    stage: 'load',
    kind: CsvError,
    says: ['row 10', 'column "a"', '"Infinity"', 'not a finite number'],
    row: 10,
    column: 'a',
  },
  {
    file: 'overflow.csv',
    stage: 'load',
    kind: CsvError,
    says: ['row 4', 'column "b"', '"1e999"', 'out of range'],
    row: 4,
    column: 'b',
  },
  {
    // Numbers with missing values marked 4 ways: not silently a text column ("identifier or
    // free text"), but an error saying what to do.
    file: 'many-markers.csv',
    stage: 'load',
    kind: CsvError,
    says: [
      'many-markers.csv: column "a" is numeric but marks missing values 4 ways (?, -, NA, null): use one marker or leave the cells empty',
    ],
    column: 'a',
  },
  {
    file: 'duplicate-columns.csv',
    stage: 'load',
    kind: CsvError,
    says: ['duplicate column name "height"', 'columns 1 and 3'],
    row: 1,
    column: 'height',
  },
  {
    file: 'unterminated-quote.csv',
    stage: 'load',
    kind: CsvError,
    says: ['row 4', 'closing " is missing'],
    row: 4,
  },
  { file: 'binary.csv', stage: 'load', kind: CsvError, says: ['binary.csv is not a text file', 'NUL'] },
  {
    file: 'not-utf8.csv',
    stage: 'load',
    kind: CsvError,
    says: ['not-utf8.csv line 3 is not valid UTF-8', '0xE3'],
    row: 3,
  },
  {
    file: 'one-class.csv',
    stage: 'prepare',
    kind: DatasetError,
    says: ['column "label" has only one class ("yes")'],
    column: 'label',
  },
  {
    file: 'one-class.csv',
    stage: 'prepare',
    kind: DatasetError,
    says: ['no column "price" to predict', '"x1", "x2", "label"'],
    column: 'price',
    options: { target: 'price' },
  },
];

describe('bad CSV corpus: every error is typed, one line, and names where', () => {
  for (const c of CASES) {
    it(`${c.file}${c.options ? ` ${JSON.stringify(c.options)}` : ''} -> ${c.kind.name}`, () => {
      const err = thrown(() => {
        const table = loadFixture(`bad/${c.file}`);
        if (c.stage === 'load') return table;
        return prepareDataset(table, { ...PREPARE, ...c.options });
      }) as StudioError;
      expect(err).toBeInstanceOf(c.kind);
      expect(err.message).not.toContain('\n');
      for (const part of c.says) expect(err.message).toContain(part);
      if (c.row !== undefined) expect(err.location.row).toBe(c.row);
      if (c.column !== undefined) expect(err.location.column).toBe(c.column);
      if (c.file !== 'one-class.csv' || !c.options) expect(err.location.file ?? c.file).toBe(c.file);
    });
  }

  it('a one-row file still parses (predicting one row is fine); only training needs 2 rows', () => {
    const table = loadFixture('bad/one-row.csv');
    expect(table.rowCount).toBe(1);
    expect(table.columns.map((col) => col.kind)).toEqual(['numeric', 'numeric', 'categorical']);
  });
});

describe('CSV structure errors from text', () => {
  const fail = (text: string): CsvError => thrown(() => parseCsv(text, 'data.csv')) as CsvError;

  it('treats a whitespace-only file as empty', () => {
    expect(fail('  \n\r\n  ').message).toBe('data.csv is empty');
  });
  it('reports a malformed closing quote with its row', () => {
    const err = fail('a,b\n1,2\n3,"x"y\n');
    expect(err.message).toContain('data.csv row 3: malformed quoted field');
  });
  it('counts a trailing delimiter as an extra field (ragged)', () => {
    const err = fail('a,b\n1,2\n3,4,\n');
    expect(err.message).toBe('data.csv row 3 is ragged: expected 2 fields (like the header), got 3');
  });
  it('gives ragged rows the line an editor shows, blank lines and multi-line quotes included', () => {
    const err = fail('a,b\n\n1,"two\nlines"\n\n3\n');
    expect(err.location.row).toBe(6);
  });
  it('refuses a first line of numbers as a header', () => {
    expect(fail('5.1,3.5,0\n4.9,3.0,1\n').message).toContain('looks like data, not a header');
  });
  it('reports "-inf", "nan" and float32 overflow (1e39) as number problems, not as categories', () => {
    const base = Array.from({ length: 9 }, (_, i) => `${i},${i % 2}`);
    for (const [cell, says] of [
      ['-inf', 'is not a finite number'],
      ['nan', 'is not allowed'],
      ['1e39', 'is out of range'],
    ]) {
      const err = fail(['a,label', `${cell},0`, ...base].join('\n'));
      expect(err.message).toContain(`data.csv row 2, column "a": "${cell}" ${says}`);
    }
  });
  it('lets a column with mostly text become categorical instead of failing', () => {
    const table = parseCsv('size,label\n1,a\nS,b\nM,a\nL,b\nXL,a\n', 'data.csv');
    expect(table.columns[0].kind).toBe('categorical');
  });
});

describe('decodeCsvBytes', () => {
  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeCsvBytes(fixtureBytes('tricky/bom-crlf.csv'), 'x.csv').startsWith('x1,x2')).toBe(true);
  });
  it('reads UTF-16LE text with a byte-order mark (Excel "Unicode text")', () => {
    const text = 'a\tb\r\n1\t2\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    expect(decodeCsvBytes(bytes, 'u16.csv')).toBe(text);
  });
  it('rejects overlong encodings and surrogates that TextDecoder alone would only call "invalid"', () => {
    const overlong = new Uint8Array([0x61, 0x0a, 0xc0, 0xaf]);
    expect(thrown(() => decodeCsvBytes(overlong, 'o.csv')).message).toContain(
      'o.csv line 2 is not valid UTF-8 text (byte 0xC0 at offset 2)',
    );
    const surrogate = new Uint8Array([0xed, 0xa0, 0x80]);
    expect(thrown(() => decodeCsvBytes(surrogate, 's.csv'))).toBeInstanceOf(CsvError);
  });
  it('accepts valid multi-byte UTF-8 (accents, CJK, emoji)', () => {
    const text = 'name,label\nJosé,a\n東京,b\n🙂,a\n';
    expect(decodeCsvBytes(new TextEncoder().encode(text), 'ok.csv')).toBe(text);
  });
});
