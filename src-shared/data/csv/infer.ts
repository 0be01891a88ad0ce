/**
 * Column type inference. The rule (users see its outcome in the import preview and notes):
 * - a column with no non-empty cell is `empty` (ignored for training);
 * - a column whose every non-empty cell is a plain finite number is `numeric`;
 * - a column where MORE THAN HALF of the non-empty cells are numbers and every other one is a
 *   missing-value marker (MISSING_TOKENS: `?`, `-`, `NA`, `N/A`, `#N/A`, `null`, `none`, any
 *   case), written in at most MAX_TOKEN_SPELLINGS ways, is `numeric` with those cells missing
 *   (counted in `missing` and listed in `missingTokens`, so the missing-value policy applies
 *   and the notes say so). Spreadsheets and R write `NA`, the UCI files `?`;
 * - the same but with MORE spellings (`?`, `-`, `NA`, `null`) is an error naming the column and
 *   the spellings: so many ways to write "no value" suggest they mean different things (`none`
 *   may be 0, `-` "not applicable", `?` unknown), which one missing value would blur, while
 *   reading the column as text would drop a numeric input with a misleading "identifier or
 *   free text" note. Unless `markersAsText` (predict time, where the model already knows its
 *   numeric inputs and reads every marker in them as missing): then it is categorical;
 * - a column where at least 80% of the non-empty cells are numbers, number attempts such as
 *   "NaN", "Infinity", "1e999", or markers, but some are not, is a numeric column with a typo:
 *   the FIRST bad cell (not a marker) is an error naming its row, column and value. A user who
 *   writes "12x" in an age column expects to hear about it, not to see "age" silently become
 *   300 one-hot categories. "NaN" stays such an error: it is the float value a diverged
 *   computation writes, not a marker someone typed (and the message says how to mark a gap);
 * - otherwise the column is `categorical` (its cells are category names, numbers and markers
 *   included: in a column of words, "-" or "none" may well be a category).
 */
import { CsvError } from '../../errors';
import type { ColumnKind, MissingToken } from '../types';
import { describeProblem, isNumberAttempt, numberProblem, parseStrictNumber } from './numbers';

export const NUMERIC_MAJORITY = 0.8;

/** Cell texts (compared lower-case) that mean "no value" in a mostly numeric column. */
export const MISSING_TOKENS: readonly string[] = ['?', '-', 'na', 'n/a', '#n/a', 'null', 'none'];
const TOKEN_SET = new Set(MISSING_TOKENS);
/**
 * More spellings than this in one column is no longer "a missing marker" but data whose meaning
 * the user has to tell (an error at training time, see above).
 */
export const MAX_TOKEN_SPELLINGS = 3;

export function isMissingToken(cell: string): boolean {
  return TOKEN_SET.has(cell.toLowerCase());
}

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
  /**
   * Missing-value markers by spelling, in order of first appearance (46 case spellings exist at
   * most: one small Map, not a string per cell).
   */
  private tokens = new Map<string, number>();
  private tokenCells = 0;
  /** Row and spelling (index in `tokens` order) of every marker cell, for `markerCells()`. */
  private markerRows = new Int32Array(16);
  private markerSpellings = new Uint8Array(16);
  private spellingIndex = new Map<string, number>();
  private firstBadRow = -1;
  private firstBadText = '';
  /** Set by decide(): the markers read as missing cells. */
  missingTokens: MissingToken[] = [];

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
    if (isMissingToken(cell)) {
      this.recordMarker(row, cell);
      this.tokens.set(cell, (this.tokens.get(cell) ?? 0) + 1);
      return;
    }
    if (this.firstBadRow < 0) {
      this.firstBadRow = row;
      this.firstBadText = cell;
    }
    if (isNumberAttempt(numberProblem(cell, this.decimalComma))) this.attempts++;
  }

  /**
   * The column's kind; throws CsvError for a numeric column with a bad cell or with markers in
   * too many spellings (see the rule above), unless `lenient` (a column nobody reads as
   * numbers): then it is categorical. `markersAsText` makes only the spellings case categorical.
   */
  decide(ctx: InferContext, lenient = false, markersAsText = false): ColumnKind {
    const filled = this.count - this.missing;
    if (filled === 0) return 'empty';
    if (this.numeric === filled) return 'numeric';
    const others = filled - this.numeric - this.tokenCells;
    if (others === 0 && this.tokens.size <= MAX_TOKEN_SPELLINGS && this.numeric > filled / 2) {
      // Numbers with a few missing-value markers: the markers' cells are already NaN.
      this.missing += this.tokenCells;
      this.missingTokens = [...this.tokens].map(([token, count]) => ({ token, count }));
      return 'numeric';
    }
    if (others === 0 && this.numeric > filled / 2 && !lenient && !markersAsText) {
      const spellings = [...this.tokens.keys()];
      throw new CsvError(
        `${ctx.fileName}: column "${this.name}" is numeric but marks missing values ${spellings.length} ways (${spellings.join(', ')}): use one marker or leave the cells empty`,
        { file: ctx.fileName, column: this.name },
      );
    }
    if (others === 0 || lenient) return 'categorical';
    if ((this.numeric + this.attempts + this.tokenCells) / filled < NUMERIC_MAJORITY) return 'categorical';
    const cell = this.firstBadText;
    const row = ctx.lineNumbers[this.firstBadRow];
    const share = Math.floor((100 * this.numeric) / filled);
    const markers =
      this.tokenCells > 0
        ? ` and ${Math.floor((100 * this.tokenCells) / filled)}% missing-value markers such as "${[...this.tokens.keys()][0]}"`
        : '';
    throw new CsvError(
      `${ctx.fileName} row ${row}, column "${this.name}": ${describeProblem(cell, numberProblem(cell, ctx.decimalComma))} (column is numeric: ${share}% of its cells are numbers${markers})`,
      { file: ctx.fileName, row, column: this.name },
    );
  }

  private recordMarker(row: number, cell: string): void {
    const k = this.tokenCells++;
    if (k === this.markerRows.length) {
      const rows = new Int32Array(k * 2);
      rows.set(this.markerRows);
      this.markerRows = rows;
      const spellings = new Uint8Array(k * 2);
      spellings.set(this.markerSpellings);
      this.markerSpellings = spellings;
    }
    let index = this.spellingIndex.get(cell);
    if (index === undefined) {
      index = this.spellingIndex.size;
      this.spellingIndex.set(cell, index);
    }
    this.markerRows[k] = row;
    this.markerSpellings[k] = index;
  }

  /**
   * After decide() returned 'numeric' with markers: where they were (rows ascending) and which
   * spelling (index into `missingTokens`, which lists the spellings in the same order).
   */
  markerCells(): { rows: Int32Array; spellings: Uint8Array } {
    return {
      rows: this.markerRows.slice(0, this.tokenCells),
      spellings: this.markerSpellings.slice(0, this.tokenCells),
    };
  }

  numbers(): Float64Array {
    return this.values.slice(0, this.count);
  }
}
