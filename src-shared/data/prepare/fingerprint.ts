/**
 * A short hash of a table's content (column names and every cell as written), so a model file
 * can tell whether a table is the one it was trained on (`evaluate --split val` refuses
 * otherwise). FNV-1a, 32 bits twice with different offsets: collisions by accident are
 * negligible at this use, and it is not meant to resist tampering.
 */
import { writtenText } from '../table';
import type { Table } from '../types';

export function tableFingerprint(table: Table): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x01000193);
    }
    // A separator so ["ab","c"] and ["a","bc"] differ.
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1e, 0x01000193);
  };
  for (const column of table.columns) feed(column.name);
  feed(String(table.rowCount));
  for (const column of table.columns) {
    if (column.numbers && !column.markerRows) {
      // Numbers hash by value (the raw text is not kept); NaN = missing.
      for (let r = 0; r < table.rowCount; r++) feed(String(column.numbers[r]));
    } else {
      for (let r = 0; r < table.rowCount; r++) feed(writtenText(column, r));
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
