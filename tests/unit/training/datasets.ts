/**
 * Small PreparedData sets for the session's tests: xor and a plane built by hand (exact
 * values the tests reason about), the spiral from the built-in generator.
 */
import { Rng } from '../../../src-shared/engine/rng';
import { generateTable, prepareDataset } from '../../../src-shared/data';
import type { Dataset, PreparedData, Preprocessing, Task } from '../../../src-shared/data/types';

function dataset(x: number[], y: number[], inputSize: number, outputSize: number): Dataset {
  const n = y.length;
  return {
    n,
    inputSize,
    outputSize,
    x: Float32Array.from(x),
    y: Float32Array.from(y),
    rowIndex: Int32Array.from({ length: n }, (_, i) => i),
  };
}

function preprocessing(
  task: Task,
  inputSize: number,
  extra: Partial<Preprocessing['target']> = {},
): Preprocessing {
  const names = Array.from({ length: inputSize }, (_, i) => `x${i + 1}`);
  return {
    features: names.map((name) => ({ name, kind: 'numeric' as const, mean: 0, std: 1 })),
    encodedNames: names,
    target: { name: 'y', task, ...extra },
    missing: { policy: 'drop', rowsDropped: 0, cellsImputed: 0 },
  };
}

/** The seed's 4 XOR points as 2 classes (no validation split). */
export function xorClasses(): PreparedData {
  return {
    name: 'xor',
    task: 'classification',
    train: dataset([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], 2, 2),
    val: null,
    preprocessing: preprocessing('classification', 2, { classes: ['0', '1'] }),
    notes: [],
  };
}

/** The built-in 3-class spiral through the real data pipeline (80/20 stratified split). */
export function spiral(points = 180, seed = 7): PreparedData {
  const table = generateTable('spiral3', { points, noise: 0.2, seed });
  return prepareDataset(table, { valFraction: 0.2, seed, missing: 'drop', standardize: false });
}

/**
 * y = 3 + 2·x1 − x2 + small noise, in original units; the dataset holds the standardized
 * target and the preprocessing its mean/std, as the data pipeline does.
 */
export function plane(n = 200, seed = 3): { data: PreparedData; rawY: number[] } {
  const rng = new Rng(seed);
  const x: number[] = [];
  const rawY: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    x.push(a, b);
    rawY.push(3 + 2 * a - b + 0.05 * rng.normal());
  }
  const cut = Math.floor(n * 0.8);
  const trainY = rawY.slice(0, cut);
  const mean = trainY.reduce((s, v) => s + v, 0) / cut;
  const std = Math.sqrt(trainY.reduce((s, v) => s + (v - mean) ** 2, 0) / cut);
  const z = rawY.map((v) => (v - mean) / std);
  return {
    rawY,
    data: {
      name: 'plane',
      task: 'regression',
      train: dataset(x.slice(0, 2 * cut), z.slice(0, cut), 2, 1),
      val: dataset(x.slice(2 * cut), z.slice(cut), 2, 1),
      preprocessing: preprocessing('regression', 2, { mean, std }),
      notes: [],
    },
  };
}
