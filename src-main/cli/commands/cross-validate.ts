/**
 * `nanograd train ... --folds K`: K-fold cross-validation of the design. Folds run in parallel
 * on the worker pool (worker_threads, one fold per core) when there are several cores, else one
 * after the other in this thread; each fold is the same pure job (`trainFold`). Prints one
 * `{"type":"fold",...}` line per fold (in fold order) and a done line with the mean and std,
 * or a table; Ctrl-C stops and reports the folds that finished.
 */
import type { Table } from '../../../src-shared/data/types';
import { count } from '../../../src-shared/data';
import { runFolds, summarizeFolds, type FoldJob, type FoldResult } from '../../../src-shared/evaluation';
import type { TrainConfig } from '../../../src-shared/training';
import { coreCount, createNodeWorkerPool } from '../../node/worker-pool';
import { EXIT_INTERRUPTED } from '../context';
import { formatNumber, formatPercent } from '../progress';
import type { TrainFlags } from '../train-flags';

export interface CrossValidateArgs {
  table: Table;
  builtin: boolean;
  flags: TrainFlags;
  config: TrainConfig;
  folds: number;
  /** Threads to use (default: one per core, at most one per fold). */
  workers?: number;
}

/** One JSON line per fold, the keys of the issue plus what a script may want next to them. */
function foldLine(r: FoldResult): string {
  return `${JSON.stringify({
    type: 'fold',
    fold: r.fold,
    trainRows: r.trainRows,
    valRows: r.valRows,
    valClassCounts: r.valClassCounts,
    valLoss: r.valLoss,
    valAccuracy: r.valAccuracy,
    ...(r.valClassCounts === null ? { valR2: r.valR2 } : {}),
    epochs: r.epochs,
    state: r.state,
    message: r.message,
    seconds: Number(r.seconds.toFixed(3)),
  })}\n`;
}

export async function crossValidate(args: CrossValidateArgs): Promise<number> {
  const { table, builtin, flags, config, folds } = args;
  const workers = Math.max(1, Math.min(folds, args.workers ?? coreCount()));
  const jobs: FoldJob[] = Array.from({ length: folds }, (_, index) => ({
    table,
    prepare: { target: flags.target, seed: flags.seed, missing: flags.missing, standardize: !builtin },
    config,
    folds,
    index,
  }));
  const controller = new AbortController();
  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  const tty = !flags.json && process.stderr.isTTY === true;
  const results: (FoldResult | null)[] = new Array<FoldResult | null>(folds).fill(null);
  let printed = 0;
  let finished = 0;
  const report = (result: FoldResult): void => {
    results[result.fold - 1] = result;
    finished++;
    if (tty) process.stderr.write(`\rcross-validation: ${finished}/${folds} folds done`);
    // Fold lines in fold order, each as soon as the folds before it are in.
    while (printed < folds && results[printed]) {
      if (flags.json) process.stdout.write(foldLine(results[printed]!));
      printed++;
    }
  };
  const started = performance.now();
  const pool = workers > 1 ? createNodeWorkerPool({ size: workers }) : null;
  let failure: unknown;
  try {
    failure = await runFolds(jobs, pool, {
      signal: controller.signal,
      now: () => performance.now(),
      yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
      onFold: report,
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await pool?.dispose();
    if (tty) process.stderr.write('\r\x1b[K');
  }
  const done = results.filter((r): r is FoldResult => r !== null);
  const seconds = (performance.now() - started) / 1000;
  const cv = summarizeFolds(done, folds);
  const state = failure ? 'failed' : interrupted ? 'stopped' : 'done';
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({
        type: 'done',
        state,
        message: failure instanceof Error ? failure.message.split('\n')[0] : null,
        foldsDone: done.length,
        cv,
        workers,
        seconds: Number(seconds.toFixed(3)),
      })}\n`,
    );
  } else {
    process.stdout.write(foldTable(done, cv, seconds, workers));
  }
  if (failure) throw failure;
  if (interrupted) {
    process.stderr.write(`nanograd: stopped by Ctrl-C after ${count(done.length, 'fold')} of ${folds}\n`);
    return EXIT_INTERRUPTED;
  }
  return 0;
}

function foldTable(
  done: FoldResult[],
  cv: ReturnType<typeof summarizeFolds>,
  seconds: number,
  workers: number,
): string {
  const classification = done.some((r) => r.valClassCounts !== null);
  const header = ['fold', 'train rows', 'val rows', 'val loss', classification ? 'val accuracy' : 'val R²'];
  const rows = done.map((r) => [
    String(r.fold),
    String(r.trainRows),
    String(r.valRows),
    formatNumber(r.valLoss),
    classification ? formatPercent(r.valAccuracy) : formatNumber(r.valR2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padStart(widths[c])).join('  ');
  const out = [line(header), ...rows.map(line)];
  const pm = (mean: number | null, std: number | null, f: (v: number | null) => string) =>
    mean === null ? '-' : `${f(mean)} ± ${f(std)}`;
  const accuracy = classification
    ? `, val accuracy ${pm(cv.valAccuracyMean, cv.valAccuracyStd, formatPercent)}`
    : '';
  out.push(
    `${count(cv.folds, 'fold')} (mean ± std over ${count(done.length, 'finished fold')}): val loss ${pm(cv.valLossMean, cv.valLossStd, formatNumber)}${accuracy}; ${seconds.toFixed(1)} s on ${count(workers, 'thread')}`,
  );
  return `${out.join('\n')}\n`;
}
