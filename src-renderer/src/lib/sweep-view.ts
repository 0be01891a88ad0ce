/**
 * What the Experiments panel draws, computed from sweep runs: table columns and sorting, the
 * parallel-coordinates axes (numbers on a linear or log axis, names spread evenly) and the
 * colour of a metric value. Pure, so it is tested without a DOM.
 */
import {
  METRIC_LABELS,
  higherIsBetter,
  isNumericParam,
  metricValue,
  type SweepMetric,
  type SweepRun,
} from '@shared/experiments';

export interface Column {
  key: string;
  label: string;
  /** Numbers sort numerically; text sorts by name. */
  value(run: SweepRun): number | string | null;
  format(run: SweepRun): string;
}

export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return '–';
  if (metric.toLowerCase().endsWith('accuracy')) return `${(value * 100).toFixed(1)}%`;
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return value.toFixed(4);
}

const METRIC_COLUMNS: { key: SweepMetric | 'bestEpoch' | 'seconds'; label: string }[] = [
  { key: 'bestValAccuracy', label: 'best val acc' },
  { key: 'bestValLoss', label: 'best val loss' },
  { key: 'bestEpoch', label: 'best epoch' },
  { key: 'valAccuracy', label: 'final val acc' },
  { key: 'valLoss', label: 'final val loss' },
  { key: 'accuracy', label: 'final acc' },
  { key: 'loss', label: 'final loss' },
  { key: 'seconds', label: 'seconds' },
];

export function runColumns(runs: readonly SweepRun[], swept: readonly string[]): Column[] {
  const hasAccuracy = runs.some((r) => r.final.accuracy !== null);
  const hasVal = runs.some((r) => r.final.valLoss !== null);
  const params: Column[] = [...swept, 'seed'].map((name) => ({
    key: `param:${name}`,
    label: name,
    value: (run) => run.config[name] ?? run.settings[name] ?? null,
    format: (run) => String(run.config[name] ?? run.settings[name] ?? ''),
  }));
  const metrics = METRIC_COLUMNS.filter(
    (c) =>
      (hasAccuracy || (!c.key.toLowerCase().endsWith('acc') && !c.key.toLowerCase().endsWith('accuracy'))) &&
      (hasVal || !/^(best|val)/.test(c.key) || c.key === 'bestEpoch'),
  ).map<Column>((c) => ({
    key: c.key,
    label: c.label,
    value: (run) =>
      c.key === 'bestEpoch' ? run.best.epoch : c.key === 'seconds' ? run.seconds : metricValue(run, c.key),
    format: (run) => {
      if (c.key === 'bestEpoch') return run.best.epoch === null ? '–' : String(run.best.epoch);
      if (c.key === 'seconds') return run.seconds.toFixed(2);
      const value = metricValue(run, c.key);
      return run.state === 'failed' || run.state === 'diverged'
        ? value === null
          ? run.state
          : formatMetric(c.key, value)
        : formatMetric(c.key, value);
    },
  }));
  return [
    { key: 'index', label: '#', value: (run) => run.index, format: (run) => String(run.index) },
    ...params,
    // seconds stays last: the baseline sits with the scores it is compared to.
    ...metrics.slice(0, -1),
    ...linearBaselineColumn(runs, hasAccuracy),
    ...metrics.slice(-1),
  ];
}

/**
 * The linear (no hidden layer) model's validation score on each run's split, before `seconds`:
 * a run that does not beat it has not used its hidden layers. Accuracy for classes, loss otherwise.
 */
function linearBaselineColumn(runs: readonly SweepRun[], hasAccuracy: boolean): Column[] {
  if (!runs.some((r) => r.baselines)) return [];
  const metric = hasAccuracy ? 'valAccuracy' : 'valLoss';
  const read = (run: SweepRun): number | null => run.baselines?.linear[metric] ?? null;
  return [
    {
      // "Accuracy" in the key: the table sorts accuracies highest first.
      key: hasAccuracy ? 'linearBaselineValAccuracy' : 'linearBaselineValLoss',
      label: hasAccuracy ? 'linear baseline val acc' : 'linear baseline val loss',
      value: read,
      format: (run) => formatMetric(metric, read(run)),
    },
  ];
}

/** Sorted copy; empty values always last. */
export function sortRuns(runs: readonly SweepRun[], column: Column, descending: boolean): SweepRun[] {
  return [...runs].sort((a, b) => {
    const va = column.value(a);
    const vb = column.value(b);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    const order =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : String(va).localeCompare(String(vb), 'en', { numeric: true });
    return (descending ? -order : order) || a.index - b.index;
  });
}

export interface Axis {
  key: string;
  label: string;
  /** Position 0 (bottom) .. 1 (top) of a run on this axis; null = no value. */
  position(run: SweepRun): number | null;
  ticks: { at: number; label: string }[];
}

function numericAxis(
  label: string,
  key: string,
  read: (run: SweepRun) => number | null,
  runs: readonly SweepRun[],
  format: (v: number) => string,
): Axis {
  const values = runs.map(read).filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const log = lo > 0 && hi / lo >= 20;
  const t = (v: number) => (log ? Math.log(v) : v);
  const span = t(hi) - t(lo);
  const position = (v: number) => (span === 0 ? 0.5 : (t(v) - t(lo)) / span);
  return {
    key,
    label: log ? `${label} (log)` : label,
    position: (run) => {
      const v = read(run);
      return v === null || !Number.isFinite(v) ? null : position(v);
    },
    ticks:
      values.length === 0
        ? []
        : lo === hi
          ? [{ at: 0.5, label: format(lo) }]
          : [
              { at: 0, label: format(lo) },
              { at: 1, label: format(hi) },
            ],
  };
}

/** One axis per swept parameter, then the metric's. */
export function parallelAxes(
  runs: readonly SweepRun[],
  swept: readonly string[],
  metric: SweepMetric,
): Axis[] {
  const params = swept.map<Axis>((name) => {
    if (isNumericParam(runs, name))
      return numericAxis(
        name,
        name,
        (run) => run.config[name] as number,
        runs,
        (v) => String(v),
      );
    const categories = [...new Set(runs.map((r) => String(r.config[name])))].sort((a, b) =>
      a.localeCompare(b, 'en', { numeric: true }),
    );
    const at = (value: string) =>
      categories.length === 1 ? 0.5 : categories.indexOf(value) / (categories.length - 1);
    return {
      key: name,
      label: name,
      position: (run) => at(String(run.config[name])),
      ticks: categories.map((c) => ({ at: at(c), label: c })),
    };
  });
  const metricAxis = numericAxis(
    METRIC_LABELS[metric],
    `metric:${metric}`,
    (run) => metricValue(run, metric),
    runs,
    (v) => formatMetric(metric, v),
  );
  return [...params, metricAxis];
}

/** Blue (worst) to orange-red (best) by the metric, so the good lines stand out. */
export function metricColor(runs: readonly SweepRun[], metric: SweepMetric): (run: SweepRun) => string {
  const values = runs.map((r) => metricValue(r, metric)).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const better = higherIsBetter(metric);
  return (run) => {
    const v = metricValue(run, metric);
    if (v === null) return 'rgb(150 150 150)';
    let t = hi === lo ? 1 : (v - lo) / (hi - lo);
    if (!better) t = 1 - t;
    const r = Math.round(40 + t * 200);
    const g = Math.round(110 + t * 10 - t * t * 40);
    const b = Math.round(200 - t * 170);
    return `rgb(${r} ${g} ${b})`;
  };
}
