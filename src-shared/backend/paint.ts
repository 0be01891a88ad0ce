/**
 * The backend side of Paint mode. On the first stroke a generated 2-D data set becomes
 * PaintedRows (data/paint.ts); every change rebuilds the table (what Export data writes), the
 * encoded train/validation rows (what the run trains on) and the plotted points. The
 * preprocessing (classes, scales) never changes, so the network and a running session stay
 * valid: the run goes on with the new rows from its next epoch.
 */
import type { DatasetSummary, PlotPoints } from '../api';
import {
  PaintedRows,
  snapshotProblem,
  type PaintBase,
  type PaintRequest,
  type PaintedSnapshot,
  type SnapshotProblem,
} from '../data/paint';
import { cellText, count, previewTable, rowSplits } from '../data';
import type { Dataset, PreparedData, Table, TableColumn } from '../data/types';
import { DatasetError } from '../errors';
import { MAX_PLOT_POINTS, type Plane } from './plane';

export interface PaintSource {
  table: Table;
  prepared: PreparedData;
  plane: Plane | null;
  summary: DatasetSummary;
  /** Built by a generator (not imported): the only data Paint mode changes. */
  generated: boolean;
}

export interface PaintedData {
  table: Table;
  prepared: PreparedData;
  plane: Plane;
  summary: DatasetSummary;
}

/** Painted rows saved in a project, and the error a snapshot that does not fit the set becomes. */
export interface SavedPaint {
  rows: PaintedSnapshot;
  fail(problem: SnapshotProblem): Error;
}

export class DataPainter {
  readonly rows: PaintedRows;
  private readonly origin: PaintSource & { plane: Plane };

  /** With `saved`, the painter starts from those rows instead of the generated ones. */
  constructor(source: PaintSource, saved?: SavedPaint) {
    const { table, prepared, plane } = source;
    if (!source.generated || !plane)
      throw new DatasetError(
        `${prepared.name}: Paint works on the generated 2-D data sets; choose one under Data (imported files are left as they are)`,
      );
    this.origin = { ...source, plane };
    const pre = prepared.preprocessing;
    const x = numbersOf(table, pre.features[0].name);
    const y = numbersOf(table, pre.features[1].name);
    const target = table.columns.find((c) => c.name === pre.target.name)!;
    const classes = pre.target.classes ?? null;
    const splits = rowSplits(table, prepared);
    const base = { xs: [] as number[], ys: [] as number[], labels: [] as number[], val: [] as boolean[] };
    for (let r = 0; r < table.rowCount; r++) {
      if (splits[r] === 'unused') continue;
      base.xs.push(x[r]);
      base.ys.push(y[r]);
      base.labels.push(classes ? classes.indexOf(cellText(target, r)) : target.numbers![r]);
      base.val.push(splits[r] === 'validation');
    }
    const hasVal = prepared.val !== null && prepared.val.n > 0;
    const generated: PaintBase = {
      task: prepared.task,
      classCount: classes?.length ?? 0,
      valFraction: hasVal ? (prepared.split?.valFraction ?? 0) : 0,
      ...base,
    };
    if (!saved) {
      this.rows = new PaintedRows(generated);
      return;
    }
    const problem = snapshotProblem(saved.rows, generated);
    if (problem) throw saved.fail(problem);
    this.rows = PaintedRows.restore(generated, saved.rows);
  }

  /** Applies a request; null when nothing changed (the data stays as it is). */
  apply(req: PaintRequest): PaintedData | null {
    return this.rows.apply(req) ? this.data() : null;
  }

