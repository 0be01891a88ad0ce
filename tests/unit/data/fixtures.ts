/** Reads the committed CSV corpus the way a host does: bytes -> decodeCsvBytes -> parseCsv. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeCsvBytes, parseCsv, type Table } from '../../../src-shared/data';

export const CSV_DIR = fileURLToPath(new URL('../../fixtures/csv/', import.meta.url));
/** The classic data sets (src-shared/data/classic, written by scripts/make_classic_csv.py). */
export const SKLEARN_DIR = fileURLToPath(new URL('../../../src-shared/data/classic/', import.meta.url));

export function fixtureBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(CSV_DIR + relative));
}

export function loadFixture(relative: string): Table {
  const name = relative.split('/').pop()!;
  return parseCsv(decodeCsvBytes(fixtureBytes(relative), name), name);
}

/** Runs fn and returns what it threw (fails the test when it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, but the call succeeded');
}
