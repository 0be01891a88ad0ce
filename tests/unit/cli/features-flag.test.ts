/**
 * `--features` on the CLI: train saves the features with the model, predict takes the raw two
 * columns (and gives the train run's validation accuracy back), lr-find and sweep share the flag,
 * evaluate checks it against the model, and every bad list is one line with the right exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine, runCli, tempDir } from './cli-helpers';

let dir: string;
let model: string;
let done: Record<string, unknown>;

beforeAll(() => {
  dir = tempDir();
  model = join(dir, 'moons.json');
  const run = runCli([
    'train',
    '--data',
    'moons',
    '--points',
    '200',
    '--features',
    'x2sq,x1sq',
    '--layers',
    '6',
    '--epochs',
    '30',
    '--out',
    model,
    '--json',
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  done = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
});

describe('nanograd train --features', () => {
  it('saves the features with the model and notes them', () => {
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved.preprocessing.inputFeatures).toEqual(['x1sq', 'x2sq']);
    expect(saved.preprocessing.encodedNames).toEqual(['x1²', 'x2²']);
    expect(saved.layers[0].inSize).toBe(2);
    expect(saved.training.config.features).toEqual(['x1sq', 'x2sq']);
    expect(done.notes).toContain('input features: x1², x2² (from "x1", "x2")');
  });

  it('predicts from the raw x1, x2 columns; evaluate on the validation rows gives the run its accuracy', () => {
    const csv = join(dir, 'raw.csv');
    writeFileSync(csv, 'x1,x2\n0.5,-0.25\n-0.5,0.25\n');
    const raw = runCli(['predict', '--model', model, '--data', csv]);
    expect(raw.stderr).toBe('');
    const lines = raw.stdout.trim().split('\n');
    expect(lines[0]).toBe('x1,x2,predicted_label,p_0,p_1');
    // x1² and x2² are even: (0.5, -0.25) and (-0.5, 0.25) have the same features, so the same output.
    expect(lines[1].split(',').slice(2)).toEqual(lines[2].split(',').slice(2));

    const evaluated = runCli([
      'evaluate',
      '--model',
      model,
      '--data',
      'moons',
      '--points',
      '200',
      '--features',
      'x1sq,x2sq',
      '--split',
      'val',
      '--json',
    ]);
    expect(evaluated.stderr).toBe('');
    const report = JSON.parse(evaluated.stdout) as { accuracy: number };
    expect(report.accuracy).toBeCloseTo(done.valAccuracy as number, 9);
  });

  it('takes the flag in lr-find too', () => {
    const run = runCli([
      'lr-find',
      '--data',
      'moons',
      '--features',
      'x1,x2,sinx1',
      '--steps',
      '10',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it.each([
    [
      ['--features', 'x1,cosx1'],
      2,
      'nanograd: --features: unknown feature "cosx1" (choose from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2)',
    ],
    [
      ['--features', ''],
      2,
      'nanograd: --features needs at least one of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2',
    ],
    [['--features', 'x1,x1'], 2, 'nanograd: --features: "x1" is listed twice'],
  ])('refuses %j with exit %i and one line', (flags, status, message) => {
    const run = runCli(['train', '--data', 'moons', '--epochs', '1', ...flags]);
    expect(run.status).toBe(status);
    expect(oneLine(run.stderr)).toBe(message);
  });

  it('refuses features on a 5-column CSV (exit 1: a valid list that does not fit the data)', () => {
    const csv = join(dir, 'five.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 4},${i * 3},${i % 7},${20 - i},${i % 2}`);
    writeFileSync(csv, ['a,b,c,d,e,y', ...rows].join('\n'));
    const run = runCli(['train', '--data', csv, '--epochs', '1', '--features', 'x1sq']);
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `nanograd: --features: only for data with exactly 2 numeric input columns (${csv} has "a", "b", "c", "d", "e")`,
    );
  });

  it('evaluate refuses features other than the model reads', () => {
    const run = runCli(['evaluate', '--model', model, '--data', 'moons', '--features', 'x1,x2']);
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `nanograd: --features x1,x2 does not match ${model}, which reads x1sq,x2sq (a model computes its features from the raw columns itself: leave out --features)`,
    );
  });
});
