/**
 * Column type inference. The rule (documented for users in the notes of every import):
 * - a column with no non-empty cell is `empty` (ignored for training);
 * - a column whose every non-empty cell is a plain finite number is `numeric`;
 * - a column where at least 80% of the non-empty cells are numbers (or number attempts such as
 *   "NaN", "Infinity", "1e999") but some are not is a numeric column with a typo: the FIRST bad
 *   cell is an error naming its row, column and value. A user who writes "12x" in an age column
 *   expects to hear about it, not to see "age" silently become 300 one-hot categories;
 * - otherwise the column is `categorical` (its cells are category names, numbers included).
 * Only an empty cell is missing: "NA", "?" and "NaN" are not guessed to mean missing.
 */
import { CsvError } from '../../errors';
import type { TableColumn } from '../types';
import { describeProblem, isNumberAttempt, numberProblem, parseStrictNumber } from './numbers';

export const NUMERIC_MAJORITY = 0.8;

export interface InferContext {
  fileName: string;
  lineNumbers: Int32Array;
  decimalComma: boolean;
}

/** Builds a typed column from its trimmed cells; throws CsvError for a numeric column with a bad cell. */
export function inferColumn(name: string, cells: string[], ctx: InferContext): TableColumn {
  const n = cells.length;
  const numbers = new Float64Array(n);
  let missing = 0;
  let numeric = 0;
  let attempts = 0;
  let firstBad = -1;
  for (let r = 0; r < n; r++) {
    const cell = cells[r];
    if (cell === '') {
      missing++;
      numbers[r] = NaN;
      continue;
    }
    const value = parseStrictNumber(cell, ctx.decimalComma);
    numbers[r] = value;
    if (!Number.isNaN(value)) {
      numeric++;
      continue;
    }
    if (firstBad < 0) firstBad = r;
    if (isNumberAttempt(numberProblem(cell, ctx.decimalComma))) attempts++;
  }
  const filled = n - missing;
  if (filled === 0) return { name, kind: 'empty', strings: cells, missing };
  if (numeric === filled) return { name, kind: 'numeric', numbers, strings: cells, missing };
  if ((numeric + attempts) / filled >= NUMERIC_MAJORITY) {
    const cell = cells[firstBad];
    const share = Math.floor((100 * numeric) / filled);
    throw new CsvError(
      `${ctx.fileName} row ${ctx.lineNumbers[firstBad]}, column "${name}": ${describeProblem(cell, numberProblem(cell, ctx.decimalComma))} (column is numeric: ${share}% of its cells are numbers)`,
      { file: ctx.fileName, row: ctx.lineNumbers[firstBad], column: name },
    );
  }
  return { name, kind: 'categorical', strings: cells, missing };
}
