import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptCli, oneLine, root, runCli, tempDir } from './cli-helpers';
import { jsonLines, expectUsageError } from './train-test-helpers';

/* train: Ctrl-C, --val leaving too few rows, missing-value markers, wording, and the regularization / dropout / init flags. */
describe('Ctrl-C', () => {
  it('stops training gracefully and still writes --out with the weights trained so far', async () => {
    const dir = tempDir();
    const out = join(dir, 'interrupted.json');
    const result = await interruptCli(
      ['train', '--data', 'spiral', '--epochs', '100000', '--json', '--out', out],
      3,
    );
    expect(result.status).toBe(130);
    expect(oneLine(result.stderr)).toMatch(
      /^nanograd: stopped by Ctrl-C at epoch \d+ of 100000; wrote .*interrupted\.json with the weights trained so far$/,
    );
    const lines = jsonLines(result.stdout);
    const done = lines[lines.length - 1];
    expect(done).toMatchObject({ type: 'done', state: 'stopped' });
    expect(existsSync(out)).toBe(true);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.training.epochs).toBe(done.epochs);
    expect(model.training.epochs).toBeLessThan(100000);
  });
});

describe('--val leaving too few training rows', () => {
  it('fewer than 10: a note on stderr and in the done line, the run goes on', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'moons',
      '--val',
      '0.99',
      '--epochs',
      '2',
      '--json',
    ]);
    expect(status).toBe(0);
    const note =
      '--val 0.99 leaves 4 training rows (396 of 400 held out for validation): too few to learn from, hold out less';
    expect(oneLine(stderr)).toBe(`note: ${note}`);
    const done = jsonLines(stdout).pop()!;
    expect(done.notes).toContain(note);
    const text = runCli(['train', '--data', 'moons', '--val', '0.99', '--epochs', '1']);
    expect(oneLine(text.stderr)).toBe(`note: ${note}`);
    // Printed once: the other notes go to stdout after the run, the warning does not come again.
    expect(text.stdout).not.toContain(note);
    expect(text.stdout).toContain('note: split: 4 training rows, 396 validation rows');
  });

  it('fewer than 2: exit 1 with a one-line error naming --val', () => {
    const { status, stdout, stderr } = runCli([
      'train',
      '--data',
      'regression-plane',
      '--val',
      '0.999',
      '--json',
    ]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(oneLine(stderr)).toBe(
      'nanograd: --val 0.999 leaves 1 training row (399 of 400 held out for validation); at least 2 are needed to train: hold out less',
    );
  });
});

describe('missing-value markers', () => {
  it('train notes the "?" / "NA" cells it read as missing values', () => {
    const file = join(root, 'tests/fixtures/csv/tricky/missing-tokens.csv');
    const { status, stdout } = runCli(['train', '--data', file, '--epochs', '1', '--missing', 'impute']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'note: column "age": read 2 "?" cells as missing values (the other cells are numbers)\n',
    );
    expect(stdout).toContain('note: filled 5 missing cells');
    expect(stdout).not.toContain('identifier');
  });

  it('train refuses markers in 4 spellings, naming the column; predict reads them all as missing', () => {
    const bad = join(root, 'tests/fixtures/csv/bad/many-markers.csv');
    const refused = runCli(['train', '--data', bad, '--epochs', '1']);
    expect(refused.status).toBe(1);
    expect(oneLine(refused.stderr)).toBe(
      `nanograd: ${bad}: column "a" is numeric but marks missing values 4 ways (?, -, NA, null): use one marker or leave the cells empty`,
    );
    const dir = tempDir();
    const model = join(dir, 'm.json');
    const file = join(root, 'tests/fixtures/csv/tricky/missing-tokens.csv');
    expect(runCli(['train', '--data', file, '--epochs', '1', '--out', model]).status).toBe(0);
    const rows = ['?', '31', 'NA', '-', 'null', '33', '34', '35'].map((age, i) => `${age},5000${i},7,Lyon`);
    const data = join(dir, 'new.csv');
    writeFileSync(data, ['age,income,score,city', ...rows, ''].join('\n'));
    const predicted = runCli(['predict', '--model', model, '--data', data]);
    expect(predicted.status).toBe(0);
    expect(oneLine(predicted.stderr)).toMatch(/^note: 4 rows could not be predicted .*: rows 2, 4, 5, 6$/);
    // The user's cells come back as written; only the prediction cells are empty.
    const out = predicted.stdout.split('\n');
    expect(out[1]).toBe('?,50000,7,Lyon,,,');
    expect(out[3]).toBe('NA,50002,7,Lyon,,,');
  });
});

