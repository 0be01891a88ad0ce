/**
 * Which open path a file dropped on the window takes: CSV import, model file or project file.
 * The extension decides when it is one the studio knows; a `.json` (or unknown extension) is
 * told apart by the `format` field every studio file starts with.
 */
export type FileKind = 'csv' | 'model' | 'project';
export type FileRoute = { ok: true; kind: FileKind } | { ok: false; reason: string };

const CSV_EXTENSIONS = /\.(csv|tsv|txt)$/i;
const PROJECT_EXTENSIONS = /\.nnproj$/i;
const JSON_EXTENSIONS = /\.json$/i;
const FORMAT_FIELD = /"format"\s*:\s*"nanograd-studio\/(model|project)"/;

/** How many characters of the file the format sniff looks at (the field comes first). */
export const SNIFF_CHARS = 4096;

export const WHAT_THE_STUDIO_OPENS =
  'drop a CSV data file (.csv, .tsv, .txt), a model file (.json) or a project file (.nnproj)';

function sniffFormat(head: string): FileKind | null {
  const match = FORMAT_FIELD.exec(head.slice(0, SNIFF_CHARS));
  return match ? (match[1] as FileKind) : null;
}

/** `head` is the start of the file as text; only consulted when the name does not decide. */
export function routeFile(name: string, head: string): FileRoute {
  if (CSV_EXTENSIONS.test(name)) return { ok: true, kind: 'csv' };
  if (PROJECT_EXTENSIONS.test(name)) return { ok: true, kind: 'project' };
  const sniffed = sniffFormat(head);
  // A .json that is not a studio file goes to the model loader, which says what is wrong with it.
  if (JSON_EXTENSIONS.test(name)) return { ok: true, kind: sniffed ?? 'model' };
  if (sniffed) return { ok: true, kind: sniffed };
  return { ok: false, reason: `${name} is not a file Nanograd Studio opens; ${WHAT_THE_STUDIO_OPENS}` };
}
