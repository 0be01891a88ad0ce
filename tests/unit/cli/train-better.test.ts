/** Issue 13 on the command line: early stopping, schedules, clipping, divergence, lr-find (needs `npm run build:cli`). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helpers';

const OVERFIT = ['--data', 'circle', '--noise', '0.5', '--points', '60', '--val', '0.3', '--lr', '0.03'];

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('nanograd train: early stopping with the best weights', () => {
  it('stops at best epoch + patience, saves the best weights, and evaluate --split val gives the best val loss', () => {
    const out = path.join(tempDir(), 'best.json');
    const run = runCli([
      'train',
      ...OVERFIT,
      '--epochs',
      '3000',
      '--early-stop',
      '30',
      '--json',
      '--out',
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lines = jsonLines(run.stdout);
    const done = lines.at(-1)!;
    const best = done.best as { epoch: number; valLoss: number; valAccuracy: number };
    expect(done.stoppedEpoch).toBe(best.epoch + 30);
    expect(done.epochs).toBe(best.epoch + 30);
    const epochs = lines.slice(0, -1);
    expect(Math.min(...epochs.map((l) => l.valLoss as number))).toBe(best.valLoss);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.training.best).toEqual(best);
    expect(model.training.stoppedEpoch).toBe(best.epoch + 30);
    expect(model.training.weightsFrom).toBe('best');
    const evaluated = runCli([
      'evaluate',
      '--model',
      out,
      '--data',
      'circle',
      '--noise',
      '0.5',
      '--points',
      '60',
      '--split',
      'val',
      '--json',
    ]);
    expect(evaluated.status, evaluated.stderr).toBe(0);
    const scores = JSON.parse(evaluated.stdout) as { logLoss: number; accuracy: number };
    expect(Math.abs(scores.logLoss - best.valLoss)).toBeLessThan(1e-6 * best.valLoss);
    expect(scores.accuracy).toBeCloseTo(best.valAccuracy, 12);
  });

  it('--early-stop with --val 0, --keep without --early-stop and onecycle with --warmup are usage errors (exit 2)', () => {
    const noVal = runCli(['train', '--data', 'moons', '--val', '0', '--early-stop', '5']);
    expect(noVal.status).toBe(2);
    expect(noVal.stderr.trim()).toBe(
      'nanograd: --early-stop needs a validation split: it watches the validation loss (use --val 0.2, say)',
    );
    expect(runCli(['train', '--data', 'moons', '--keep', 'last']).status).toBe(2);
    expect(runCli(['train', '--data', 'moons', '--schedule', 'onecycle', '--warmup', '2']).status).toBe(2);
    expect(runCli(['train', '--data', 'moons', '--schedule', 'cosine', '--step-size', '3']).status).toBe(2);
    expect(runCli(['train', '--data', 'moons', '--clip-grad-norm', '-1']).stderr).toMatch(
      /--clip-grad-norm must be/,
    );
  });
});

describe('nanograd train: schedules and clipping', () => {
  it('every --json epoch line carries the lr of its epoch (step schedule with warm-up)', () => {
    const run = runCli([
      'train',
      '--data',
      'moons',
      '--epochs',
      '8',
      '--lr',
      '0.1',
      '--schedule',
      'step',
      '--step-size',
      '2',
      '--gamma',
      '0.5',
      '--warmup',
      '2',
      '--clip-grad-norm',
      '1',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lrs = jsonLines(run.stdout)
      .slice(0, -1)
      .map((l) => l.lr as number);
    // warm-up 0.1·1/3, 0.1·2/3, then StepLR on the remaining 6 epochs
    const expected = [0.1 / 3, 0.2 / 3, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025];
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i], 12));
  });
});

describe('nanograd lr-find', () => {
  it('--json prints lrs, losses and both suggestions; the rates grow exponentially from --from', () => {
    const run = runCli([
      'lr-find',
      '--data',
      'moons',
      '--from',
      '1e-5',
      '--to',
      '1',
      '--steps',
      '60',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      lrs: number[];
      losses: number[];
      suggestedLr: number;
      minLossLr: number;
    };
    expect(result.lrs[0]).toBeCloseTo(1e-5, 15);
    expect(result.lrs.length).toBe(result.losses.length);
    expect(result.lrs.length).toBeGreaterThan(10);
    expect(result.suggestedLr).toBeGreaterThan(1e-5);
    expect(result.suggestedLr).toBeLessThan(1);
    expect(result.minLossLr).toBeGreaterThan(0);
  });

  it('--to not above --from is a usage error', () => {
    const run = runCli(['lr-find', '--data', 'moons', '--from', '1', '--to', '0.1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--to must be greater than --from/);
  });
});
