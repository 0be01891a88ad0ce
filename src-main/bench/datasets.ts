/**
 * The anchor workloads' data, re-derived from the formulas in ../shared/bench/anchors/README.md
 * (same mulberry32 draws, same order, same float32 rounding), so our runs start from the very
 * data, weights and batch order PyTorch and TensorFlow.js used and must land on their numbers.
 */
import { Rng, identityPermutation } from '../../src-shared/engine/rng';

export interface ClassificationSet {
  x: Float32Array;
  /** Class index per row (as float, the trainer's target format for cross_entropy). */
  y: Float32Array;
  n: number;
  inputSize: number;
}

export const SEEDS = {
  spiralData: 1,
  spiralInit: 2,
  spiralShuffle: 3,
  digitsSplit: 42,
  digitsInit: 4,
  digitsShuffle: 5,
  mnistX: 6,
  mnistLabelMap: 7,
  mnistInit: 8,
  mnistShuffle: 9,
} as const;

export function xorData(): ClassificationSet {
  return {
    x: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
    y: Float32Array.from([0, 1, 1, 0]),
    n: 4,
    inputSize: 2,
  };
}

/** 3 classes x 100 points; point k*100+i: r = i/99, θ = 4k + 4i/99 + 0.2·normal. */
export function spiralData(): ClassificationSet {
  const rng = new Rng(SEEDS.spiralData);
  const perClass = 100;
  const classes = 3;
  const n = perClass * classes;
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++) {
      const r = i / (perClass - 1);
      const theta = 4 * k + (4 * i) / (perClass - 1) + 0.2 * rng.normal();
      const idx = k * perClass + i;
      x[2 * idx] = r * Math.sin(theta);
      x[2 * idx + 1] = r * Math.cos(theta);
      y[idx] = k;
    }
  }
  return { x, y, n, inputSize: 2 };
}

/** scikit-learn digits (64 pixel columns, then the digit), features x/16, split by shuffle(mulberry32(42)) 80/20. */
export function digitsData(csv: string): { train: ClassificationSet; test: ClassificationSet } {
  const lines = csv.trim().split('\n');
  const header = lines[0].trim().split(',');
  if (header.length !== 65) throw new Error('digits.csv: expected 64 pixel columns and the digit');
  const n = lines.length - 1;
  const d = 64;
  const xAll = new Float32Array(n * d);
  const yAll = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const fields = lines[r + 1].split(',');
    for (let j = 0; j < d; j++) xAll[r * d + j] = Number(fields[j]) / 16;
    yAll[r] = Number(fields[d]);
  }
  const perm = new Rng(SEEDS.digitsSplit).shuffle(identityPermutation(n));
  const nTrain = Math.floor(0.8 * n);
  const take = (rows: Int32Array): ClassificationSet => {
    const x = new Float32Array(rows.length * d);
    const y = new Float32Array(rows.length);
    rows.forEach((src, r) => {
      x.set(xAll.subarray(src * d, src * d + d), r * d);
      y[r] = yAll[src];
    });
    return { x, y, n: rows.length, inputSize: d };
  };
  return { train: take(perm.subarray(0, nTrain)), test: take(perm.subarray(nTrain)) };
}

export const MNIST_SIZE = { rows: 70000, train: 60000, inputSize: 784, classes: 10 } as const;

/**
 * 70000 x 784 uniform inputs from mulberry32(6) (float32), labels = argmax_c Σ_j (x_j - 0.5)·M[j][c]
 * with M = 2·mulberry32(7) - 1 (784 x 10, float64); rows 0..59999 train, the rest test.
 */
export function mnistSizeData(): { train: ClassificationSet; test: ClassificationSet } {
  const { rows, train, inputSize: d, classes } = MNIST_SIZE;
  const x = new Float32Array(rows * d);
  const rngX = new Rng(SEEDS.mnistX);
  for (let j = 0; j < x.length; j++) x[j] = rngX.next();
  const map = new Float64Array(d * classes);
  const rngMap = new Rng(SEEDS.mnistLabelMap);
  for (let j = 0; j < map.length; j++) map[j] = 2 * rngMap.next() - 1;
  const y = new Float32Array(rows);
  const scores = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    scores.fill(0);
    for (let j = 0; j < d; j++) {
      const v = x[r * d + j] - 0.5;
      for (let c = 0; c < classes; c++) scores[c] += v * map[j * classes + c];
    }
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[c] > scores[best]) best = c;
    y[r] = best;
  }
  return {
    train: { x: x.subarray(0, train * d), y: y.subarray(0, train), n: train, inputSize: d },
    test: { x: x.subarray(train * d), y: y.subarray(train), n: rows - train, inputSize: d },
  };
}

/** The batch order of every epoch: one rng, perm shuffled in place before each epoch (cumulative). */
export function epochPermutations(n: number, epochs: number, seed: number): Int32Array[] {
  const rng = new Rng(seed);
  const perm = identityPermutation(n);
  const out: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(perm);
    out.push(perm.slice());
  }
  return out;
}
