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

/**
 * The rows after painting, as a project file keeps them (raw units; erased rows left out).
 * Reopening restores exactly these rows; the undo history does not survive.
 */
export interface PaintedSnapshot {
  xs: number[];
  ys: number[];
  labels: number[];
  val: boolean[];
  /** The first `generated` rows are generated points that were not erased; the rest were painted. */
  generated: number;
}

/** A problem with a saved snapshot: the field inside it and the sentence the user reads. */
export interface SnapshotProblem {
  field: string;
  message: string;
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
  /** Generated rows erased before a snapshot was restored (they are not held any more). */
  private erasedBefore = 0;

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

  /**
   * The rows of `saved` on top of the generated set `base` (which gives task, classes and split
   * share): its generated part becomes the base rows, the rest painted rows that keep their part.
   * Check `saved` with snapshotProblem first.
   */
  static restore(base: PaintBase, saved: PaintedSnapshot): PaintedRows {
    const g = saved.generated;
    const rows = new PaintedRows({
      ...base,
      xs: saved.xs.slice(0, g),
      ys: saved.ys.slice(0, g),
      labels: saved.labels.slice(0, g),
      val: saved.val.slice(0, g),
    });
    rows.erasedBefore = base.xs.length - g;
    for (let i = g; i < saved.xs.length; i++) {
      rows.xs.push(saved.xs[i]);
      rows.ys.push(saved.ys[i]);
      rows.labels.push(saved.labels[i]);
      rows.val.push(saved.val[i]);
      rows.erased.push(false);
      rows.paintedOf[rows.task === 'classification' ? saved.labels[i] : 0]++;
    }
    return rows;
  }

  /** The rows still present, in table order (what a project saves). */
  snapshot(): PaintedSnapshot {
    const saved: PaintedSnapshot = { xs: [], ys: [], labels: [], val: [], generated: 0 };
    for (let i = 0; i < this.xs.length; i++) {
      if (this.erased[i]) continue;
      saved.xs.push(this.xs[i]);
      saved.ys.push(this.ys[i]);
      saved.labels.push(this.labels[i]);
      saved.val.push(this.val[i]);
      if (i < this.baseRows) saved.generated++;
    }
    return saved;
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
    let erased = this.erasedBefore;
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
    if (!isClassIndex(label, this.classCount))
      throw new PayloadError(
        `data:paint: field "label" must be a class index from 0 to ${this.classCount - 1} (got ${label})`,
        { field: 'label' },
      );
  }
}

/**
 * Whether `saved` fits the generated set `base`: equal lengths, finite numbers, labels valid
 * for the task, no more generated rows than the set has, at most MAX_PAINTED_POINTS painted
 * ones and at least MIN_PAINT_TRAINING_ROWS training rows. Null when it fits.
 */
export function snapshotProblem(saved: PaintedSnapshot, base: PaintBase): SnapshotProblem | null {
  const n = saved.xs.length;
  for (const field of ['ys', 'labels', 'val'] as const)
    if (saved[field].length !== n)
      return {
        field,
        message: `must have as many entries as "xs" (${n}), got ${saved[field].length}`,
      };
  const g = saved.generated;
  const generatedRows = base.xs.length;
  if (!Number.isInteger(g) || g < 0 || g > Math.min(n, generatedRows))
    return {
      field: 'generated',
      message: `must be an integer from 0 to ${Math.min(n, generatedRows)} (the generated rows kept), got ${g}`,
    };
  if (n - g > MAX_PAINTED_POINTS)
    return { field: 'xs', message: `must hold at most ${MAX_PAINTED_POINTS} painted points, got ${n - g}` };
  for (let i = 0; i < n; i++) {
    for (const field of ['xs', 'ys'] as const)
      if (!Number.isFinite(saved[field][i]))
        return { field: `${field}[${i}]`, message: `must be a finite number, got ${saved[field][i]}` };
    const label = saved.labels[i];
    if (base.task === 'regression' ? !Number.isFinite(label) : !isClassIndex(label, base.classCount))
      return {
        field: `labels[${i}]`,
        message:
          base.task === 'regression'
            ? `must be a finite target value, got ${label}`
            : `must be a class index from 0 to ${base.classCount - 1}, got ${label}`,
      };
  }
  const training = saved.val.filter((v) => !v).length;
  if (training < MIN_PAINT_TRAINING_ROWS)
    return {
      field: 'val',
      message: `must leave at least ${MIN_PAINT_TRAINING_ROWS} training rows (false entries), got ${training}`,
    };
  return null;
}

function isClassIndex(label: number, classCount: number): boolean {
  return Number.isInteger(label) && label >= 0 && label < classCount;
}

function within(x: number, y: number, c: PaintPoint, rx: number, ry: number): boolean {
  const dx = (x - c.x) / rx;
  const dy = (y - c.y) / ry;
  return dx * dx + dy * dy <= 1;
}
