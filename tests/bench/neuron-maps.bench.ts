/**
 * Cost of one live neuron-maps frame: the batched forward pass over the map grid (and the
 * transposition into per-neuron maps) that the backend runs a few times a second while training.
 * Run: npx vitest bench --run tests/bench/neuron-maps.bench.ts (numbers go to docs/benchmarks.md).
 */
import { bench, describe } from 'vitest';
import { FastMlp } from '../../src-shared/engine/fast';
import { Rng } from '../../src-shared/engine/rng';
import type { MlpSpec } from '../../src-shared/engine/types';
import { gridInputs, type Plane } from '../../src-shared/backend/plane';
import { mapGridSize, neuronMaps } from '../../src-shared/inspection';
import { INPUT_FEATURES } from '../../src-shared/data/prepare/input-features';

const plane: Plane = {
  mean: [0, 0],
  std: [1, 1],
  xMin: -6,
  xMax: 6,
  yMin: -6,
  yMax: 6,
  points: { xy: [], label: [], val: [] },
};

function network(hidden: number[], activation: 'tanh' | 'relu', inputSize = 2): MlpSpec {
  return {
    inputSize,
    layers: [...hidden.map((units) => ({ units, activation })), { units: 2, activation: 'linear' as const }],
  };
}

// The grid's two raw inputs expand to the model's input features (x1², sin(x1), ...) before the pass.
const allFeatures: Plane = { ...plane, inputFeatures: INPUT_FEATURES };

const cases: [string, MlpSpec, Plane][] = [
  ['2-16-16-16-2 tanh (the spiral network)', network([16, 16, 16], 'tanh'), plane],
  ['7 input features-16-16-16-2 tanh', network([16, 16, 16], 'tanh', INPUT_FEATURES.length), allFeatures],
  ['2-64-64-2 relu', network([64, 64], 'relu'), plane],
  ['2-1024-2 relu (widest layer)', network([1024], 'relu'), plane],
];

describe('neuron maps: one batched forward pass over the map grid', () => {
  for (const [name, spec, gridPlane] of cases) {
    const size = mapGridSize(spec);
    const { params } = FastMlp.create(spec, 'pytorch', new Rng(1));
    const grid = gridInputs(gridPlane, size);
    bench(
      `${name}, ${size}x${size} grid`,
      () => {
        neuronMaps(spec, params, grid, size);
      },
      { time: 3000, warmupTime: 1000 },
    );
  }
});
