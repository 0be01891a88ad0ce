/**
 * File names suggested for exports. They end up in a save dialog or a browser download, so
 * they must be valid on every OS: letters, digits, dot, dash and underscore only.
 */
import type { ExportedFile } from '../model/types';

const KNOWN_EXTENSIONS = /\.(csv|tsv|txt|json|nnproj|nnmodel\.json)$/i;

export function fileBaseName(name: string, fallback: string): string {
  const base = name
    .trim()
    .replace(KNOWN_EXTENSIONS, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return base || fallback;
}

/** A CSV export named `<base>-<kind>.csv` (the data set, predictions). */
export function csvFile(base: string, kind: string, data: string): ExportedFile {
  return { fileName: `${base}-${kind}.csv`, mimeType: 'text/csv', data };
}
