import { Rng } from '../../rng';
import type { Activation, DenseValues, InitName } from '../../types';
import { initDenseParams } from '../../init';
import { Value, type ValueLike } from './value';

/** Applies a named activation to a Value ('linear' is the value itself, no graph node). */
export function activateValue(x: Value, activation: Activation): Value {
  return activation === 'linear' ? x : x.activate(activation);
}

/** Shared parameter bookkeeping for Neuron, Layer and ScalarMLP. */
export abstract class Module {
  abstract parameters(): Value[];
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}

/** One unit: activation(Σ w_i·x_i + b). */
export class Neuron extends Module {
  readonly weights: Value[];
  readonly bias: Value;
  readonly activation: Activation;

  constructor(weights: readonly number[], bias: number, activation: Activation) {
    super();
    this.weights = weights.map((w) => new Value(w));
    this.bias = new Value(bias);
    this.activation = activation;
  }

  forward(x: readonly ValueLike[]): Value {
    if (x.length !== this.weights.length)
      throw new RangeError(`Neuron expects ${this.weights.length} inputs, got ${x.length}`);
    let acc = this.bias;
    for (let i = 0; i < x.length; i++) acc = acc.add(this.weights[i].mul(x[i]));
    return activateValue(acc, this.activation);
  }

  parameters(): Value[] {
    return [...this.weights, this.bias];
  }
}

/** A row of neurons sharing the same inputs; built from Dense parameters (weight [out, in]). */
export class Layer extends Module {
  readonly neurons: Neuron[];

  constructor(params: DenseValues, activation: Activation) {
    super();
    this.neurons = [];
    for (let o = 0; o < params.outSize; o++) {
      const row: number[] = [];
      for (let i = 0; i < params.inSize; i++) row.push(params.weight[o * params.inSize + i]);
      this.neurons.push(new Neuron(row, params.bias[o], activation));
    }
  }

  forward(x: readonly ValueLike[]): Value[] {
    return this.neurons.map((n) => n.forward(x));
  }

  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }

  /** The current values back in Dense layout (Float64Array: the scalar engine is float64). */
  toParams(): { inSize: number; outSize: number; weight: Float64Array; bias: Float64Array } {
    const outSize = this.neurons.length;
    const inSize = this.neurons[0].weights.length;
    const weight = new Float64Array(outSize * inSize);
    const bias = new Float64Array(outSize);
    this.neurons.forEach((n, o) => {
      n.weights.forEach((w, i) => (weight[o * inSize + i] = w.data));
      bias[o] = n.bias.data;
    });
    return { inSize, outSize, weight, bias };
  }
}

export interface ScalarMlpOptions {
  /** Weight init (default 'uniform': U(-1,1) weights and zero biases, as micrograd). */
  init?: InitName;
  /** Seed or generator for the init (default seed 0). */
  rng?: Rng | number;
  /** Hidden activation (default 'relu'); the output layer is always linear unless `outputActivation` says otherwise. */
  activation?: Activation;
  outputActivation?: Activation;
}

/**
 * micrograd's MLP as `ScalarMLP`: `new ScalarMLP(2, [8, 1])` is 2 inputs -> 8 ReLU units -> 1 linear output, with
 * 2·8 + 8 + 8·1 + 1 = 33 parameters.
 */
export class ScalarMLP extends Module {
  readonly layers: Layer[];

  constructor(inputSize: number, layerSizes: readonly number[], options: ScalarMlpOptions = {}) {
    super();
    const rng = options.rng instanceof Rng ? options.rng : new Rng(options.rng ?? 0);
    const init = options.init ?? 'uniform';
    const sizes = [inputSize, ...layerSizes];
    this.layers = layerSizes.map((_, l) => {
      const last = l === layerSizes.length - 1;
      const activation = last ? (options.outputActivation ?? 'linear') : (options.activation ?? 'relu');
      return new Layer(initDenseParams(sizes[l], sizes[l + 1], init, rng), activation);
    });
  }

  /** A ScalarMLP holding exactly the given parameters (e.g. to mirror a tensor network). */
  static fromParams(params: readonly DenseValues[], activations: readonly Activation[]): ScalarMLP {
    const mlp = new ScalarMLP(params[0].inSize, []);
    mlp.layers.push(...params.map((p, l) => new Layer(p, activations[l])));
    return mlp;
  }

  forward(x: readonly ValueLike[]): Value[] {
    let h: readonly ValueLike[] = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h as Value[];
  }

  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
