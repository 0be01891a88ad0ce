import { postOrder } from '../graph';

export type Storage = Float64Array | Float32Array;
export type DType = 'float64' | 'float32';

/**
 * The gradient rule of one op (tinygrad's gradient.py style): given G = d(result)/d(out), it
 * RETURNS the gradient for each input, in input order (null for an input that needs none), and
 * `Tensor.backward` adds them up. `S` is what the forward pass saved for the rule, typed per op.
 * Each rule stands next to its forward function (matmul.ts, elementwise.ts, reduce.ts,
 * losses.ts); `GRAD_RULES` (./index.ts) is the table of all of them, one entry per op.
 */
export interface GradRule<S = void> {
  readonly name: string;
  backward(g: Storage, out: Tensor, saved: S): readonly (Storage | null)[];
}

export function gradRule<S = void>(name: string, backward: GradRule<S>['backward']): GradRule<S> {
  return { name, backward };
}

export function allocate(dtype: DType, length: number): Storage {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/**
 * A 2-D tensor [rows, cols] (a batch of row vectors; a scalar is [1, 1]) over a typed array,
 * with reverse-mode autograd. Leaves created with `requiresGrad` get a zeroed grad buffer at
 * once, so optimizers can hold on to it; intermediate results get theirs on first use.
 */
export class Tensor {
  readonly rows: number;
  readonly cols: number;
  readonly data: Storage;
  grad: Storage | null;
  readonly requiresGrad: boolean;
  readonly inputs: readonly Tensor[];
  /** The op that produced this tensor (null for leaves). */
  readonly op: string | null;
  /** The op's rule with its saved state bound (set by `result`). */
  private gradFn: ((g: Storage) => readonly (Storage | null)[]) | null = null;

  constructor(
    rows: number,
    cols: number,
    data: Storage,
    requiresGrad = false,
    inputs: readonly Tensor[] = [],
    op: string | null = null,
  ) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1)
      throw new RangeError(`Tensor shape must be positive integers, got [${rows}, ${cols}]`);
    if (data.length !== rows * cols)
      throw new RangeError(`Tensor [${rows}, ${cols}] needs ${rows * cols} values, got ${data.length}`);
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.inputs = inputs;
    this.op = op;
    this.requiresGrad = requiresGrad || inputs.some((t) => t.requiresGrad);
    this.grad = requiresGrad && op === null ? allocate(this.dtype, data.length) : null;
  }

  static zeros(rows: number, cols: number, dtype: DType = 'float64', requiresGrad = false): Tensor {
    return new Tensor(rows, cols, allocate(dtype, rows * cols), requiresGrad);
  }

  /** Copies `values` (row-major) into a new tensor. */
  static from(
    rows: number,
    cols: number,
    values: ArrayLike<number>,
    options: { dtype?: DType; requiresGrad?: boolean } = {},
  ): Tensor {
    const data = allocate(options.dtype ?? 'float64', rows * cols);
    if (values.length !== rows * cols)
      throw new RangeError(`Tensor [${rows}, ${cols}] needs ${rows * cols} values, got ${values.length}`);
    for (let i = 0; i < data.length; i++) data[i] = values[i];
    return new Tensor(rows, cols, data, options.requiresGrad ?? false);
  }

  /** The result of an op: same storage type as `like`, remembering how to back-propagate. */
  static result<S>(
    rows: number,
    cols: number,
    like: Tensor,
    inputs: readonly Tensor[],
    rule: GradRule<S>,
    saved: S,
  ): Tensor {
    const out = new Tensor(rows, cols, allocate(like.dtype, rows * cols), false, inputs, rule.name);
    out.gradFn = (g) => rule.backward(g, out, saved);
    return out;
  }

  get dtype(): DType {
    return this.data instanceof Float32Array ? 'float32' : 'float64';
  }

  get size(): number {
    return this.data.length;
  }

  /** The grad buffer, created zeroed on first use (rules accumulate into it). */
  gradBuffer(): Storage {
    if (this.grad === null) this.grad = allocate(this.dtype, this.data.length);
    return this.grad;
  }

  zeroGrad(): void {
    this.grad?.fill(0);
  }

  item(): number {
    if (this.size !== 1)
      throw new RangeError(`item() needs a [1, 1] tensor, got [${this.rows}, ${this.cols}]`);
    return this.data[0];
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /**
   * Reverse-mode sweep. A [1, 1] output is seeded with 1; any other shape needs `seed`
   * (d(something)/d(this), same shape). Grads ACCUMULATE into leaves: zero them between steps.
   * Intermediate grads are recomputed from scratch on every call.
   */
  backward(seed?: ArrayLike<number>): void {
    if (seed === undefined && this.size !== 1)
      throw new RangeError(
        `backward() without a seed needs a [1, 1] tensor, got [${this.rows}, ${this.cols}]`,
      );
    const order = postOrder<Tensor>(this, (t) => (t.requiresGrad ? t.inputs : []));
    for (const node of order) if (node.op !== null) node.grad?.fill(0);
    const g = this.gradBuffer();
    if (seed === undefined) g[0] = 1;
    else for (let i = 0; i < g.length; i++) g[i] = seed[i];
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (node.gradFn === null || !node.requiresGrad || node.grad === null) continue;
      const grads = node.gradFn(node.grad);
      node.inputs.forEach((input, k) => {
        const gk = grads[k];
        if (gk === null || gk === undefined || !input.requiresGrad) return;
        if (gk.length !== input.size)
          throw new RangeError(
            `${node.op}: gradient for input ${k} has ${gk.length} values, input has ${input.size}`,
          );
        const target = input.gradBuffer();
        for (let j = 0; j < gk.length; j++) target[j] += gk[j];
      });
    }
  }
}

/** Throws a one-line RangeError unless the two tensors have the same shape. */
export function assertSameShape(op: string, a: Tensor, b: Tensor): void {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new RangeError(`${op}: shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}] differ`);
}
