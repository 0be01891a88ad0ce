import { describe, expect, it } from 'vitest';
import { FastMlp as Mlp } from '../../../src-shared/engine/fast';
import { Rng } from '../../../src-shared/engine/rng';
import { ACTIVATIONS, type MlpSpec } from '../../../src-shared/engine/types';
import { gridInputs, type Plane } from '../../../src-shared/backend/plane';
import { mapGridSize, neuronMaps } from '../../../src-shared/inspection';
import { forward64 } from '../fast/reference';

const plane: Plane = {
  mean: [0.5, -1],
  std: [2, 0.5],
  xMin: -3,
  xMax: 4,
  yMin: -2,
  yMax: 1.5,
  points: { xy: [], label: [], val: [], rows: [] },
};

describe('neuronMaps (one batched forward pass over the grid)', () => {
  for (const activation of ACTIVATIONS) {
    it(`gives every neuron of every layer its per-point forward value (${activation})`, () => {
      const spec: MlpSpec = {
        inputSize: 2,
        layers: [
          { units: 5, activation },
          { units: 3, activation },
          { units: 2, activation: 'linear' },
        ],
      };
      const mlp = Mlp.create(spec, 'pytorch', new Rng(7));
      const size = 9;
      const grid = gridInputs(plane, size);
      const frame = neuronMaps(spec, mlp.params, grid, size);
      expect(frame.size).toBe(size);
      expect(frame.layers.map((l) => l.units)).toEqual([5, 3, 2]);
      const cells = size * size;
      spec.layers.forEach((layer, l) => {
        // The reference: the network cut after layer l, one point at a time in float64.
        const cut: MlpSpec = { inputSize: 2, layers: spec.layers.slice(0, l + 1) };
        const params64 = mlp.params.slice(0, l + 1).map((p) => ({
          weight: Float64Array.from(p.weight),
          bias: Float64Array.from(p.bias),
        }));
        const maps = frame.layers[l];
        for (let cell = 0; cell < cells; cell++) {
          const [point] = forward64(cut, params64, grid.subarray(cell * 2, cell * 2 + 2), 1);
          for (let j = 0; j < layer.units; j++) {
            expect(maps.values[j * cells + cell]).toBeCloseTo(point[j], 5);
          }
        }
        for (let j = 0; j < layer.units; j++) {
          const own = maps.values.subarray(j * cells, (j + 1) * cells);
          expect(maps.min[j]).toBe(Math.min(...own));
          expect(maps.max[j]).toBe(Math.max(...own));
        }
      });
    });
  }

  it('reads cells in the boundary grid order: row-major from yMin upward', () => {
    // One linear unit equal to the raw vertical coordinate (inputs are standardized by the plane).
    const spec: MlpSpec = { inputSize: 2, layers: [{ units: 1, activation: 'linear' }] };
    const params = [
      {
        inSize: 2,
        outSize: 1,
        weight: Float32Array.from([0, plane.std[1]]),
        bias: Float32Array.from([plane.mean[1]]),
      },
    ];
    const size = 4;
    const { layers } = neuronMaps(spec, params, gridInputs(plane, size), size);
    const dy = (plane.yMax - plane.yMin) / size;
    expect(layers[0].values[0]).toBeCloseTo(plane.yMin + dy / 2, 5);
    expect(layers[0].values[size * size - 1]).toBeCloseTo(plane.yMax - dy / 2, 5);
    expect(layers[0].values[size]).toBeCloseTo(plane.yMin + 1.5 * dy, 5);
  });

  it('reports NaN bounds for a neuron whose map is all NaN', () => {
    const spec: MlpSpec = { inputSize: 2, layers: [{ units: 1, activation: 'linear' }] };
    const params = [
      { inSize: 2, outSize: 1, weight: Float32Array.from([NaN, 1]), bias: new Float32Array(1) },
    ];
    const { layers } = neuronMaps(spec, params, gridInputs(plane, 3), 3);
    expect(layers[0].min[0]).toBeNaN();
    expect(layers[0].max[0]).toBeNaN();
  });
});

describe('mapGridSize', () => {
  it('keeps fine maps for small networks and coarse ones for 1024-unit layers', () => {
    const small: MlpSpec = {
      inputSize: 2,
      layers: [16, 16, 16, 2].map((units) => ({ units, activation: 'tanh' as const })),
    };
    const wide: MlpSpec = {
      inputSize: 2,
      layers: [1024, 1024, 2].map((units) => ({ units, activation: 'relu' as const })),
    };
    expect(mapGridSize(small)).toBe(40);
    expect(mapGridSize(wide)).toBe(8);
    const middle: MlpSpec = { inputSize: 2, layers: [{ units: 300, activation: 'relu' }] };
    expect(mapGridSize(middle) ** 2 * 300).toBeLessThanOrEqual(120_000);
  });
});
