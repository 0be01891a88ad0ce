/**
 * CSV text -> column-oriented `Table`. papaparse does the quoting rules (RFC 4180 plus the
 * usual leniencies); this file adds what a training tool needs on top: a header row, one of
 * three delimiters, a strict rectangular shape, line numbers for every data row, and typed
 * columns (see ./infer.ts).
 *
 * Memory: the first pass streams rows straight into one Float64Array per column, so a numeric
 * column costs 8 bytes a cell and no string survives it. Only when some column turns out
 * categorical (or empty) does a second pass collect the text of just those columns.
 */
import Papa from 'papaparse';
import { CsvError } from '../../errors';
import type { Table, TableColumn } from '../types';
import { ColumnScan } from './infer';
import { parseStrictNumber } from './numbers';
import { count } from '../plural';

export type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface ParseOptions {
  /**
   * Columns whose values the caller will not use as numbers (at predict time: every column but
   * the model's numeric inputs). A mostly-numeric such column with a stray text cell is read as
   * text instead of being an error: the typo rule exists to protect training, not to refuse
   * predictions because of a column the model never reads.
   */
  lenient?: (column: string) => boolean;
  /**
   * A mostly numeric column with missing-value markers in more than MAX_TOKEN_SPELLINGS
   * spellings is read as text instead of being an error. `nanograd predict` sets it: the model
   * already knows its numeric inputs, and `encodeInputs` reads every marker in them as missing.
   */
  markersAsText?: boolean;
}

export function parseCsv(text: string, fileName: string, options: ParseOptions = {}): Table {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // One line ending for papaparse and for line numbers: it guesses a single style from the
  // start of the file, so a file mixing CRLF and LF (two files pasted together) would otherwise
  // turn into one giant "ragged" row, and old-Mac CR-only files into line 1 everywhere.
  const body = withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
  if (body.trim() === '') throw new CsvError(`${fileName} is empty`, { file: fileName });
  const delimiter = detectDelimiter(body);
  const reader = new RowReader(
    body,
    fileName,
    delimiter,
    options.lenient ?? (() => false),
    options.markersAsText ?? false,
  );
  streamRows(body, delimiter, (fields, errors, cursor) => reader.accept(fields, errors, cursor));
  const { table, textColumns } = reader.finish();
  if (textColumns.length > 0) collectText(body, delimiter, table, textColumns);
  return table;
}

type RowHandler = (fields: string[], errors: ParseErrorLike[], cursor: number) => void;

function streamRows(body: string, delimiter: CsvDelimiter, onRow: RowHandler): void {
  Papa.parse<string[]>(body, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    header: false,
    dynamicTyping: false,
    // Empty lines are skipped here; whitespace- or delimiter-only lines by isBlankRow (papaparse's
    // 'greedy' mode joins every row into a string to test it, a quarter of the parse time).
    skipEmptyLines: true,
    step: (result) => {
      if (!isBlankRow(result.data) || result.errors.length > 0)
        onRow(result.data, result.errors, result.meta.cursor);
    },
  });
}

