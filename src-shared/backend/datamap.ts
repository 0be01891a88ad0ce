/**
 * The backend side of the data map (wide data sets, where the 2-D boundary has no plane):
 * lays out the drawn rows for the chosen map (PCA, UMAP, a slice through two columns, or
 * predicted vs actual), and turns the current model into frames for that layout. Layouts are
 * computed here, in the backend thread, so UMAP's seconds of work never block the UI; it
 * yields to the host between chunks of epochs so training and requests keep flowing.
 */
import type {
  DataMapFrame,
  DataMapKind,
  DataMapLayout,
  DataMapRequest,
  DataMapRow,
  EventChannel,
  EventOf,
} from '../api';
import { DatasetError } from '../errors';
import type { PreparedData, Table, Task } from '../data/types';
import { cellText, findColumn, rowNumber, writtenText } from '../data/table';
import {
  MAX_MAP_ROWS,
  ProjectionCancelled,
  mapRows,
  medianInputs,
  pcaProjection,
  rowPredictions,
  sliceAxes,
  sliceGrid,
  sliceInputs,
  umapProjection,
  type MapRows,
  type Projection,
  type SliceAxis,
  type SliceGrid,
} from '../datamap';
import { boundaryFrame } from './plane';
import type { WorkerPool } from '../pool/pool';
import type { PoolTasks } from '../pool/tasks';

export interface DataMapHost {
  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void;
  yieldToHost(): Promise<void>;
  /** When the host has workers, UMAP runs in one of them; otherwise here, between yields. */
  createPool?: () => WorkerPool<PoolTasks>;
}

/** The current model, as far as the map needs it. */
export interface MapPredictor {
  /** Class probabilities, or values in raw units, `units` per row. */
  predict(x: Float32Array, n: number): Float32Array;
  units: number;
  task: Task;
}

interface Source {
  table: Table;
  data: PreparedData;
  seed: number;
  generation: number;
  rows: MapRows | null;
  axes: SliceAxis[] | null;
  medians: Float32Array | null;
  projections: Map<'pca' | 'umap', Promise<Projection>>;
}

interface ActiveLayout {
  layoutId: number;
  map: DataMapKind;
  grid: SliceGrid | null;
  held: Float32Array | null;
}

export class DataMapService {
  private source: Source | null = null;
  private active: ActiveLayout | null = null;
  private layoutCounter = 0;
  private generation = 0;

  constructor(
    private readonly host: DataMapHost,
    private readonly gridSize: number,
    private readonly maxRows = MAX_MAP_ROWS,
  ) {}

  /** New data: forget layouts and cancel a running UMAP. */
  setData(table: Table, data: PreparedData, seed: number): void {
    this.generation++;
    this.active = null;
    this.source = {
      table,
      data,
      seed,
      generation: this.generation,
      rows: null,
      axes: null,
      medians: null,
      projections: new Map(),
    };
  }

  async show(req: DataMapRequest, predictor: () => MapPredictor | null): Promise<DataMapLayout> {
    const source = this.requireSource();
    const rows = (source.rows ??= mapRows(source.data, source.seed, this.maxRows));
    const layoutId = ++this.layoutCounter;
    const active: ActiveLayout = { layoutId, map: req.map, grid: null, held: null };
    this.active = active;
    const base = {
      layoutId,
      map: req.map,
      label: Array.from(rows.label),
      val: Array.from(rows.val, (v) => v === 1),
      rows: Array.from(rows.tableRow),
      totalRows: rows.total,
      slice: null,
      frame: null,
    };
    let layout: DataMapLayout;
    if (req.map === 'pca' || req.map === 'umap') {
      const projection = await this.projection(source, req.map, rows);
      layout = {
        ...base,
        ...bounded(Array.from(projection.xy)),
        xLabel: projection.xLabel,
        yLabel: projection.yLabel,
      };
    } else if (req.map === 'predicted') {
      if (source.data.task !== 'regression')
        throw new DatasetError('Predicted vs actual is for regression data; this data has classes');
      const xy = Array.from(rows.label).flatMap((v) => [v, v]);
      const target = source.data.preprocessing.target.name;
      layout = { ...base, ...bounded(xy), xLabel: `actual ${target}`, yLabel: `predicted ${target}` };
    } else {
      layout = this.sliceLayout(source, rows, req, active, base);
    }
    // A newer request replaced this one while UMAP ran: its layout is not what the UI shows.
    if (this.active !== active)
      throw new ProjectionCancelled('the data map changed before this layout was ready');
    const model = predictor();
    layout.frame = model ? this.frame(model) : null;
    return layout;
  }

  /** Predictions for the active layout, or null when no map is shown. */
  frame(model: MapPredictor): DataMapFrame | null {
    const active = this.active;
    const source = this.source;
    if (!active || !source?.rows) return null;
    const rows = source.rows;
    const outputs = model.predict(rows.x, rows.n);
    const predictions = rowPredictions(outputs, model.units, rows.label, model.task);
    let surface = null;
    if (active.grid && active.held) {
      const size = active.grid.size;
      const gridOutputs = model.predict(sliceInputs(active.grid, active.held), size * size);
      surface = boundaryFrame(active.grid, size, gridOutputs, model.units, model.task);
    }
    return { layoutId: active.layoutId, ...predictions, surface };
  }

  row(index: number): DataMapRow {
    const source = this.requireSource();
    const rows = source.rows;
    if (!rows || index >= rows.n)
      throw new DatasetError(`row ${index} is not on the data map (it draws ${rows?.n ?? 0} rows)`);
    const { table, data } = source;
    const tableRow = rows.tableRow[index];
    const cells = data.preprocessing.features.map((feature) => {
      const column = findColumn(table, feature.name);
      return { name: feature.name, value: column ? writtenText(column, tableRow) : '' };
    });
    const targetColumn = findColumn(table, data.preprocessing.target.name);
    return {
      line: rowNumber(table, tableRow),
      cells,
      target: targetColumn ? cellText(targetColumn, tableRow) : '',
    };
  }