describe('wording', () => {
  it('counts one epoch and one hidden layer in the singular', () => {
    const { status, stdout } = runCli(['train', '--data', 'xor', '--epochs', '1', '--layers', '4']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^trained 2-4-2 for 1 epoch in [\d.]+ s: /m);
    const mismatch = runCli(['train', '--data', 'xor', '--layers', '4', '--activation', 'relu,tanh']);
    expect(oneLine(mismatch.stderr)).toContain('--activation lists 2 activations for 1 hidden layer:');
  });
});

describe('nanograd train --regularization / --reg-rate / --dropout / --weight-init', () => {
  const dir = tempDir();
  const trainModel = (name: string, extra: string[]) => {
    const out = join(dir, name);
    const run = runCli(['train', '--data', 'moons', '--epochs', '3', '--seed', '4', '--out', out, ...extra]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(readFileSync(out, 'utf8')) as {
      training: { config: Record<string, unknown> };
      weights: { weight: number[] }[];
    };
  };

  it('reach the session: saved in the model config, and they change the trained weights', () => {
    const plain = trainModel('plain.json', []);
    expect(plain.training.config).toMatchObject({
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      init: 'he',
    });
    const cases: [string[], Record<string, unknown>][] = [
      [['--regularization', 'l2', '--reg-rate', '0.05'], { regularization: 'l2', regRate: 0.05 }],
      [['--regularization', 'l1'], { regularization: 'l1', regRate: 0.001 }],
      [['--dropout', '0.3'], { dropout: 0.3 }],
      [['--weight-init', 'uniform'], { init: 'uniform' }],
    ];
    cases.forEach(([flags, config], i) => {
      const model = trainModel(`m${i}.json`, flags);
      expect(model.training.config).toMatchObject(config);
      expect(model.weights[0].weight).not.toEqual(plain.weights[0].weight);
    });
  });

  it('are listed in --help', () => {
    const help = runCli(['train', '--help']).stdout;
    for (const flag of [
      '--regularization <kind>',
      '--reg-rate <rate>',
      '--dropout <p>',
      '--weight-init <name>',
    ])
      expect(help).toContain(flag);
    expect(help).toMatch(/uniform.*pytorch.*xavier.*he/s);
  });

  it.each([
    [['--regularization', 'l3'], 'nanograd: --regularization must be one of none, l1, l2 (got "l3")'],
    [['--reg-rate', '-1'], 'nanograd: --reg-rate must be a number at least 0 and at most 10 (got -1)'],
    [
      ['--reg-rate', '11', '--regularization', 'l2'],
      'nanograd: --reg-rate must be a number at least 0 and at most 10 (got 11)',
    ],
    [['--reg-rate', '0.1'], 'nanograd: --reg-rate 0.1 has no effect without --regularization l1 or l2'],
    [['--dropout', '0.95'], 'nanograd: --dropout must be a number at least 0 and at most 0.9 (got 0.95)'],
    [['--dropout', 'half'], 'nanograd: --dropout must be a number (got "half")'],
    [
      ['--weight-init', 'glorot'],
      'nanograd: --weight-init must be one of uniform, pytorch, xavier, he (got "glorot")',
    ],
    [
      ['--weight-init', 'he', '--from-model', 'model.json'],
      'nanograd: --weight-init has no effect with --from-model: the weights come from the saved model',
    ],
  ])('%j is a usage error', (flags, message) => {
    expectUsageError(['train', '--data', 'moons', ...flags], message);
  });
});

describe('nanograd --version', () => {
  it("prints package.json's version on stdout and exits 0", () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const { status, stdout } = runCli(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});
