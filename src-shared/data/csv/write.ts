/**
 * Writing CSV: one quoting rule for every file the studio writes (predictions, the data set),
 * and the data set itself with the split each row went to (Playground #229 "export the points").
 */
import { writtenText } from '../table';
import type { PreparedData, Table } from '../types';

/** Quotes a field that holds a comma, quote, line break or edge spaces (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export type SplitName = 'train' | 'validation' | 'unused';

/** The split of every table row: training, validation, or unused (e.g. dropped for a missing value). */
export function rowSplits(table: Table, data: PreparedData): SplitName[] {
  const splits = new Array<SplitName>(table.rowCount).fill('unused');
  for (const row of data.train.rowIndex) splits[row] = 'train';
  if (data.val) for (const row of data.val.rowIndex) splits[row] = 'validation';
  return splits;
}

/** The table's columns as written, plus a `split` column (named `split_` etc. if the table has one). */
export function datasetCsv(table: Table, data: PreparedData): string {
  const names = new Set(table.columns.map((c) => c.name));
  let splitName = 'split';
  while (names.has(splitName)) splitName += '_';
  const splits = rowSplits(table, data);
  const lines = [[...table.columns.map((c) => c.name), splitName].map(csvField).join(',')];
  for (let row = 0; row < table.rowCount; row++) {
    const cells = table.columns.map((c) => writtenText(c, row));
    cells.push(splits[row]);
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}
