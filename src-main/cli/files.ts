/**
 * File access for the CLI with one-line errors (`cannot read data.csv: no such file`), and the
 * one way a command turns `--data` into a Table: a built-in data set name or a CSV file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors';
import { BUILTIN_DATASETS, type BuiltinKind, type Table } from '../../src-shared/data/types';
import {
  CLASSIC_DATASETS,
  builtinDefaults,
  decodeCsvBytes,
  generateTable,
  isClassicName,
  loadClassicText,
  parseCsv,
} from '../../src-shared/data';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EMFILE: 'too many open files',
};

function reasonOf(err: unknown): string {
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return REASONS[code] ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
}

export async function readFileBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    throw new StudioError('io', `cannot read ${file}: ${reasonOf(err)}`, { file });
  }
}

export async function readTextFile(file: string): Promise<string> {
  const bytes = await readFileBytes(file);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Fails before any work is done when an output file could never be written. */
export async function checkWritable(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new StudioError('io', `cannot write ${file}: the folder ${path.dirname(file)} does not exist`, {
      file,
    });
  }
  if (!stat.isDirectory())
    throw new StudioError('io', `cannot write ${file}: ${path.dirname(file)} is not a folder`, { file });
  const existing = await fs.stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new StudioError('io', `cannot write ${file}: it is a folder`, { file });
}

export function isBuiltin(name: string): name is BuiltinKind {
  return (BUILTIN_DATASETS as readonly string[]).includes(name);
}

export interface DataSourceOptions {
  points?: number;
  noise?: number;
  seed: number;
  /** CSV columns read as text when they are not clean numbers (see ParseOptions.lenient). */
  lenient?: (column: string) => boolean;
  /** See ParseOptions.markersAsText (predict). */
  markersAsText?: boolean;
}

/** Every name `--data` accepts besides a file: generated sets, then the classic CSV sets. */
export const DATA_NAMES: readonly string[] = [...BUILTIN_DATASETS, ...CLASSIC_DATASETS];

/**
 * A built-in name (xor, circle, …) generates data, a classic name (iris, digits, …) reads the
 * bundled CSV; anything else is read as a CSV file. These names have no extension, so a CSV
 * file is never mistaken for one. `builtin` is true for generated sets only (raw units, never
 * standardized); the classic sets are real measurements, treated like any CSV file.
 */
export async function loadTable(
  source: string,
  opts: DataSourceOptions,
): Promise<{ table: Table; builtin: boolean }> {
  if (isBuiltin(source)) {
    const defaults = builtinDefaults(source);
    const table = generateTable(source, {
      points: opts.points ?? defaults.points,
      noise: opts.noise ?? defaults.noise,
      seed: opts.seed,
    });
    return { table, builtin: true };
  }
  if (isClassicName(source)) {
    // Parsed with the command's options, like a file (predict reads markers as text).
    const text = await loadClassicText(source);
    return {
      table: parseCsv(text, source, { lenient: opts.lenient, markersAsText: opts.markersAsText }),
      builtin: false,
    };
  }
  if (path.extname(source) === '' && !(await fs.stat(source).catch(() => null))) {
    throw new StudioError(
      'io',
      `cannot read ${source}: no such file (built-in data sets: ${DATA_NAMES.join(', ')})`,
      { file: source },
    );
  }
  const bytes = await readFileBytes(source);
  const text = decodeCsvBytes(bytes, source);
  return {
    table: parseCsv(text, source, { lenient: opts.lenient, markersAsText: opts.markersAsText }),
    builtin: false,
  };
}
