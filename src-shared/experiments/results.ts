/**
 * A sweep's results: one record per run, the best-not-last values (tensorboard #4630), ranking
 * by a metric, mean ± std (and min/max) over seeds per configuration, parameter importance and
 * the diff of two runs. Pure functions over plain data, shared by the CLI and the app.
 */
import type { Baselines } from '../evaluation/baselines';
import type { EpochMetrics, TrainConfig } from '../training/types';
import { SWEEP_PARAM_NAMES, paramInfo, type RunSettings, type SettingValue } from './params';

export interface FinalMetrics {
  loss: number | null;
  valLoss: number | null;
  accuracy: number | null;
  valAccuracy: number | null;
}

export interface BestMetrics {
  /** 1-based epoch of the best validation loss (training loss without validation data). */
  epoch: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
}

export type RunState = 'done' | 'stopped' | 'diverged' | 'failed';

export interface SweepRun {
  index: number;
  /** The swept parameters' values and the seed: what tells this run apart. */
  config: Record<string, SettingValue>;
  /** Every setting, flag-named (diffs, CSV columns). */
  settings: RunSettings;
  /** The full training config ("Open as design"). */
  trainConfig: TrainConfig;
  final: FinalMetrics;
  best: BestMetrics;
  seconds: number;
  epochs: number;
  state: RunState;
  message: string | null;
  /** Learning curve (overlay in the Compare panel); may be absent in imported CSV results. */
  history?: EpochMetrics[];
  /** The trivial and linear references on the run's split; absent for a failed run and in older results. */
  baselines?: Baselines;
}

const finite = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

export function finalMetrics(last: EpochMetrics | null): FinalMetrics {
  return {
    loss: finite(last?.loss),
    valLoss: finite(last?.valLoss),
    accuracy: finite(last?.accuracy),
    valAccuracy: finite(last?.valAccuracy),
  };
}

/**
 * The epoch with the lowest validation loss (the training loss when there is no validation
 * data), and its validation metrics. A run that early stopping already rated passes its own.
 */
export function bestFromHistory(history: readonly EpochMetrics[]): BestMetrics {
  let best: EpochMetrics | null = null;
  let bestScore = Infinity;
  for (const m of history) {
    const score = finite(m.valLoss) ?? (m.valLoss === null ? finite(m.loss) : null);
    if (score !== null && score < bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return {
    epoch: best?.epoch ?? null,
    valLoss: finite(best?.valLoss),
    valAccuracy: finite(best?.valAccuracy),
  };
}

export const SWEEP_METRICS = [
  'bestValAccuracy',
  'bestValLoss',
  'valAccuracy',
  'valLoss',
  'accuracy',
  'loss',
] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const METRIC_LABELS: Record<SweepMetric, string> = {
  bestValAccuracy: 'best val accuracy',
  bestValLoss: 'best val loss',
  valAccuracy: 'final val accuracy',
  valLoss: 'final val loss',
  accuracy: 'final accuracy',
  loss: 'final loss',
};

export function metricValue(run: SweepRun, metric: SweepMetric): number | null {
  switch (metric) {
    case 'bestValAccuracy':
      return run.best.valAccuracy;
    case 'bestValLoss':
      return run.best.valLoss;
    default:
      return run.final[metric];
  }
}

export function higherIsBetter(metric: SweepMetric): boolean {
  return metric.toLowerCase().endsWith('accuracy');
}

/** Best validation accuracy for classification, best validation loss otherwise, else the loss. */
export function defaultMetric(runs: readonly SweepRun[]): SweepMetric {
  if (runs.some((r) => r.best.valAccuracy !== null)) return 'bestValAccuracy';
  if (runs.some((r) => r.best.valLoss !== null)) return 'bestValLoss';
  if (runs.some((r) => r.final.accuracy !== null)) return 'accuracy';
  return 'loss';
}

/** Runs best first by `metric` (ties: lower best val loss, then lower index); runs without a value last. */
export function rankRuns(runs: readonly SweepRun[], metric: SweepMetric): SweepRun[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  return [...runs].sort((a, b) => {
    const va = metricValue(a, metric);
    const vb = metricValue(b, metric);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    if (va !== vb) return sign * (va - vb);
    const la = a.best.valLoss ?? Infinity;
    const lb = b.best.valLoss ?? Infinity;
    return la !== lb ? la - lb : a.index - b.index;
  });
}

export function bestRunIndex(runs: readonly SweepRun[], metric = defaultMetric(runs)): number | null {
  const [best] = rankRuns(runs, metric);
  return best && metricValue(best, metric) !== null ? best.index : null;
}

export interface Stats {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one value. */
  std: number;
  min: number;
  max: number;
}

export function stats(values: readonly (number | null)[]): Stats | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.length > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { n: xs.length, mean, std: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
}

export interface ConfigGroup {
  /** The swept values without the seed. */
  config: Record<string, SettingValue>;
  runs: number[];
  metrics: Record<SweepMetric, Stats | null>;
}

/** Runs of the same configuration (all seeds) together, in order of first appearance. */
export function groupByConfiguration(runs: readonly SweepRun[]): ConfigGroup[] {
  const groups = new Map<string, { config: Record<string, SettingValue>; members: SweepRun[] }>();
  for (const run of runs) {
    const config = Object.fromEntries(Object.entries(run.config).filter(([key]) => key !== 'seed'));
    const key = JSON.stringify(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)));
    const group = groups.get(key) ?? { config, members: [] };
    group.members.push(run);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ config, members }) => ({
    config,
    runs: members.map((r) => r.index),
    metrics: Object.fromEntries(
      SWEEP_METRICS.map((metric) => [metric, stats(members.map((r) => metricValue(r, metric)))]),
    ) as Record<SweepMetric, Stats | null>,
  }));
}

