import type { EpochMetrics, SessionSnapshot } from '@shared/training/types';

/** Small losses stay readable: fixed 4 decimals until that would print 0.0000. */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 0.001) return value.toExponential(2);
  if (magnitude >= 10000) return value.toExponential(3);
  return value.toFixed(4);
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

const STATE_WORDS: Record<SessionSnapshot['state'], string> = {
  idle: 'ready',
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  done: 'done',
  diverged: 'diverged',
};

/**
 * The one-line live status, e.g. `Epoch 120/1000 · loss 0.0123 · val 0.0150 · acc 98.0% · running`.
 * Screen readers hear it through the role="status" region and tests read it.
 */
export function formatStatus(snapshot: SessionSnapshot | null, last: EpochMetrics | null): string {
  if (!snapshot) return 'Ready: press Train (space) to start';
  const metrics = last ?? snapshot.last;
  const parts = [`Epoch ${snapshot.epoch}/${snapshot.totalEpochs}`];
  if (metrics) {
    parts.push(`loss ${formatLoss(metrics.loss)}`);
    if (metrics.valLoss !== null) parts.push(`val ${formatLoss(metrics.valLoss)}`);
    if (metrics.accuracy !== null) parts.push(`acc ${formatPercent(metrics.accuracy)}`);
    if (metrics.valAccuracy !== null) parts.push(`val acc ${formatPercent(metrics.valAccuracy)}`);
    if (metrics.r2 !== null) parts.push(`R² ${metrics.r2.toFixed(3)}`);
    if (metrics.valR2 !== null) parts.push(`val R² ${metrics.valR2.toFixed(3)}`);
  }
  parts.push(STATE_WORDS[snapshot.state]);
  if (snapshot.stoppedEpoch != null && snapshot.best)
    parts.push(`early stopped, kept best epoch ${snapshot.best.epoch}`);
  return parts.join(' · ');
}
