/**
 * Strict number reading for CSV cells. `Number()` accepts "", " ", "0x1F", "Infinity" and turns
 * "1e999" into Infinity; a data file needs a stricter reader so a typo is reported, not trained on.
 */

/** Largest finite float32: the engine stores inputs as float32, so beyond this a value becomes Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** "3,14" in a semicolon- or tab-separated file from a European spreadsheet. */
const DECIMAL_COMMA = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const NOT_A_NUMBER = /^[+-]?nan$/i;
const INFINITE = /^[+-]?inf(?:inity)?$/i;

export type NumberProblem = 'text' | 'nan' | 'infinite' | 'overflow';

/** The cell's value, or NaN when it is not a plain finite number (see `numberProblem` for why). */
export function parseStrictNumber(cell: string, decimalComma: boolean): number {
  let text = cell;
  if (!DECIMAL.test(text)) {
    if (!decimalComma || !DECIMAL_COMMA.test(text)) return NaN;
    text = text.replace(',', '.');
  }
  const value = Number(text);
  return Math.abs(value) <= FLOAT32_MAX ? value : NaN;
}

/** Why `parseStrictNumber` refused a non-empty cell. */
export function numberProblem(cell: string, decimalComma: boolean): NumberProblem {
  if (NOT_A_NUMBER.test(cell)) return 'nan';
  if (INFINITE.test(cell)) return 'infinite';
  const looksNumeric = DECIMAL.test(cell) || (decimalComma && DECIMAL_COMMA.test(cell));
  return looksNumeric ? 'overflow' : 'text';
}

/** True for the refusals that are attempts at a number (so the column is clearly meant numeric). */
export function isNumberAttempt(problem: NumberProblem): boolean {
  return problem !== 'text';
}

export function describeProblem(cell: string, problem: NumberProblem): string {
  switch (problem) {
    case 'nan':
      return `"${cell}" is not allowed (leave the cell empty to mark a missing value)`;
    case 'infinite':
      return `"${cell}" is not a finite number`;
    case 'overflow':
      return `"${cell}" is out of range (numbers must lie within ±3.4e38)`;
    default:
      return `"${cell}" is not a number`;
  }
}
