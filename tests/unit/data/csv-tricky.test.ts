import { describe, expect, it } from 'vitest';
import {
  cellText,
  detectDelimiter,
  parseCsv,
  prepareDataset,
  previewTable,
  type Table,
} from '../../../src-shared/data';
import { loadFixture } from './fixtures';

const column = (table: Table, name: string) => {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};
const numbers = (table: Table, name: string) => Array.from(column(table, name).numbers ?? []);

describe('tricky but valid CSV corpus', () => {
  it('semicolon.csv: detects ";" and reads decimal commas as numbers', () => {
    const table = loadFixture('tricky/semicolon.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['länge', 'breite', 'klasse']);
    expect(numbers(table, 'länge')).toEqual([1.5, 2.25, 3, 4]);
    expect(numbers(table, 'breite')).toEqual([2, 3, 4.75, 5]);
    // Numeric columns keep numbers only; their text is the canonical number.
    expect(column(table, 'länge').strings).toBeUndefined();
    expect(cellText(column(table, 'länge'), 0)).toBe('1.5');
  });

  it('tab.csv: detects tabs', () => {
    const table = loadFixture('tricky/tab.csv');
    expect(table.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'categorical']);
    expect(numbers(table, 'x2')).toEqual([2, 4, 6, 8]);
  });

  it('quoted-with-commas.csv: quoted delimiters, doubled quotes and a multi-line field', () => {
    const table = loadFixture('tricky/quoted-with-commas.csv');
    expect(table.rowCount).toBe(4);
    expect(column(table, 'name').strings).toEqual(['Smith, Ann', 'Doe, Bob', 'Roe, Cy', 'Poe, Di']);
    expect(column(table, 'note').strings![0]).toBe('said "hi"');
    expect(column(table, 'note').strings![2]).toBe('multi\nline');
    // The multi-line record starts on line 4 and takes two lines, so the next one is line 6.
    expect(Array.from(table.lineNumbers!)).toEqual([2, 3, 4, 6]);
  });

  it('bom-crlf.csv: no BOM in the first column name, no \\r in the last cells', () => {
    const table = loadFixture('tricky/bom-crlf.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['x1', 'x2', 'label']);
    expect(column(table, 'label').strings).toEqual(['a', 'b', 'a', 'b']);
    expect(numbers(table, 'x1')).toEqual([0.5, 1.5, 2.5, 3.5]);
  });

  it('parseCsv strips a BOM that reaches it as text', () => {
    const table = parseCsv('\uFEFFa,b\n1,x\n2,y\n', 't.csv');
    expect(table.columns[0].name).toBe('a');
  });

  it('blank-lines.csv: skips blank, whitespace-only and delimiter-only lines, keeps editor line numbers', () => {
    const table = loadFixture('tricky/blank-lines.csv');
    expect(table.rowCount).toBe(4);
    expect(numbers(table, 'x1')).toEqual([1, 3, 5, 7]);
    expect(Array.from(table.lineNumbers!)).toEqual([4, 6, 8, 10]);
  });

  it('missing-values.csv: blank cells are missing (NaN / "") and counted per column', () => {
    const table = loadFixture('tricky/missing-values.csv');
    expect(table.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['age', 'numeric', 1],
      ['color', 'categorical', 1],
      ['income', 'numeric', 1],
      ['label', 'categorical', 1],
    ]);
    expect(Number.isNaN(numbers(table, 'age')[1])).toBe(true);
  });

  it('categorical.csv: text columns are categorical, numbers numeric', () => {
    const table = loadFixture('tricky/categorical.csv');
    expect(table.columns.map((c) => c.kind)).toEqual([
      'categorical',
      'categorical',
      'numeric',
      'categorical',
    ]);
  });

  it('trims cells and names; an empty header name becomes columnN', () => {
    const table = parseCsv(' a , ,c\n 1 , x ,2\n3,y,4\n', 't.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column2', 'c']);
    expect(column(table, 'column2').strings).toEqual(['x', 'y']);
    expect(numbers(table, 'a')).toEqual([1, 3]);
  });

  it('reads a column of empty cells as kind "empty" and training ignores it with a note', () => {
    const table = parseCsv('a,notes,label\n1,,x\n2,,y\n3,,x\n4,,y\n', 't.csv');
    expect(column(table, 'notes').kind).toBe('empty');
    const data = prepareDataset(table, { valFraction: 0, seed: 1, missing: 'drop', standardize: true });
    expect(data.preprocessing.features.map((f) => f.name)).toEqual(['a']);
    expect(data.notes).toContain('ignored column "notes": it is empty');
  });
});

describe('line endings', () => {
  it('reads CRLF, LF, CR-only and mixed endings alike, with editor line numbers', () => {
    for (const text of [
      'a,b\r\n1,2\n3,4\n',
      'a,b\n1,2\r\n3,4\r\n',
      'a,b\r1,2\r3,4\r',
      'a,b\r\n1,2\n\r\n3,4',
    ]) {
      const table = parseCsv(text, 'm.csv');
      expect(Array.from(table.columns[0].numbers!)).toEqual([1, 3]);
      expect(Array.from(table.columns[1].numbers!)).toEqual([2, 4]);
      expect(table.lineNumbers![0]).toBe(2);
    }
    expect(Array.from(parseCsv('a,b\r\n1,2\n\r\n3,4', 'm.csv').lineNumbers!)).toEqual([2, 4]);
  });
  it('keeps a line break inside a quoted field as "\\n"', () => {
    const table = parseCsv('note,label\r\n"two\r\nlines",a\r\nplain,b\r\n', 'm.csv');
    expect(table.columns[0].strings).toEqual(['two\nlines', 'plain']);
    expect(Array.from(table.lineNumbers!)).toEqual([2, 4]);
  });
});

describe('detectDelimiter', () => {
  it('counts delimiters in the header line only, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('"x;y",b,c\n1;2;3\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('\n\nonly\n1\n')).toBe(',');
  });
});

describe('previewTable', () => {
  it('shows kinds, missing counts, distinct categories, raw cell text and the suggested target', () => {
    const table = loadFixture('tricky/missing-values.csv');
    const preview = previewTable(table, 3);
    expect(preview.rowCount).toBe(8);
    expect(preview.rows).toEqual([
      ['30', 'red', '100', 'yes'],
      ['', 'blue', '200', 'no'],
      ['50', '', '300', 'yes'],
    ]);
    expect(preview.columns[1]).toEqual({ name: 'color', kind: 'categorical', missing: 1, distinct: 3 });
    expect(preview.suggestedTarget).toBe('label');
  });
  it('suggests the last column that has values', () => {
    const table = parseCsv('a,label,comment\n1,x,\n2,y,\n', 't.csv');
    expect(previewTable(table).suggestedTarget).toBe('label');
  });
});