/** Groups best first by the mean of `metric`. */
export function rankGroups(groups: readonly ConfigGroup[], metric: SweepMetric): ConfigGroup[] {
  const sign = higherIsBetter(metric) ? -1 : 1;
  return [...groups].sort((a, b) => {
    const va = a.metrics[metric]?.mean ?? null;
    const vb = b.metrics[metric]?.mean ?? null;
    if (va === null || vb === null) return va === vb ? a.runs[0] - b.runs[0] : va === null ? 1 : -1;
    return va !== vb ? sign * (va - vb) : a.runs[0] - b.runs[0];
  });
}

/** The swept parameter names of a set of runs, in SWEEP_PARAMS order (seed excluded). */
export function sweptParams(runs: readonly SweepRun[]): string[] {
  const names = new Set(runs.flatMap((r) => Object.keys(r.config)).filter((k) => k !== 'seed'));
  const known = SWEEP_PARAM_NAMES.filter((n) => names.has(n));
  return [...known, ...[...names].filter((n) => !known.includes(n)).sort()];
}

/** Does a parameter's values read as numbers (an ordered axis) in these runs? */
export function isNumericParam(runs: readonly SweepRun[], name: string): boolean {
  const kind = paramInfo(name)?.kind;
  if (kind === 'text') return false;
  return runs.every((r) => typeof r.config[name] === 'number');
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export interface ParamImportance {
  name: string;
  /**
   * Numeric parameters: Spearman rank correlation with the metric (-1..1, sign = direction).
   * Named parameters (activation, layers, ...): correlation ratio η (0..1), which has no sign.
   */
  value: number | null;
  kind: 'spearman' | 'eta';
}

/** How strongly each swept parameter goes with the metric over the runs that have a value. */
export function parameterImportance(runs: readonly SweepRun[], metric: SweepMetric): ParamImportance[] {
  const scored = runs.filter((r) => metricValue(r, metric) !== null);
  const ys = scored.map((r) => metricValue(r, metric) as number);
  return sweptParams(runs).map((name) => {
    if (isNumericParam(runs, name)) {
      const xs = scored.map((r) => r.config[name] as number);
      return { name, value: pearson(ranks(xs), ranks(ys)), kind: 'spearman' };
    }
    const mean = ys.reduce((s, v) => s + v, 0) / (ys.length || 1);
    const total = ys.reduce((s, v) => s + (v - mean) ** 2, 0);
    const byValue = new Map<string, number[]>();
    scored.forEach((r, i) => {
      const key = String(r.config[name]);
      byValue.set(key, [...(byValue.get(key) ?? []), ys[i]]);
    });
    let between = 0;
    for (const group of byValue.values()) {
      const m = group.reduce((s, v) => s + v, 0) / group.length;
      between += group.length * (m - mean) ** 2;
    }
    return { name, value: total === 0 || byValue.size < 2 ? null : Math.sqrt(between / total), kind: 'eta' };
  });
}

export interface SettingDifference {
  name: string;
  a: SettingValue | null;
  b: SettingValue | null;
}

/** Exactly the settings that differ between two runs (seed included), in flag order. */
export function diffRuns(a: SweepRun, b: SweepRun): SettingDifference[] {
  const names = [...new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])];
  const order = (name: string): number => {
    const i = SWEEP_PARAM_NAMES.indexOf(name);
    return i >= 0 ? i : name === 'seed' ? SWEEP_PARAM_NAMES.length : SWEEP_PARAM_NAMES.length + 1;
  };
  return names
    .filter((name) => a.settings[name] !== b.settings[name])
    .sort((x, y) => order(x) - order(y) || x.localeCompare(y))
    .map((name) => ({ name, a: a.settings[name] ?? null, b: b.settings[name] ?? null }));
}
