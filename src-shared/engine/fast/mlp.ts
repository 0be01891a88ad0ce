/**
 * A fully connected network as plain parameter arrays: what the training session trains, the
 * model file stores and the exports read. Inference runs over a small preallocated plan
 * (chunks of INFERENCE_CHUNK rows), so predicting a 100k-row table allocates only the result.
 */
import { ConfigError, TrainingError } from '../../errors';
import { initDenseParams } from '../init';
import { applyOutputTransform } from '../losses';
import type { Rng } from '../rng';
import type { DenseParams, InitName, MlpSpec, OutputTransform } from '../types';
import { assembleLayerBuffers, forwardLayers, layerBufferLengths, type LayerBuffers } from './forward';
import { jsKernels } from './kernels';

const INFERENCE_CHUNK = 256;

export class FastMlp {
  readonly spec: MlpSpec;
  /**
   * Live parameters (weight [out, in] row-major). An MlpTrainer on the WebAssembly backend moves
   * the storage into its memory (same values, new Float32Array views): read
   * `params[l].weight` when you need it rather than keeping the array from before training.
   */
  readonly params: DenseParams[];
  private inference: LayerBuffers[] | null = null;

  constructor(spec: MlpSpec, params: DenseParams[]) {
    checkSpec(spec);
    if (params.length !== spec.layers.length) {
      throw new ConfigError(
        `network has ${spec.layers.length} layers but ${params.length} parameter sets were given`,
        { field: 'params' },
      );
    }
    let inSize = spec.inputSize;
    spec.layers.forEach((layer, l) => {
      const p = params[l];
      if (
        p.inSize !== inSize ||
        p.outSize !== layer.units ||
        p.weight.length !== inSize * layer.units ||
        p.bias.length !== layer.units
      ) {
        throw new ConfigError(
          `parameters of layer ${l} are ${p.outSize}x${p.inSize} (${p.weight.length} weights, ${p.bias.length} biases) but the network needs ${layer.units}x${inSize}`,
          { field: `params[${l}]` },
        );
      }
      inSize = layer.units;
    });
    this.spec = spec;
    this.params = params;
  }

  /** Draws every layer's parameters from `rng`, input layer first (initDenseParams' order). */
  static create(spec: MlpSpec, init: InitName, rng: Rng): FastMlp {
    checkSpec(spec);
    const params: DenseParams[] = [];
    let inSize = spec.inputSize;
    for (const layer of spec.layers) {
      params.push(initDenseParams(inSize, layer.units, init, rng));
      inSize = layer.units;
    }
    return new FastMlp(spec, params);
  }

  get outputSize(): number {
    return this.spec.layers[this.spec.layers.length - 1].units;
  }

  /** Raw outputs (logits / values), n x outputs; the returned array is a fresh copy. */
  forward(x: Float32Array, n: number): Float32Array {
    checkInput(x, n, this.spec.inputSize);
    const k = this.outputSize;
    const result = new Float32Array(n * k);
    const buffers = (this.inference ??= assembleLayerBuffers(
      this.spec,
      layerBufferLengths(this.spec, INFERENCE_CHUNK, false).map((lengths) =>
        lengths.map((length) => new Float32Array(length)),
      ),
      false,
    ));
    const weights = this.params.map((p) => p.weight);
    const biases = this.params.map((p) => p.bias);
    const d = this.spec.inputSize;
    for (let start = 0; start < n; start += INFERENCE_CHUNK) {
      const rows = Math.min(INFERENCE_CHUNK, n - start);
      const out = forwardLayers(
        jsKernels,
        this.spec,
        weights,
        biases,
        buffers,
        x.subarray(start * d, (start + rows) * d),
        rows,
        null,
      );
      result.set(out.subarray(0, rows * k), start * k);
    }
    return result;
  }

  /** forward + output transform: softmax per row, elementwise sigmoid, or none. */
  predict(x: Float32Array, n: number, output: OutputTransform): Float32Array {
    const values = this.forward(x, n);
    applyOutputTransform(values, n, this.outputSize, output);
    return values;
  }
}

function checkSpec(spec: MlpSpec): void {
  if (!Number.isInteger(spec.inputSize) || spec.inputSize < 1) {
    throw new ConfigError(`inputSize must be a positive integer (got ${spec.inputSize})`, {
      field: 'inputSize',
    });
  }
  if (spec.layers.length === 0)
    throw new ConfigError('a network needs at least an output layer', { field: 'layers' });
  spec.layers.forEach((layer, l) => {
    if (!Number.isInteger(layer.units) || layer.units < 1) {
      throw new ConfigError(`layers[${l}].units must be a positive integer (got ${layer.units})`, {
        field: `layers[${l}].units`,
      });
    }
  });
}

export function checkInput(x: Float32Array, n: number, inputSize: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new TrainingError(`row count must be a non-negative integer (got ${n})`);
  if (x.length < n * inputSize) {
    throw new TrainingError(
      `input holds ${x.length} values but ${n} rows of ${inputSize} features need ${n * inputSize}`,
    );
  }
}
