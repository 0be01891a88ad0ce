/**
 * The exported PyTorch script's --train against the studio's own TrainingSession for what the
 * CLI cannot set from a model file yet: a learning-rate schedule with warm-up, gradient-norm
 * clipping and early stopping (keep best). Same model, data, split and seed on both sides; the
 * per-epoch losses must agree to 1e-4 relative, the run must stop at the same epoch, and the
 * script's --out must hold the best epoch's weights (to float32 rounding of the two runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { buildModelFile, exportPytorch, modelNetwork, parseModel } from '../../../src-shared/model';
import { TrainingSession, encodeForModel, type TrainConfig } from '../../../src-shared/training';
import { makeModel } from './make-model';

const PYTHON = '/usr/bin/python3';
const IRIS = new URL('../../../src-shared/data/classic/iris.csv', import.meta.url);
const torchMissing =
  !existsSync(PYTHON) ||
  spawnSync(PYTHON, ['-c', 'import importlib.util, sys; sys.exit(importlib.util.find_spec("torch") is None)'])
    .status !== 0;
const work = mkdtempSync(path.join(tmpdir(), 'nanograd-torch-train-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface EpochLine {
  epoch: number;
  loss: number;
  valLoss: number;
  lr: number;
}

describe.skipIf(torchMissing && !process.env.CI)('the PyTorch script trains like the studio', () => {
  it('with a cosine schedule after warm-up, clipping and early stopping', () => {
    const irisPath = path.join(work, 'iris.csv');
    writeFileSync(irisPath, readFileSync(IRIS));
    const table = parseCsv(readFileSync(irisPath, 'utf8'), 'iris.csv');
    const options = {
      target: 'species',
      valFraction: 0.3,
      seed: 3,
      missing: 'drop' as const,
      standardize: true,
    };
    const start = prepareDataset(table, options);
    // A starting model: a few epochs of the studio, saved as a model file.
    const base: TrainConfig = {
      ...makeModel({ csv: 'flowers.csv', hidden: ['tanh'] }).training!.config,
      hiddenLayers: [{ units: 12, activation: 'tanh' }],
      optimizer: { name: 'adam', lr: 0.05 },
      batchSize: 8,
      epochs: 2,
      seed: 3,
    };
    const warm = new TrainingSession(start, base);
    while (warm.state !== 'done') warm.stepEpoch();
    const weights = warm.weights();
    const config: TrainConfig = {
      ...base,
      epochs: 60,
      schedule: { name: 'cosine', stepSize: 10, gamma: 0.1, warmup: 3 },
      clipGradNorm: 0.5,
      earlyStopping: { patience: 4, minDelta: 0 },
      keep: 'best',
    };
    const model = buildModelFile({
      name: 'iris',
      spec: weights.spec,
      params: weights.params,
      task: start.task,
      loss: warm.loss,
      preprocessing: start.preprocessing,
      training: { config, epochs: 2, metrics: null },
    });
    // The studio continuing from that model, on the same split.
    const data = encodeForModel(table, start, model.preprocessing, 'iris');
    const session = new TrainingSession(data, config, { initial: modelNetwork(model).params });
    while (session.state !== 'done') session.stepEpoch();
    expect(session.history.length).toBeLessThan(60); // early stopping ended it

    const script = path.join(work, 'iris.py');
    const out = path.join(work, 'trained.json');
    writeFileSync(script, exportPytorch(model));
    const run = spawnSync(
      PYTHON,
      [script, '--train', irisPath, '--val', '0.3', '--seed', '3', '--json', '--out', out],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as EpochLine & { type?: string });
    const epochs = lines.filter((line) => line.type === undefined);
    expect(epochs.map((m) => m.epoch)).toEqual(session.history.map((m) => m.epoch));
    epochs.forEach((ours, i) => {
      const theirs = session.history[i];
      expect(Math.abs(ours.loss - theirs.loss) / theirs.loss).toBeLessThan(1e-4);
      expect(Math.abs(ours.valLoss - theirs.valLoss!) / theirs.valLoss!).toBeLessThan(1e-4);
      expect(ours.lr).toBeCloseTo(theirs.lr!, 12);
    });
    // Keep best: the file holds the weights the studio's session ended with.
    const trained = parseModel(readFileSync(out, 'utf8'), 'trained.json');
    const ours = trained.weights.flatMap((w) => [...w.weight, ...w.bias]);
    const theirs = session.weights().params.flatMap((p) => [...p.weight, ...p.bias]);
    ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(1e-4));
    expect(trained.training?.history?.length).toBe(epochs.length);
  });
});