  private requireSource(): Source {
    if (!this.source)
      throw new DatasetError('no data yet: choose a built-in data set or import a CSV file first');
    return this.source;
  }

  private projection(source: Source, map: 'pca' | 'umap', rows: MapRows): Promise<Projection> {
    let pending = source.projections.get(map);
    if (!pending) {
      pending =
        map === 'pca'
          ? Promise.resolve().then(() => pcaProjection(rows.x, rows.n, rows.inputSize, trainingRows(rows)))
          : this.umap(source, rows);
      source.projections.set(map, pending);
      // A failed or cancelled layout is computed again next time instead of failing forever.
      pending.catch(() => {
        if (source.projections.get(map) === pending) source.projections.delete(map);
      });
    }
    return pending;
  }

  private umap(source: Source, rows: MapRows): Promise<Projection> {
    const cancelled = () => this.generation !== source.generation || this.active?.map !== 'umap';
    const onProgress = (done: number, total: number): void => {
      if (this.active && this.generation === source.generation)
        this.host.emit('datamap:progress', { layoutId: this.active.layoutId, done, total });
    };
    if (!this.host.createPool)
      return umapProjection(rows.x, rows.n, rows.inputSize, {
        seed: source.seed,
        yieldToHost: () => this.host.yieldToHost(),
        cancelled,
        onProgress,
      });
    const pool = this.host.createPool();
    const controller = new AbortController();
    const job = { x: rows.x.slice(), n: rows.n, d: rows.inputSize, seed: source.seed };
    return pool
      .run('umap-layout', job, {
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          if (cancelled()) controller.abort();
          else onProgress(done, total);
        },
      })
      .catch((err: unknown) => {
        throw cancelled() ? new ProjectionCancelled('the UMAP layout was cancelled') : err;
      })
      .finally(() => void pool.dispose());
  }

  private sliceLayout(
    source: Source,
    rows: MapRows,
    req: DataMapRequest,
    active: ActiveLayout,
    base: Omit<DataMapLayout, 'xy' | 'xLabel' | 'yLabel' | 'xMin' | 'xMax' | 'yMin' | 'yMax'>,
  ): DataMapLayout {
    const axes = (source.axes ??= sliceAxes(source.data));
    if (axes.length < 2)
      throw new DatasetError(
        `the slice needs two numeric input columns; this data has ${axes.length === 0 ? 'none' : `only "${axes[0].name}"`}`,
      );
    const pick = (name: string | undefined, fallback: SliceAxis): SliceAxis => {
      if (name === undefined) return fallback;
      const axis = axes.find((a) => a.name === name);
      if (!axis)
        throw new DatasetError(
          `"${name}" is not a numeric input column (choose one of ${axes.map((a) => `"${a.name}"`).join(', ')})`,
        );
      return axis;
    };
    const horizontal = pick(req.horizontal, axes[0]);
    const vertical = pick(req.vertical, axes.find((a) => a !== horizontal) ?? axes[1]);
    const grid = sliceGrid(horizontal, vertical, this.gridSize);
    let held: Float32Array;
    let heldAt = 'training medians';
    if (req.heldRow !== undefined) {
      if (req.heldRow >= rows.n)
        throw new DatasetError(`row ${req.heldRow} is not on the data map (it draws ${rows.n} rows)`);
      const d = rows.inputSize;
      held = rows.x.slice(req.heldRow * d, (req.heldRow + 1) * d);
      heldAt = `the values of row ${rowNumber(source.table, rows.tableRow[req.heldRow])}`;
    } else {
      held = source.medians ??= medianInputs(source.data);
    }
    active.grid = grid;
    active.held = held;
    const d = rows.inputSize;
    const xy = new Array<number>(rows.n * 2);
    for (let i = 0; i < rows.n; i++) {
      xy[i * 2] = rows.x[i * d + horizontal.input] * horizontal.std + horizontal.mean;
      xy[i * 2 + 1] = rows.x[i * d + vertical.input] * vertical.std + vertical.mean;
    }
    return {
      ...base,
      xy,
      xLabel: horizontal.name,
      yLabel: vertical.name,
      xMin: grid.xMin,
      xMax: grid.xMax,
      yMin: grid.yMin,
      yMax: grid.yMax,
      slice: {
        columns: axes.map((a) => a.name),
        horizontal: horizontal.name,
        vertical: vertical.name,
        heldRow: req.heldRow ?? null,
        heldAt,
      },
    };
  }
}

function trainingRows(rows: MapRows): Uint8Array | null {
  const fit = rows.val.map((v) => (v ? 0 : 1));
  // Every drawn row is a validation row only in odd splits; then fit on what there is.
  return fit.some((v) => v === 1) ? fit : null;
}

/** The positions with their bounds (5% margin, a flat axis gets +-1). */
function bounded(xy: number[]): { xy: number[]; xMin: number; xMax: number; yMin: number; yMax: number } {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    xMin = Math.min(xMin, xy[i]);
    xMax = Math.max(xMax, xy[i]);
    yMin = Math.min(yMin, xy[i + 1]);
    yMax = Math.max(yMax, xy[i + 1]);
  }
  const pad = (lo: number, hi: number): [number, number] => {
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
    if (hi - lo < 1e-9) return [lo - 1, hi + 1];
    return [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05];
  };
  const [x0, x1] = pad(xMin, xMax);
  const [y0, y1] = pad(yMin, yMax);
  return { xy, xMin: x0, xMax: x1, yMin: y0, yMax: y1 };
}