function isBlankRow(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** Second pass: the trimmed cell text of the categorical/empty columns only. */
function collectText(body: string, delimiter: CsvDelimiter, table: Table, columnIndexes: number[]): void {
  const texts = columnIndexes.map(() => new Array<string>(table.rowCount));
  let row = -1;
  streamRows(body, delimiter, (fields) => {
    if (row >= 0)
      for (let k = 0; k < columnIndexes.length; k++) texts[k][row] = fields[columnIndexes[k]].trim();
    row++;
  });
  columnIndexes.forEach((c, k) => {
    table.columns[c].strings = texts[k];
  });
}

/**
 * The delimiter that occurs most often (outside quotes) in the header line; ties and a
 * one-column file fall back to the comma. The header is the one line every CSV has, and its
 * names rarely contain a delimiter unquoted, so this is more predictable than sniffing data rows.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    if (ch.trim() !== '') seenContent = true;
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

interface ParseErrorLike {
  code: string;
  index?: number;
}

/** Receives papaparse rows one at a time: header first, then data rows into column scans. */
class RowReader {
  private header: string[] | null = null;
  private scans: ColumnScan[] = [];
  private lines = new Int32Array(1024);
  private rows = 0;
  private scanPos = 0;
  private scanLine = 1;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
    private readonly delimiter: CsvDelimiter,
    private readonly lenient: (column: string) => boolean,
    private readonly markersAsText: boolean,
  ) {}

  accept(fields: string[], errors: ParseErrorLike[], cursor: number): void {
    const line = this.recordStartLine();
    this.advanceTo(cursor);
    if (errors.length > 0) throw this.quoteError(errors[0], line);
    if (!this.header) {
      this.header = this.readHeader(fields, line);
      const decimalComma = this.delimiter !== ',';
      this.scans = this.header.map((name) => new ColumnScan(name, decimalComma));
      return;
    }
    if (fields.length !== this.header.length) {
      throw new CsvError(
        `${this.fileName} row ${line} is ragged: expected ${count(this.header.length, 'field')} (like the header), got ${fields.length}`,
        { file: this.fileName, row: line },
      );
    }
    for (let c = 0; c < fields.length; c++) this.scans[c].add(fields[c].trim());
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }

  /** The table with numeric columns filled in, and the indexes of columns that still need their text. */
  finish(): { table: Table; textColumns: number[] } {
    if (!this.header) throw new CsvError(`${this.fileName} is empty`, { file: this.fileName });
    if (this.rows === 0) {
      throw new CsvError(`${this.fileName} has a header row but no data rows`, {
        file: this.fileName,
        row: 2,
      });
    }
    const lineNumbers = this.lines.slice(0, this.rows);
    const ctx = { fileName: this.fileName, lineNumbers, decimalComma: this.delimiter !== ',' };
    const textColumns: number[] = [];
    const columns: TableColumn[] = this.scans.map((scan, c) => {
      const kind = scan.decide(ctx, this.lenient(scan.name), this.markersAsText);
      if (kind === 'numeric') {
        const column: TableColumn = { name: scan.name, kind, numbers: scan.numbers(), missing: scan.missing };
        if (scan.missingTokens.length > 0) {
          column.missingTokens = scan.missingTokens;
          const cells = scan.markerCells();
          column.markerRows = cells.rows;
          column.markerSpellings = cells.spellings;
        }
        return column;
      }
      textColumns.push(c);
      return { name: scan.name, kind, missing: scan.missing };
    });
    this.scans = [];
    return { table: { source: this.fileName, rowCount: this.rows, columns, lineNumbers }, textColumns };
  }

  private readHeader(fields: string[], line: number): string[] {
    const names = fields.map((f, i) => f.trim() || `column${i + 1}`);
    const firstSeen = new Map<string, number>();
    names.forEach((name, i) => {
      const earlier = firstSeen.get(name);
      if (earlier !== undefined) {
        throw new CsvError(
          `${this.fileName} row ${line}: duplicate column name "${name}" (columns ${earlier + 1} and ${i + 1}); column names must be unique`,
          { file: this.fileName, row: line, column: name },
        );
      }
      firstSeen.set(name, i);
    });
    if (names.length > 1 && names.every((name) => !Number.isNaN(parseStrictNumber(name, false)))) {
      throw new CsvError(
        `${this.fileName} row ${line} looks like data, not a header (${names.slice(0, 3).join(', ')}, ...); add a first line with the column names`,
        { file: this.fileName, row: line },
      );
    }
    return names;
  }

  private quoteError(error: ParseErrorLike, line: number): CsvError {
    const where = { file: this.fileName, row: line };
    if (error.code === 'MissingQuotes') {
      return new CsvError(
        `${this.fileName} row ${line}: a quoted field starts here but its closing " is missing`,
        where,
      );
    }
    if (error.code === 'InvalidQuotes') {
      return new CsvError(
        `${this.fileName} row ${line}: malformed quoted field (a closing " must be followed by the delimiter or the end of the line)`,
        where,
      );
    }
    return new CsvError(`${this.fileName} row ${line}: cannot read this row (${error.code})`, where);
  }

  /** Line of the next record: skips the blank (whitespace/delimiter-only) lines papaparse dropped. */
  private recordStartLine(): number {
    let pos = this.scanPos;
    let line = this.scanLine;
    const text = this.text;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '\n') line++;
      else if (ch !== '\r' && ch !== ' ' && ch !== '\t' && ch !== this.delimiter) {
        // A record starting with delimiters ("  ,5") sits on this line, not the next.
        break;
      }
      pos++;
    }
    return line;
  }

  private advanceTo(cursor: number): void {
    const text = this.text;
    let line = this.scanLine;
    for (let i = this.scanPos; i < cursor; i++) if (text.charCodeAt(i) === 10) line++;
    this.scanLine = line;
    this.scanPos = cursor;
  }
}
