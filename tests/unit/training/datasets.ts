/**
 * Small PreparedData sets built by hand, so the session's tests depend only on the session and
 * the engine (the data pipeline has its own tests).
 */
import { Rng } from '../../../src-shared/engine/rng';
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

/** Interleaved spirals (k classes x perPoint points), 80/20 split by position. */
export function spiral(classes = 3, perClass = 60, seed = 7): PreparedData {
  const rng = new Rng(seed);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++) {
      const r = i / (perClass - 1);
      const theta = 4 * k + (4 * i) / (perClass - 1) + 0.2 * rng.normal();
      xs.push([r * Math.sin(theta), r * Math.cos(theta)]);
      ys.push(k);
    }
  }
  const order = rng.shuffle(Array.from({ length: ys.length }, (_, i) => i));
  const cut = Math.floor(ys.length * 0.8);
  const pick = (idx: number[]): Dataset =>
    dataset(
      idx.flatMap((i) => xs[i]),
      idx.map((i) => ys[i]),
      2,
      classes,
    );
  return {
    name: 'spiral',
    task: 'classification',
    train: pick(order.slice(0, cut)),
    val: pick(order.slice(cut)),
    preprocessing: preprocessing('classification', 2, {
      classes: Array.from({ length: classes }, (_, k) => `c${k}`),
    }),
    notes: [],
  };
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
