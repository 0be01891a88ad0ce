/**
 * Column type inference. The rule (users see its outcome in the import preview and notes):
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
import type { ColumnKind } from '../types';
import { describeProblem, isNumberAttempt, numberProblem, parseStrictNumber } from './numbers';

export const NUMERIC_MAJORITY = 0.8;

export interface InferContext {
  fileName: string;
  lineNumbers: Int32Array;
  decimalComma: boolean;
}

/**
 * One column's cells as they stream by: numbers go straight into a growing Float64Array (NaN for
 * empty or text cells) and only counts are kept, so a numeric column never holds a string per cell.
 */
export class ColumnScan {
  private values = new Float64Array(1024);
  count = 0;
  missing = 0;
  private numeric = 0;
  private attempts = 0;
  private firstBadRow = -1;
  private firstBadText = '';

  constructor(
    readonly name: string,
    private readonly decimalComma: boolean,
  ) {}

  add(cell: string): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const row = this.count++;
    if (cell === '') {
      this.missing++;
      this.values[row] = NaN;
      return;
    }
    const value = parseStrictNumber(cell, this.decimalComma);
    this.values[row] = value;
    if (!Number.isNaN(value)) {
      this.numeric++;
      return;
    }
    if (this.firstBadRow < 0) {
      this.firstBadRow = row;
      this.firstBadText = cell;
    }
    if (isNumberAttempt(numberProblem(cell, this.decimalComma))) this.attempts++;
  }

  /**
   * The column's kind; throws CsvError for a numeric column with a bad cell (see the rule
   * above), unless `lenient` (a column nobody reads as numbers): then it is categorical.
   */
  decide(ctx: InferContext, lenient = false): ColumnKind {
    const filled = this.count - this.missing;
    if (filled === 0) return 'empty';
    if (this.numeric === filled) return 'numeric';
    if (lenient || (this.numeric + this.attempts) / filled < NUMERIC_MAJORITY) return 'categorical';
    const cell = this.firstBadText;
    const row = ctx.lineNumbers[this.firstBadRow];
    const share = Math.floor((100 * this.numeric) / filled);
    throw new CsvError(
      `${ctx.fileName} row ${row}, column "${this.name}": ${describeProblem(cell, numberProblem(cell, ctx.decimalComma))} (column is numeric: ${share}% of its cells are numbers)`,
      { file: ctx.fileName, row, column: this.name },
    );
  }

  numbers(): Float64Array {
    return this.values.slice(0, this.count);
  }
}
