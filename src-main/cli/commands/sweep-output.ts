/**
 * What `nanograd sweep` prints: JSON lines for scripts, a live progress line on a terminal,
 * and the ranked table (mean ± std over seeds per configuration) at the end.
 */
import {
  METRIC_LABELS,
  groupByConfiguration,
  higherIsBetter,
  rankGroups,
  type Stats,
  type SweepMetric,
  type SweepRun,
} from '../../../src-shared/experiments';
import type { Task } from '../../../src-shared/data/types';
import { linearBaselineWarning } from '../../../src-shared/evaluation';
import { formatNumber } from '../progress';

/**
 * `{"type":"run","index","config","final","best","seconds","baselines"}`, exactly those keys;
 * baselines as in train's done line (null for a failed run).
 */
export function runLine(run: SweepRun): string {
  return `${JSON.stringify({
    type: 'run',
    index: run.index,
    config: run.config,
    final: run.final,
    best: run.best,
    seconds: Number(run.seconds.toFixed(3)),
    baselines: run.baselines ?? null,
  })}\n`;
}

/**
 * train's note when a run does not beat its linear baseline, for the sweep's best run. Like
 * train it compares the last epochs (the baseline's score is its last epoch's), which the
 * note says: the table above ranks by the best epoch.
 */
export function bestRunBaselineNote(best: SweepRun | undefined, task: Task): string | null {
  if (!best?.baselines) return null;
  const warning = linearBaselineWarning(task, best.final, best.baselines.linear);
  return warning ? `note: best run #${best.index} at its last epoch: ${warning}` : null;
}

export function doneLine(runs: number, workers: number, seconds: number, bestIndex: number | null): string {
  return `${JSON.stringify({ type: 'done', runs, workers, seconds: Number(seconds.toFixed(3)), bestIndex })}\n`;
}

function metricText(metric: SweepMetric, value: number | null): string {
  if (value === null) return '-';
  return metric.toLowerCase().endsWith('accuracy') ? `${(value * 100).toFixed(1)}%` : formatNumber(value);
}

function statsText(metric: SweepMetric, s: Stats | null): string {
  if (!s) return '-';
  if (s.n === 1) return metricText(metric, s.mean);
  const pct = metric.toLowerCase().endsWith('accuracy');
  const std = pct ? `${(s.std * 100).toFixed(1)}%` : formatNumber(s.std);
  return `${metricText(metric, s.mean)} ± ${std}`;
}

/** Configurations best first: swept values, runs, the ranking metric (mean ± std, min..max). */
export function rankedTable(
  runs: readonly SweepRun[],
  swept: readonly string[],
  metric: SweepMetric,
): string {
  const groups = rankGroups(groupByConfiguration(runs), metric);
  const header = ['rank', ...swept, 'runs', METRIC_LABELS[metric], 'min..max', 'final val loss'];
  const rows = groups.map((group, i) => {
    const s = group.metrics[metric];
    return [
      String(i + 1),
      ...swept.map((name) => String(group.config[name] ?? '')),
      String(group.runs.length),
      statsText(metric, s),
      s && s.n > 1 ? `${metricText(metric, s.min)}..${metricText(metric, s.max)}` : '',
      statsText('valLoss', group.metrics.valLoss),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  const order = higherIsBetter(metric) ? 'highest first' : 'lowest first';
  return [
    `ranked by ${METRIC_LABELS[metric]} (${order}), mean ± std over seeds:`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}

interface TtyLike {
  write(text: string): boolean;
  columns?: number;
}

/** `sweep 12/48 done, 2 running (#13 epoch 40/100, #14 epoch 12/100), best #5: 95.0%` redrawn in place. */
export class SweepProgress {
  private drawn = false;
  private readonly running = new Map<number, string>();
  constructor(
    private readonly stream: TtyLike,
    private readonly total: number,
  ) {}

  runProgress(index: number, epoch: number, totalEpochs: number): void {
    this.running.set(index, `#${index} epoch ${epoch}/${totalEpochs}`);
  }

  draw(done: number, best: string): void {
    this.running.forEach((_, index) => index < 0 && this.running.delete(index));
    const live = [...this.running.values()].slice(0, 4).join(', ');
    let line = `sweep ${done}/${this.total} done, ${this.running.size} running${live ? ` (${live})` : ''}${best ? `, best ${best}` : ''}`;
    const columns = this.stream.columns || 120;
    if (line.length > columns - 1) line = line.slice(0, Math.max(10, columns - 1));
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  finished(index: number): void {
    this.running.delete(index);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

export { metricText };
