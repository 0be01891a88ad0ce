/**
 * `nanograd sweep` end to end: each run equals the standalone `train` bit for bit, bad grids
 * are usage errors before any run, Ctrl-C keeps what finished, --out-dir round-trips.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults } from '@shared/experiments';
import { parseModel } from '@shared/model';
import { interruptCli, oneLine, runCli, tempDir, writeFlowersCsv } from './cli-helpers';

type Line = Record<string, unknown>;
const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

/** The lines `train --json` prints. */
function trainJson(args: string[]): Line[] {
  const { status, stdout, stderr } = runCli(['train', ...args, '--json']);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return lines(stdout);
}

/** The per-epoch training losses `train --json` prints. */
function trainLosses(args: string[]): number[] {
  return trainJson(args)
    .filter((l) => l.type !== 'done')
    .map((l) => l.loss as number);
}

describe('nanograd sweep', () => {
  it('each run is the standalone train with the same flags, loss trace bit for bit (built-in and CSV data)', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const sweep = runCli([
      'sweep',
      '--data',
      'moons',
      '--grid',
      'lr=0.01|0.05',
      '--grid',
      'layers=8|6,6',
      '--seeds',
      '2',
      '--epochs',
      '12',
      '--batch',
      '16',
      '--workers',
      '2',
      '--out-dir',
      out,
      '--json',
    ]);
    expect(sweep.stderr).toBe('');
    expect(sweep.status).toBe(0);
    const runLines = lines(sweep.stdout).filter((l) => l.type === 'run');
    expect(runLines).toHaveLength(8);
    for (const line of runLines) {
      expect(Object.keys(line)).toEqual(['type', 'index', 'config', 'final', 'best', 'seconds', 'baselines']);
      const baselines = line.baselines as Record<string, Record<string, number>>;
      expect(Object.keys(baselines)).toEqual(['trivial', 'linear']);
      for (const scores of Object.values(baselines)) {
        expect(Object.keys(scores)).toEqual(['valLoss', 'valAccuracy']);
        expect(scores.valAccuracy).toBeGreaterThan(0);
      }
    }
    const done = lines(sweep.stdout).at(-1) as Line;
    expect(Object.keys(done)).toEqual(['type', 'runs', 'workers', 'seconds', 'bestIndex']);
    expect(done).toMatchObject({ type: 'done', runs: 8, workers: 2 });
    const results = parseResults(readFileSync(join(out, 'results.json'), 'utf8'), 'results.json');
    const run = (lr: number, layers: string, seed: number) =>
      results.runs.find((r) => r.config.lr === lr && r.config.layers === layers && r.config.seed === seed);
    for (const [lr, layers, seed] of [
      [0.05, '6,6', 2],
      [0.01, '8', 1],
    ] as const) {
      const swept = run(lr, layers, seed);
      expect(swept?.history?.length).toBe(12);
      const standalone = trainJson([
        '--data',
        'moons',
        '--lr',
        String(lr),
        '--layers',
        layers,
        '--seed',
        String(seed),
        '--epochs',
        '12',
        '--batch',
        '16',
      ]);
      expect(swept?.history?.map((m) => m.loss)).toEqual(
        standalone.filter((l) => l.type !== 'done').map((l) => l.loss),
      );
      // The baselines too: train's done line and the sweep's run line, on the same split.
      const line = runLines.find((l) => l.index === swept?.index);
      expect(line?.baselines).toEqual(standalone.at(-1)?.baselines);
      expect(swept?.baselines).toEqual(line?.baselines);
    }
    // A CSV (standardized, one-hot): the same.
    const csv = writeFlowersCsv(dir);
    const csvSweep = runCli([
      'sweep',
      '--data',
      csv,
      '--grid',
      'activation=tanh|relu',
      '--epochs',
      '8',
      '--out-dir',
      join(dir, 'csv'),
      '--json',
    ]);
    expect(csvSweep.status).toBe(0);
    const csvResults = parseResults(readFileSync(join(dir, 'csv', 'results.json'), 'utf8'), 'results.json');
    const tanh = csvResults.runs.find((r) => r.config.activation === 'tanh');
    expect(tanh?.trainConfig.init).toBe('xavier'); // like train: the activation brings its default init
    expect(tanh?.history?.map((m) => m.loss)).toEqual(
      trainLosses(['--data', csv, '--activation', 'tanh', '--epochs', '8']),
    );
  });

  it('writes results.csv, results.json and a loadable model file per run', () => {
    const out = join(tempDir(), 'sweep');
    const { status, stdout } = runCli([
      'sweep',
      '--data',
      'circle',
      '--random',
      '3',
      '--range',
      'lr=0.001:0.1:log',
      '--epochs',
      '5',
      '--out-dir',
      out,
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ranked by best val accuracy \(highest first\), mean ± std over seeds:$/m);
    expect(stdout).toMatch(/^swept 3 runs in [\d.]+ s on \d workers? \([\d.]+ runs\/s\); best run #\d$/m);
    const fromJson = parseResults(readFileSync(join(out, 'results.json'), 'utf8'), 'results.json');
    const fromCsv = parseResults(readFileSync(join(out, 'results.csv'), 'utf8'), 'results.csv');
    expect(fromJson.swept).toEqual(['lr']);
    expect(fromCsv.runs.map((r) => r.settings)).toEqual(fromJson.runs.map((r) => r.settings));
    expect(fromCsv.runs.map((r) => r.baselines)).toEqual(fromJson.runs.map((r) => r.baselines));
    expect(fromJson.runs.every((r) => r.baselines?.linear.valAccuracy !== null)).toBe(true);
    for (const r of fromJson.runs) {
      expect(r.config.lr as number).toBeGreaterThanOrEqual(0.001);
      expect(r.config.lr as number).toBeLessThanOrEqual(0.1);
      const model = parseModel(readFileSync(join(out, `run-${r.index}.json`), 'utf8'), 'run.json');
      expect(model.training?.config.optimizer.lr).toBe(r.config.lr);
      expect(model.training?.epochs).toBe(5);
    }
  });

  it('notes when the best run does not beat its linear baseline (a network without hidden layers is one)', () => {
    const { status, stdout } = runCli([
      'sweep',
      '--data',
      'xor-noisy',
      '--layers',
      'none',
      '--grid',
      'lr=0.1|0.05',
      '--epochs',
      '5',
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^note: best run #\d at its last epoch: the network's validation accuracy \([\d.]+%\) does not beat the linear baseline's/m,
    );
    const deep = runCli(['sweep', '--data', 'moons', '--grid', 'lr=0.1|0.05', '--epochs', '40']);
    expect(deep.status).toBe(0);
    expect(deep.stdout).not.toMatch(/linear baseline/);
  });

  it('refuses bad grids with exit 2, one line naming the parameter, before any run', () => {
    const cases: [string[], RegExp][] = [
      [['--grid', 'learning=0.1|0.2'], /^nanograd: --grid learning: not a sweepable parameter/],
      [['--grid', 'lr=0.1||0.2'], /^nanograd: --grid lr: value 2 is empty/],
      [['--grid', 'lr=0.1|-1'], /^nanograd: --grid lr=-1: --lr must be a number greater than 0/],
      [['--grid', 'layers=8|x'], /^nanograd: --grid layers=x: --layers: "x" is not a layer size/],
      [
        ['--grid', 'activation=relu|swish'],
        /^nanograd: --grid activation=swish: --activation .*must be one of/,
      ],
      [['--grid', 'loss=bce|cross_entropy', '--data', 'iris'], /^nanograd: loss=bce: --loss bce/],
      [['--grid', 'lr=0.1', '--lr', '0.2'], /^nanograd: --lr is given as a fixed value and swept/],
      [['--range', 'lr=0.1:1'], /^nanograd: --range lr: needs --random N/],
      [
        ['--grid', 'reg-rate=0.1|0.2'],
        /^nanograd: reg-rate=0.1: --reg-rate 0.1 has no effect without --regularization/,
      ],
    ];
    for (const [args, message] of cases) {
      const withData = args.includes('--data') ? args : ['--data', 'moons', ...args];
      const { status, stdout, stderr } = runCli(['sweep', ...withData, '--epochs', '2', '--json']);
      expect(status, args.join(' ')).toBe(2);
      expect(stdout, args.join(' ')).toBe('');
      expect(oneLine(stderr), args.join(' ')).toMatch(message);
    }
  });

  it('Ctrl-C stops cleanly and still writes every finished run', async () => {
    const out = join(tempDir(), 'stopped');
    const { status, stdout, stderr } = await interruptCli(
      [
        'sweep',
        '--data',
        'spiral',
        '--grid',
        'lr=0.01|0.02|0.03',
        '--seeds',
        '20',
        '--epochs',
        '300',
        '--workers',
        '1',
        '--out-dir',
        out,
        '--json',
      ],
      1,
    );
    expect(status).toBe(130);
    expect(stderr).toMatch(
      /^nanograd: sweep stopped by Ctrl-C after \d+ finished runs? of 60; wrote them to /m,
    );
    const printed = lines(stdout);
    const done = printed.at(-1) as Line;
    expect(done.type).toBe('done');
    const finished = printed.filter((l) => l.type === 'run');
    expect(finished.length).toBeGreaterThanOrEqual(1);
    expect(finished.length).toBeLessThan(60);
    expect(done.runs).toBe(finished.length);
    const saved = parseResults(readFileSync(join(out, 'results.json'), 'utf8'), 'results.json');
    expect(saved.runs.map((r) => r.index)).toEqual(
      finished.map((l) => l.index as number).sort((a, b) => a - b),
    );
    for (const r of saved.runs)
      expect(existsSync(join(out, `run-${String(r.index).padStart(2, '0')}.json`))).toBe(true);
    expect(readdirCount(out, /^run-/)).toBe(saved.runs.length);
  });
});

function readdirCount(dir: string, pattern: RegExp): number {
  return readdirSync(dir).filter((f) => pattern.test(f)).length;
}
