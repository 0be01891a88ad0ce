/**
 * `nanograd evaluate` end to end: its numbers agree with what other code paths computed for the
 * same rows (the training run's validation accuracy, the predict command's labels), --split val
 * re-creates the training split, and bad inputs get one line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLine, runCli, tempDir, writeFlowersCsv } from './cli-helpers';

interface ClassReport {
  task: string;
  rows: number;
  split: string;
  classes: string[];
  accuracy: number;
  logLoss: number;
  perClass: { class: string; precision: number; recall: number; f1: number; support: number }[];
  macro: Record<string, number>;
  weighted: Record<string, number>;
  confusionMatrix: number[][];
  rocAuc: number | null;
  averagePrecision: number;
  importance?: { feature: string; mean: number; std: number }[];
}

let dir: string;
let flowers: string;
let model: string;
let trainDone: Record<string, number>;

beforeAll(() => {
  dir = tempDir();
  flowers = writeFlowersCsv(dir, 200);
  model = join(dir, 'flowers.json');
  const run = runCli(['train', '--data', flowers, '--epochs', '40', '--seed', '3', '--out', model, '--json']);
  expect(run.status).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  trainDone = JSON.parse(lines[lines.length - 1]) as Record<string, number>;
});

function evaluate(args: string[]): ClassReport {
  const { status, stdout, stderr } = runCli([
    'evaluate',
    '--model',
    model,
    '--data',
    flowers,
    '--json',
    ...args,
  ]);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as ClassReport;
}

describe('nanograd evaluate', () => {
  it('--split val scores the validation rows of the training run: same rows, same accuracy', () => {
    const report = evaluate(['--split', 'val']);
    expect(report.task).toBe('classification');
    expect(report.split).toBe('val');
    expect(report.rows).toBe(40);
    expect(report.classes).toEqual(['short', 'tall']);
    expect(report.accuracy).toBeCloseTo(trainDone.valAccuracy, 12);
    const train = evaluate(['--split', 'train']);
    expect(train.rows).toBe(160);
    expect(train.accuracy).toBeCloseTo(trainDone.accuracy, 12);
  });

  it('has the issue keys, and the confusion matrix agrees with the predict command', () => {
    const report = evaluate([]);
    for (const key of [
      'task',
      'rows',
      'classes',
      'accuracy',
      'logLoss',
      'perClass',
      'macro',
      'weighted',
      'confusionMatrix',
      'rocAuc',
      'averagePrecision',
    ])
      expect(report).toHaveProperty(key);
    expect(Object.keys(report.perClass[0])).toEqual(['class', 'precision', 'recall', 'f1', 'support']);
    const predicted = runCli(['predict', '--model', model, '--data', flowers]);
    const lines = predicted.stdout.trimEnd().split('\n').slice(1);
    const matrix = [
      [0, 0],
      [0, 0],
    ];
    for (const line of lines) {
      const cells = line.split(',');
      matrix[report.classes.indexOf(cells[3])][report.classes.indexOf(cells[4])]++;
    }
    expect(report.confusionMatrix).toEqual(matrix);
    expect(report.rows).toBe(200);
    const correct = matrix[0][0] + matrix[1][1];
    expect(report.accuracy).toBe(correct / 200);
    expect(report.perClass[1].precision).toBe(matrix[1][1] / (matrix[0][1] + matrix[1][1]));
  });

  it('--importance lists every input column once (color as one column), sorted, seeded', () => {
    const a = evaluate(['--importance', '--repeats', '4']);
    const b = evaluate(['--importance', '--repeats', '4']);
    expect(a.importance).toEqual(b.importance);
    const names = a.importance!.map((e) => e.feature);
    expect([...names].sort()).toEqual(['color', 'height', 'width']);
    const means = a.importance!.map((e) => e.mean);
    expect(means).toEqual([...means].sort((x, y) => y - x));
    // The class is decided by width and height: shuffling them must hurt.
    expect(a.importance![0].mean).toBeGreaterThan(0.05);
  });

  it('prints a readable report with the confusion matrix table', () => {
    const { status, stdout } = runCli(['evaluate', '--model', model, '--data', flowers, '--split', 'val']);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /Confusion matrix \(rows = true class, columns = predicted\):\ntrue \\ predicted +short +tall\n/,
    );
    expect(stdout).toMatch(/\nmacro avg +\d\.\d{4}/);
  });

  it('refuses --split val on another table, a class the model never saw, a missing column, in one line', () => {
    const other = join(dir, 'other.csv');
    const text = readFileSync(flowers, 'utf8');
    writeFileSync(other, text.replace(/\n[^\n]*\n$/, '\n'));
    let r = runCli(['evaluate', '--model', model, '--data', other, '--split', 'val']);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      /^nanograd: --split val: .*other\.csv is not the table .*flowers\.json was trained on/,
    );

    const unseen = join(dir, 'unseen.csv');
    writeFileSync(unseen, `${text}10,4,red,medium\n`);
    r = runCli(['evaluate', '--model', model, '--data', unseen]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/row 202, column "kind": class "medium" was not in the training data/);

    const noColumn = join(dir, 'no-color.csv');
    writeFileSync(noColumn, 'width,height,kind\n1,2,tall\n3,4,short\n');
    r = runCli(['evaluate', '--model', model, '--data', noColumn]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/has no column "color", which the model needs/);

    r = runCli(['evaluate', '--model', model, '--data', flowers, '--split', 'test']);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('nanograd: --split must be one of all, train, val (got "test")');
  });

  it('scores regression in the target units on a classic set', () => {
    const out = join(dir, 'diabetes.json');
    expect(runCli(['train', '--data', 'diabetes', '--epochs', '5', '--out', out]).status).toBe(0);
    const r = runCli(['evaluate', '--model', out, '--data', 'diabetes', '--split', 'val', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, number> & { residuals: Record<string, number> };
    expect(report.task).toBe('regression');
    expect(report.rows).toBe(89);
    expect(report.rmse).toBeCloseTo(Math.sqrt(report.mse), 12);
    // Progression is 25..346: errors in those units, not standardized ones.
    expect(report.mae).toBeGreaterThan(10);
    expect(Object.keys(report.residuals)).toEqual(['mean', 'std', 'min', 'max']);
  });
});

describe('nanograd train --json baselines', () => {
  it('the done line carries both baselines; linear equals a standalone --layers none run', () => {
    const args = ['train', '--data', 'xor-noisy', '--epochs', '30', '--json'];
    const last = (stdout: string) =>
      JSON.parse(stdout.trimEnd().split('\n').pop()!) as Record<string, unknown>;
    const done = last(runCli(args).stdout) as {
      baselines: Record<'trivial' | 'linear', { valLoss: number; valAccuracy: number }>;
    };
    expect(Object.keys(done.baselines)).toEqual(['trivial', 'linear']);
    expect(Object.keys(done.baselines.linear)).toEqual(['valLoss', 'valAccuracy']);
    const linear = last(runCli([...args, '--layers', 'none', '--weight-init', 'xavier']).stdout);
    expect(done.baselines.linear.valLoss).toBe(linear.valLoss);
    expect(done.baselines.linear.valAccuracy).toBe(linear.valAccuracy);
    expect(done.baselines.trivial.valAccuracy).toBeGreaterThan(0.3);
  });
});
