/**
 * What `nanograd train` prints while it works: a one-line progress bar redrawn in place on a
 * terminal (stderr, so stdout stays clean for results), JSON lines for scripts, and the
 * plain-text summary.
 */
import type { EpochMetrics } from '../../src-shared/training';
import type { Task } from '../../src-shared/data/types';
import type { Baselines } from '../../src-shared/evaluation';

export function formatNumber(value: number | null): string {
  if (value === null) return '-';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return value.toFixed(4);
}

export function formatPercent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** `loss 0.1234  val 0.2345  acc 95.0%  val acc 93.3%` (or R²/MAE for regression). */
export function formatMetrics(m: EpochMetrics, task: Task): string {
  const parts = [`loss ${formatNumber(m.loss)}`];
  if (m.valLoss !== null) parts.push(`val loss ${formatNumber(m.valLoss)}`);
  if (task === 'classification') {
    parts.push(`accuracy ${formatPercent(m.accuracy)}`);
    if (m.valAccuracy !== null) parts.push(`val accuracy ${formatPercent(m.valAccuracy)}`);
  } else {
    parts.push(`R² ${formatNumber(m.r2)}`, `MAE ${formatNumber(m.mae)}`);
    if (m.valR2 !== null) parts.push(`val R² ${formatNumber(m.valR2)}`, `val MAE ${formatNumber(m.valMae)}`);
  }
  return parts.join(', ');
}

/** One JSON line per epoch: the five fields every task has, plus R²/MAE for regression. */
export function epochJson(m: EpochMetrics, task: Task): Record<string, number | null> {
  const line: Record<string, number | null> = {
    epoch: m.epoch,
    loss: m.loss,
    valLoss: m.valLoss,
    accuracy: m.accuracy,
    valAccuracy: m.valAccuracy,
  };
  if (task === 'regression') Object.assign(line, { r2: m.r2, valR2: m.valR2, mae: m.mae, valMae: m.valMae });
  line.lr = m.lr ?? null;
  return line;
}

interface TtyLike {
  write(text: string): boolean;
  columns?: number;
}

/** A bar redrawn in place with `\r` + erase-to-end-of-line; `clear()` before printing anything else. */
export class ProgressBar {
  private drawn = false;
  constructor(
    private readonly stream: TtyLike,
    private readonly totalEpochs: number,
    private readonly task: Task,
  ) {}

  update(m: EpochMetrics): void {
    const width = 20;
    const done = Math.min(width, Math.round((m.epoch / this.totalEpochs) * width));
    const bar = `[${'#'.repeat(done)}${'-'.repeat(width - done)}]`;
    let line = `epoch ${m.epoch}/${this.totalEpochs} ${bar} ${formatMetrics(m, this.task)}`;
    const columns = this.stream.columns || 120;
    if (line.length > columns - 1) line = line.slice(0, Math.max(10, columns - 1));
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** `trivial val loss 1.0986, val accuracy 33.3%; linear val loss 0.2110, val accuracy 93.3%`. */
export function formatBaselines(b: Baselines, task: Task): string {
  if (b.trivial.valLoss === null && b.linear.valLoss === null)
    return 'none (no validation rows to score them on)';
  const one = (name: string, s: Baselines['trivial']): string =>
    task === 'classification'
      ? `${name} val loss ${formatNumber(s.valLoss)}, val accuracy ${formatPercent(s.valAccuracy)}`
      : `${name} val loss ${formatNumber(s.valLoss)}`;
  return `${one('trivial', b.trivial)}; ${one('linear (no hidden layer)', b.linear)}`;
}
