/**
 * Every neuron's activation over a set of input rows, from ONE batched forward pass of the fast
 * engine: the network is run once over all rows (e.g. the cells of the 2-D input plane) and each
 * layer's post-activation buffer is kept. This is what the live neuron maps are drawn from, as
 * in TensorFlow Playground, but batched instead of one forward call per point.
 */
import { assembleLayerBuffers, forwardLayers, layerBufferLengths } from '../engine/fast/forward';
import { jsKernels } from '../engine/fast/kernels';
import type { DenseParams, MlpSpec } from '../engine/types';

/** Post-activation values of one layer: rows x units, row-major (as the engine stores them). */
export interface LayerActivations {
  units: number;
  values: Float32Array;
}

/** Runs rows x[0..n) through the network once and returns every layer's activations. */
export function layerActivations(
  spec: MlpSpec,
  params: readonly DenseParams[],
  x: Float32Array,
  n: number,
): LayerActivations[] {
  if (x.length < n * spec.inputSize)
    throw new RangeError(`activation grid: ${x.length} inputs cannot hold ${n} rows of ${spec.inputSize}`);
  const buffers = assembleLayerBuffers(
    spec,
    layerBufferLengths(spec, Math.max(n, 1), false).map((lengths) =>
      lengths.map((len) => new Float32Array(len)),
    ),
    false,
  );
  forwardLayers(
    jsKernels,
    spec,
    params.map((p) => p.weight),
    params.map((p) => p.bias),
    buffers,
    x,
    n,
    null,
  );
  return spec.layers.map((layer, l) => ({
    units: layer.units,
    values: buffers[l].h.subarray(0, n * layer.units),
  }));
}

/** One layer's neuron maps: `units` maps of `cells` values each, neuron-major (map j = values[j*cells ..]). */
export interface LayerMaps {
  units: number;
  values: Float32Array;
  /** Smallest and largest value of each neuron's map (NaN cells skipped; NaN when all are). */
  min: Float32Array;
  max: Float32Array;
}

export interface NeuronMapsFrame {
  /** Cells per side of the square grid; cells run row-major from yMin upward (BoundaryFrame's order). */
  size: number;
  layers: LayerMaps[];
}

/** Neuron-major maps of every layer over a size x size grid of encoded inputs (gridInputs' layout). */
export function neuronMaps(
  spec: MlpSpec,
  params: readonly DenseParams[],
  grid: Float32Array,
  size: number,
): NeuronMapsFrame {
  const cells = size * size;
  const layers = layerActivations(spec, params, grid, cells).map(({ units, values }) =>
    transposeToMaps(values, cells, units),
  );
  return { size, layers };
}

function transposeToMaps(values: Float32Array, cells: number, units: number): LayerMaps {
  const maps = new Float32Array(cells * units);
  const min = new Float32Array(units).fill(Infinity);
  const max = new Float32Array(units).fill(-Infinity);
  for (let c = 0; c < cells; c++) {
    const row = c * units;
    for (let j = 0; j < units; j++) {
      const v = values[row + j];
      maps[j * cells + c] = v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  for (let j = 0; j < units; j++) {
    if (min[j] > max[j]) {
      min[j] = NaN;
      max[j] = NaN;
    }
  }
  return { units, values: maps, min, max };
}

/**
 * Cells per side so that all maps together stay near `budget` values (a 1024-unit layer gets
 * coarse maps, a 2-16-16-16-2 network fine ones), between `minSize` and `maxSize`.
 */
export function mapGridSize(spec: MlpSpec, budget = 120_000, minSize = 8, maxSize = 40): number {
  const neurons = spec.layers.reduce((sum, layer) => sum + layer.units, 0);
  const side = Math.floor(Math.sqrt(budget / Math.max(neurons, 1)));
  return Math.max(minSize, Math.min(maxSize, side));
}
