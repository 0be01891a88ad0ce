/**
 * Small helpers every stage shares (parser, pipeline, preview, predict): how a cell reads as
 * text, how a row is named in a message, which column is the default target.
 */
import { DatasetError } from '../errors';
import type { Table, TableColumn } from './types';

/** The cell as the user wrote it ('' when missing); numbers without raw text print shortest-exact. */
export function cellText(column: TableColumn, row: number): string {
  if (column.strings) return column.strings[row] ?? '';
  const value = column.numbers ? column.numbers[row] : NaN;
  return Number.isNaN(value) ? '' : String(value);
}

/**
 * The cell as the user wrote it, missing-value markers included: `cellText`, except that a
 * marker in a numeric column (`?`, `NA`, ...) comes back as written instead of ''. For output
 * that echoes the input (the predictions CSV); encoding keeps using `cellText`.
 */
export function writtenText(column: TableColumn, row: number): string {
  const text = cellText(column, row);
  const rows = column.markerRows;
  if (text !== '' || !rows || !column.markerSpellings || !column.missingTokens) return text;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === row) return column.missingTokens[column.markerSpellings[mid]]?.token ?? '';
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return '';
}

export function isMissing(column: TableColumn, row: number): boolean {
  if (column.kind === 'numeric' && column.numbers) return Number.isNaN(column.numbers[row]);
  return cellText(column, row) === '';
}

/** "row 14" = the line in an editor (header = line 1) when the table came from a file. */
export function rowNumber(table: Table, row: number): number {
  return table.lineNumbers ? table.lineNumbers[row] : row + 2;
}

/** `data.csv row 14, column "age"` — the prefix of every cell-level message. */
export function cellWhere(table: Table, row: number, column: string): string {
  return `${table.source} row ${rowNumber(table, row)}, column "${column}"`;
}

export function columnList(table: Table): string {
  return table.columns.map((c) => `"${c.name}"`).join(', ');
}

export function findColumn(table: Table, name: string): TableColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The column a user means by "target" unless they say otherwise: the last one that has data. */
export function defaultTarget(table: Table): string {
  for (let i = table.columns.length - 1; i >= 0; i--) {
    if (table.columns[i].kind !== 'empty') return table.columns[i].name;
  }
  const last = table.columns[table.columns.length - 1];
  if (!last) throw new DatasetError(`${table.source} has no columns`, { file: table.source });
  return last.name;
}

/** Class names of a numeric target print as canonical numbers ("1.0" and "1" are the same class). */
export function numberLabel(value: number): string {
  return String(value);
}

/** The rows (ascending) for which `keep` holds. */
export function rowsWhere(n: number, keep: (row: number) => boolean): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < n; r++) if (keep(r)) out[k++] = r;
  return out.slice(0, k);
}
