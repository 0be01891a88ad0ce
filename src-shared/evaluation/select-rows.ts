/**
 * A table restricted to some rows (in the given order), keeping each row's line number for
 * messages. Evaluation scores and permutes only the rows it evaluates.
 */
import { rowNumber } from '../data/table';
import type { Table, TableColumn } from '../data/types';

export function selectRows(table: Table, rows: Int32Array): Table {
  const columns = table.columns.map((column) => selectColumn(column, rows));
  return {
    source: table.source,
    rowCount: rows.length,
    columns,
    lineNumbers: Int32Array.from(rows, (r) => rowNumber(table, r)),
  };
}

function selectColumn(column: TableColumn, rows: Int32Array): TableColumn {
  const out: TableColumn = { name: column.name, kind: column.kind, missing: 0 };
  if (column.numbers) {
    const values = column.numbers;
    out.numbers = Float64Array.from(rows, (r) => values[r]);
    for (const v of out.numbers) if (Number.isNaN(v)) out.missing++;
  }
  if (column.strings) {
    const strings = column.strings;
    out.strings = Array.from(rows, (r) => strings[r] ?? '');
    for (const s of out.strings) if (s === '') out.missing++;
  }
  return out;
}

/** The table with one column's cells permuted (`order[i]` = the row whose cell row i gets). */
export function withPermutedColumn(table: Table, columnIndex: number, order: Int32Array): Table {
  const columns = table.columns.slice();
  const column = columns[columnIndex];
  const permuted: TableColumn = { ...column };
  if (column.numbers) {
    const values = column.numbers;
    permuted.numbers = Float64Array.from(order, (r) => values[r]);
  }
  if (column.strings) {
    const strings = column.strings;
    permuted.strings = Array.from(order, (r) => strings[r]);
  }
  delete permuted.markerRows;
  delete permuted.markerSpellings;
  columns[columnIndex] = permuted;
  return { ...table, columns };
}