  /** The data set with the rows as they are now. */
  data(): PaintedData {
    const { prepared: origin, table: originTable } = this.origin;
    const pre = origin.preprocessing;
    const rows = this.rows;
    const alive: number[] = [];
    for (let i = 0; i < rows.rowCount; i++) if (!rows.row(i).erased) alive.push(i);

    const n = alive.length;
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const labels: number[] = new Array<number>(n);
    const train: number[] = [];
    const val: number[] = [];
    alive.forEach((id, r) => {
      const row = rows.row(id);
      x1[r] = row.x;
      x2[r] = row.y;
      labels[r] = row.label;
      (row.val ? val : train).push(r);
    });
    const classes = pre.target.classes ?? null;
    const targetColumn: TableColumn = classes
      ? { name: pre.target.name, kind: 'categorical', strings: labels.map((c) => classes[c]), missing: 0 }
      : { name: pre.target.name, kind: 'numeric', numbers: Float64Array.from(labels), missing: 0 };
    const table: Table = {
      source: originTable.source,
      rowCount: n,
      columns: [
        { name: pre.features[0].name, kind: 'numeric', numbers: x1, missing: 0 },
        { name: pre.features[1].name, kind: 'numeric', numbers: x2, missing: 0 },
        targetColumn,
      ],
    };
    const encode = (part: number[]): Dataset => encodeRows(part, x1, x2, labels, origin);
    const { painted, erased } = rows.counts();
    const notes = origin.notes.filter((note) => !note.startsWith('split:'));
    notes.push(
      `split: ${count(train.length, 'training row')}, ${count(val.length, 'validation row')} (painted: ${count(painted, 'point')} added, ${count(erased, 'generated point')} erased; generated points keep their part)`,
    );
    // No split record: a painted set cannot be re-made from a seed; its CSV export carries the split.
    const prepared: PreparedData = {
      name: origin.name,
      task: origin.task,
      train: encode(train),
      val: val.length > 0 ? encode(val) : null,
      preprocessing: pre,
      notes,
      warnings: [],
    };
    const plane = this.plane(alive);
    const summary: DatasetSummary = {
      ...this.origin.summary,
      trainRows: train.length,
      valRows: val.length,
      notes,
      preview: previewTable(table),
      points: plane.points,
    };
    return { table, prepared, plane, summary };
  }

  /**
   * Every painted point is drawn (a sample of the generated ones when there are many); the axes
   * keep the original extents, grown only if a point lies outside, so the plot does not jump.
   */
  private plane(alive: number[]): Plane {
    const rows = this.rows;
    const origin = this.origin.plane;
    const stride = Math.max(1, Math.ceil(alive.length / MAX_PLOT_POINTS));
    const points: PlotPoints = { xy: [], label: [], val: [], rows: [] };
    let { xMin, xMax, yMin, yMax } = origin;
    alive.forEach((id, r) => {
      const row = rows.row(id);
      if (!row.painted && r % stride !== 0) return;
      points.xy.push(row.x, row.y);
      points.label.push(row.label);
      points.val.push(row.val);
      points.rows.push(r);
      xMin = Math.min(xMin, row.x);
      xMax = Math.max(xMax, row.x);
      yMin = Math.min(yMin, row.y);
      yMax = Math.max(yMax, row.y);
    });
    return { mean: origin.mean, std: origin.std, xMin, xMax, yMin, yMax, points };
  }
}

function numbersOf(table: Table, name: string): Float64Array {
  const numbers = table.columns.find((c) => c.name === name)?.numbers;
  if (!numbers)
    throw new DatasetError(`${table.source}: column "${name}" is not numeric, so it cannot be painted`);
  return numbers;
}

/** The rows in `part` (indices into the new table) encoded with the data set's own preprocessing. */
function encodeRows(
  part: number[],
  x1: Float64Array,
  x2: Float64Array,
  labels: number[],
  origin: PreparedData,
): Dataset {
  const pre = origin.preprocessing;
  const [fx, fy] = pre.features;
  const x = new Float32Array(part.length * 2);
  const y = new Float32Array(part.length);
  const regression = origin.task === 'regression';
  const tMean = pre.target.mean ?? 0;
  const tStd = pre.target.std ?? 1;
  part.forEach((r, i) => {
    x[i * 2] = (x1[r] - (fx.mean ?? 0)) / (fx.std ?? 1);
    x[i * 2 + 1] = (x2[r] - (fy.mean ?? 0)) / (fy.std ?? 1);
    y[i] = regression ? (labels[r] - tMean) / tStd : labels[r];
  });
  return {
    n: part.length,
    inputSize: 2,
    outputSize: origin.train.outputSize,
    x,
    y,
    rowIndex: Int32Array.from(part),
  };
}
