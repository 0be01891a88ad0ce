/**
 * Points painted into a generated 2-D data set (TensorFlow Playground style): add points of a
 * class (or a target value), erase the points near the pointer, undo whole strokes.
 *
 * Split rule: rows that exist keep their train/validation part. The k-th painted point of a
 * class (k = 0, 1, ...; one counter for regression) goes to validation when
 * floor((k + 1) * f) > floor(k * f), f being the data set's validation fraction, so the same
 * strokes always give the same split and painted points keep the set's validation share per
 * class. A set without validation rows (f = 0, or too few rows to hold some out) stays so.
 */
import { DatasetError, PayloadError } from '../errors';
import type { Task } from './types';

export interface PaintPoint {
  x: number;
  y: number;
}

/** One pointer batch of a stroke; every request with the same `stroke` is one undo step. */
export type PaintRequest =
  | { action: 'add'; stroke: number; label: number; points: PaintPoint[] }
  | { action: 'erase'; stroke: number; points: PaintPoint[]; radiusX: number; radiusY: number }
  | { action: 'undo' };

/** Painted points a data set holds at most (beyond the generated ones). */
export const MAX_PAINTED_POINTS = 100_000;
/** Erasing never goes below this many training rows (a run needs rows to learn from). */
export const MIN_PAINT_TRAINING_ROWS = 2;

export interface PaintBase {
  task: Task;
  /** Classification: the number of classes (labels are class indices); regression: 0. */
  classCount: number;
  /** Share of painted points sent to validation (0 when the set has no validation rows). */
  valFraction: number;
  xs: number[];
  ys: number[];
  /** Class index or target value (raw units) per row. */
  labels: number[];
  val: boolean[];
}

interface Stroke {
  stroke: number;
  /** Rows from here on were added by this stroke (undo removes them). */
  firstRow: number;
  /** Rows before `firstRow` this stroke erased (undo brings them back). */
  erased: number[];
}

export class PaintedRows {
  readonly task: Task;
  readonly classCount: number;
  readonly valFraction: number;
  /** Rows of the generated set; later rows were painted. */
  readonly baseRows: number;
  private readonly xs: number[];
  private readonly ys: number[];
  private readonly labels: number[];
  private readonly val: boolean[];
  private readonly erased: boolean[];
  /** Painted points so far per class (one counter for regression), erased ones included. */
  private readonly paintedOf: number[];
  private readonly strokes: Stroke[] = [];

  constructor(base: PaintBase) {
    this.task = base.task;
    this.classCount = base.classCount;
    this.valFraction = base.valFraction;
    this.baseRows = base.xs.length;
    this.xs = [...base.xs];
    this.ys = [...base.ys];
    this.labels = [...base.labels];
    this.val = [...base.val];
    this.erased = new Array<boolean>(this.baseRows).fill(false);
    this.paintedOf = new Array<number>(Math.max(1, base.classCount)).fill(0);
  }

  /** Rows ever held (erased ones included); row ids are stable until an undo removes them. */
  get rowCount(): number {
    return this.xs.length;
  }

  get undoSteps(): number {
    return this.strokes.length;
  }

  /** Painted points still present, and generated rows erased. */
  counts(): { painted: number; erased: number } {
    let painted = 0;
    let erased = 0;
    for (let i = 0; i < this.xs.length; i++) {
      if (i >= this.baseRows && !this.erased[i]) painted++;
      if (i < this.baseRows && this.erased[i]) erased++;
    }
    return { painted, erased };
  }

  row(i: number): { x: number; y: number; label: number; val: boolean; erased: boolean; painted: boolean } {
    return {
      x: this.xs[i],
      y: this.ys[i],
      label: this.labels[i],
      val: this.val[i],
      erased: this.erased[i],
      painted: i >= this.baseRows,
    };
  }

  /** Applies one request; false when it changed nothing (an erase that hit no point, nothing to undo). */
  apply(req: PaintRequest): boolean {
    if (req.action === 'undo') return this.undo();
    if (req.action === 'add') return this.add(req.stroke, req.label, req.points);
    return this.erase(req.stroke, req.points, req.radiusX, req.radiusY);
  }

  add(stroke: number, label: number, points: PaintPoint[]): boolean {
    this.checkLabel(label);
    const painted = this.xs.length - this.baseRows;
    if (painted + points.length > MAX_PAINTED_POINTS)
      throw new DatasetError(
        `cannot paint more than ${MAX_PAINTED_POINTS} points into one data set (erase or regenerate first)`,
        { field: 'points' },
      );
    if (points.length === 0) return false;
    this.strokeEntry(stroke);
    const key = this.task === 'classification' ? label : 0;
    for (const p of points) {
      const k = this.paintedOf[key]++;
      this.xs.push(p.x);
      this.ys.push(p.y);
      this.labels.push(label);
      this.val.push(this.toValidation(k));
      this.erased.push(false);
    }
    return true;
  }

  /** Erases rows inside the ellipse (radii in data units) around any of `centers`. */
  erase(stroke: number, centers: PaintPoint[], radiusX: number, radiusY: number): boolean {
    let trainLeft = 0;
    for (let i = 0; i < this.xs.length; i++) if (!this.erased[i] && !this.val[i]) trainLeft++;
    let entry: Stroke | null = null;
    for (let i = 0; i < this.xs.length; i++) {
      if (this.erased[i] || !centers.some((c) => within(this.xs[i], this.ys[i], c, radiusX, radiusY)))
        continue;
      if (!this.val[i]) {
        if (trainLeft <= MIN_PAINT_TRAINING_ROWS) continue;
        trainLeft--;
      }
      entry ??= this.strokeEntry(stroke);
      this.erased[i] = true;
      if (i < entry.firstRow) entry.erased.push(i);
    }
    return entry !== null;
  }

  /** Takes back the last stroke: its points go, the rows it erased come back. */
  undo(): boolean {
    const last = this.strokes.pop();
    if (!last) return false;
    for (let i = last.firstRow; i < this.xs.length; i++)
      this.paintedOf[this.task === 'classification' ? this.labels[i] : 0]--;
    this.xs.length = last.firstRow;
    this.ys.length = last.firstRow;
    this.labels.length = last.firstRow;
    this.val.length = last.firstRow;
    this.erased.length = last.firstRow;
    for (const i of last.erased) this.erased[i] = false;
    return true;
  }

  private strokeEntry(stroke: number): Stroke {
    const last = this.strokes[this.strokes.length - 1];
    if (last && last.stroke === stroke) return last;
    const entry: Stroke = { stroke, firstRow: this.xs.length, erased: [] };
    this.strokes.push(entry);
    return entry;
  }

  private toValidation(k: number): boolean {
    const f = this.valFraction;
    return f > 0 && Math.floor((k + 1) * f + 1e-9) > Math.floor(k * f + 1e-9);
  }

  private checkLabel(label: number): void {
    if (this.task === 'regression') {
      if (!Number.isFinite(label))
        throw new PayloadError(`data:paint: field "label" must be a finite target value (got ${label})`, {
          field: 'label',
        });
      return;
    }
    if (!Number.isInteger(label) || label < 0 || label >= this.classCount)
      throw new PayloadError(
        `data:paint: field "label" must be a class index from 0 to ${this.classCount - 1} (got ${label})`,
        { field: 'label' },
      );
  }
}

function within(x: number, y: number, c: PaintPoint, rx: number, ry: number): boolean {
  const dx = (x - c.x) / rx;
  const dy = (y - c.y) / ry;
  return dx * dx + dy * dy <= 1;
}
