/** `nanograd train --folds K`: the fold and done lines of the issue, the same numbers on 1 or 2 threads. */
import { describe, expect, it } from 'vitest';
import { oneLine, runCli } from './cli-helpers';

interface FoldLine {
  type: 'fold';
  fold: number;
  trainRows: number;
  valRows: number;
  valClassCounts: Record<string, number> | null;
  valLoss: number;
  valAccuracy: number | null;
}
interface DoneLine {
  type: 'done';
  state: string;
  cv: {
    folds: number;
    valLossMean: number;
    valLossStd: number;
    valAccuracyMean: number;
    valAccuracyStd: number;
  };
  workers: number;
}

function run(args: string[]): { folds: FoldLine[]; done: DoneLine } {
  const r = runCli(['train', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as FoldLine | DoneLine);
  return {
    folds: lines.filter((l): l is FoldLine => l.type === 'fold'),
    done: lines[lines.length - 1] as DoneLine,
  };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));

describe('nanograd train --folds', () => {
  it('prints K stratified fold lines covering every row once, and mean ± std in the done line', () => {
    const { folds, done } = run(['--data', 'wine', '--folds', '4', '--epochs', '15', '--workers', '1']);
    expect(folds.map((f) => f.fold)).toEqual([1, 2, 3, 4]);
    for (const f of folds) {
      expect(Object.keys(f).slice(0, 7)).toEqual([
        'type',
        'fold',
        'trainRows',
        'valRows',
        'valClassCounts',
        'valLoss',
        'valAccuracy',
      ]);
      expect(f.trainRows + f.valRows).toBe(178);
      const counts = Object.values(f.valClassCounts!);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(f.valRows);
    }
    expect(folds.reduce((a, f) => a + f.valRows, 0)).toBe(178);
    // wine has 59 / 71 / 48 rows per cultivar: each fold gets a quarter of each, give or take one.
    const perClass = { '0': 59, '1': 71, '2': 48 } as Record<string, number>;
    for (const f of folds)
      for (const [c, n] of Object.entries(f.valClassCounts!))
        expect(Math.abs(n - perClass[c] / 4)).toBeLessThanOrEqual(1);
    expect(done.state).toBe('done');
    expect(Object.keys(done.cv)).toEqual([
      'folds',
      'valLossMean',
      'valLossStd',
      'valAccuracyMean',
      'valAccuracyStd',
    ]);
    expect(done.cv.folds).toBe(4);
    expect(done.cv.valLossMean).toBeCloseTo(mean(folds.map((f) => f.valLoss)), 12);
    expect(done.cv.valLossStd).toBeCloseTo(std(folds.map((f) => f.valLoss)), 12);
    expect(done.cv.valAccuracyMean).toBeCloseTo(mean(folds.map((f) => f.valAccuracy!)), 12);
    expect(done.cv.valAccuracyStd).toBeCloseTo(std(folds.map((f) => f.valAccuracy!)), 12);
  });

  it('gives the same folds and scores on worker threads as in one thread', () => {
    const args = ['--data', 'moons', '--folds', '3', '--epochs', '10'];
    const one = run([...args, '--workers', '1']);
    const two = run([...args, '--workers', '2']);
    expect(two.done.workers).toBe(2);
    expect(two.folds).toEqual(
      one.folds.map((f) => ({ ...f, seconds: two.folds[f.fold - 1]['seconds' as keyof FoldLine] })),
    );
    expect(two.done.cv).toEqual(one.done.cv);
  });

  it('refuses a bad K and flags that have no meaning with folds (exit 2, one line)', () => {
    for (const [args, message] of [
      [['--folds', '1'], 'nanograd: --folds must be a whole number from 2 to 100 (got 1)'],
      [
        ['--folds', '3', '--val', '0.3'],
        'nanograd: --folds cannot be combined with --val (each fold validates on 1/K of the rows)',
      ],
      [['--workers', '2'], 'nanograd: --workers has no effect without --folds'],
    ] as const) {
      const r = runCli(['train', '--data', 'iris', ...args]);
      expect(r.status).toBe(2);
      expect(oneLine(r.stderr)).toBe(message);
    }
  });
});
