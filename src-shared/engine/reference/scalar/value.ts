import { ACTIVATION_FNS } from '../../activations';
import type { Activation } from '../../types';
import { postOrder } from '../graph';

/** Anything an op accepts as its other operand: plain numbers become constant leaves. */
export type ValueLike = Value | number;

function noBackward(): void {}

/** Leaves share one empty input list instead of allocating their own. */
const NO_CHILDREN: readonly Value[] = Object.freeze([]);

/**
 * A scalar in a computation graph, micrograd-style: `data` is the forward value, `grad` is
 * d(output)/d(this) after `backward()`. Every op builds a new Value and installs the LOCAL
 * backward rule right next to its forward formula: the rule reads `out.grad` and adds
 * (`+=`, never `=`) into its inputs' grads, so a value used twice collects both contributions.
 *
 * This is the reference/teaching surface: one object per scalar is far too slow for real data
 * (the tensor path in ./tensor does that), but every gradient rule here is small enough to be
 * checked by eye, and the tensor engine is tested against it.
 */
export class Value {
  data: number;
  grad = 0;
  /** The inputs this value was computed from (empty for leaves). */
  readonly children: readonly Value[];
  /** The op that produced this value ('' for leaves), for printing and graph drawing. */
  readonly op: string;
  label: string;
  private backwardRule: () => void = noBackward;

  constructor(data: number, children: readonly Value[] = NO_CHILDREN, op = '', label = '') {
    this.data = data;
    this.children = children;
    this.op = op;
    this.label = label;
  }

  static from(x: ValueLike): Value {
    return x instanceof Value ? x : new Value(x);
  }

  add(other: ValueLike): Value {
    const that = Value.from(other);
    const out = new Value(this.data + that.data, [this, that], '+');
    out.backwardRule = () => {
      this.grad += out.grad;
      that.grad += out.grad;
    };
    return out;
  }

  mul(other: ValueLike): Value {
    const that = Value.from(other);
    const out = new Value(this.data * that.data, [this, that], '*');
    out.backwardRule = () => {
      this.grad += that.data * out.grad;
      that.grad += this.data * out.grad;
    };
    return out;
  }

  /** Power with a constant exponent (d/dx x^k = k·x^(k-1)). */
  pow(exponent: number): Value {
    const out = new Value(this.data ** exponent, [this], `**${exponent}`);
    out.backwardRule = () => {
      this.grad += exponent * this.data ** (exponent - 1) * out.grad;
    };
    return out;
  }

  exp(): Value {
    const out = new Value(Math.exp(this.data), [this], 'exp');
    out.backwardRule = () => {
      this.grad += out.data * out.grad;
    };
    return out;
  }

  log(): Value {
    const out = new Value(Math.log(this.data), [this], 'log');
    out.backwardRule = () => {
      this.grad += out.grad / this.data;
    };
    return out;
  }

  /**
   * A named activation from ACTIVATION_FNS (the one table every engine uses): the forward value
   * is its f, the local rule multiplies by its f′. The named methods below are shorthands.
   */
  activate(name: Activation): Value {
    const { f, df } = ACTIVATION_FNS[name];
    const out = new Value(f(this.data), [this], name);
    out.backwardRule = () => {
      this.grad += df(this.data, out.data) * out.grad;
    };
    return out;
  }

  relu(): Value {
    return this.activate('relu');
  }

  /** Slope LEAKY_RELU_SLOPE (0.01, PyTorch's default). */
  leakyRelu(): Value {
    return this.activate('leaky_relu');
  }

  tanh(): Value {
    return this.activate('tanh');
  }

  sigmoid(): Value {
    return this.activate('sigmoid');
  }

  /** Exact GELU x·Φ(x), PyTorch's default (not the tanh approximation). */
  gelu(): Value {
    return this.activate('gelu');
  }

  // Composite ops: no backward rule of their own, the graph of primitives carries it.

  neg(): Value {
    return this.mul(-1);
  }

  /** a - b is a + (-1·b). */
  sub(other: ValueLike): Value {
    return this.add(Value.from(other).neg());
  }

  /** a / b is a · b^-1. */
  div(other: ValueLike): Value {
    return this.mul(Value.from(other).pow(-1));
  }

  /**
   * Reverse-mode sweep from this value: seeds d(this)/d(this) = 1 and applies every local rule
   * in reverse topological order. The sort is iterative (an explicit stack instead of
   * recursion) so a 200,000-op chain cannot overflow the call stack.
   */
  backward(): void {
    const order = this.topologicalOrder();
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardRule();
  }

  /** Every value this one depends on, each after all of its children. */
  topologicalOrder(): Value[] {
    return postOrder<Value>(this, (v) => v.children);
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** Σ values, as one chain of adds (a start value keeps the sum of an empty list defined). */
export function sumValues(values: readonly ValueLike[], start: ValueLike = 0): Value {
  let acc = Value.from(start);
  for (const v of values) acc = acc.add(v);
  return acc;
}
