import { cellText, defaultTarget } from './table';
import type { ColumnPreview, Table, TablePreview } from './types';

export const PREVIEW_ROWS = 20;

/** What the import dialog shows: column kinds, missing counts, the first rows as text. */
export function previewTable(table: Table, rows: number = PREVIEW_ROWS): TablePreview {
  const shown = Math.max(0, Math.min(table.rowCount, Math.floor(rows)));
  const columns: ColumnPreview[] = table.columns.map((c) => {
    const preview: ColumnPreview = { name: c.name, kind: c.kind, missing: c.missing };
    if (c.kind === 'categorical' && c.strings) {
      const distinct = new Set(c.strings);
      distinct.delete('');
      preview.distinct = distinct.size;
    }
    return preview;
  });
  const cells: string[][] = [];
  for (let r = 0; r < shown; r++) cells.push(table.columns.map((c) => cellText(c, r)));
  return {
    source: table.source,
    rowCount: table.rowCount,
    columns,
    rows: cells,
    suggestedTarget: table.columns.length > 0 ? defaultTarget(table) : '',
  };
}
