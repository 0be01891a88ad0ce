import type { Activation } from '../../types';
import { postOrder } from '../graph';

export type Storage = Float64Array | Float32Array;
export type DType = 'float64' | 'float32';

/**
 * The local backward rule of one op: reads `out.grad` and ADDS the contributions into the grads
 * of `out.inputs` that require grad. Rules live next to their forward op, grouped per family
 * (matmul.ts, elementwise.ts, reduce.ts, losses.ts) in tables; `GRAD_RULES` (./index.ts) is the
 * union, one entry per op.
 */
export interface GradRule {
  readonly name: string;
  backward(out: Tensor): void;
}

/** What a backward rule needs beyond the inputs (set by the forward op, read by its rule). */
export interface SavedForBackward {
  activation?: Activation;
  /** Constant operand: loss targets, dropout mask, softmax/sigmoid outputs… */
  values?: Storage;
  /** Integer class per row (cross-entropy). */
  labels?: ArrayLike<number>;
  scalar?: number;
}

interface TensorOrigin {
  inputs: readonly Tensor[];
  rule: GradRule;
  saved?: SavedForBackward;
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
  readonly rule: GradRule | null;
  readonly saved: SavedForBackward;

  constructor(rows: number, cols: number, data: Storage, requiresGrad = false, origin?: TensorOrigin) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1)
      throw new RangeError(`Tensor shape must be positive integers, got [${rows}, ${cols}]`);
    if (data.length !== rows * cols)
      throw new RangeError(`Tensor [${rows}, ${cols}] needs ${rows * cols} values, got ${data.length}`);
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.inputs = origin?.inputs ?? [];
    this.rule = origin?.rule ?? null;
    this.saved = origin?.saved ?? {};
    this.requiresGrad = requiresGrad || this.inputs.some((t) => t.requiresGrad);
    this.grad = requiresGrad && !origin ? allocate(this.dtype, data.length) : null;
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
  static result(
    rows: number,
    cols: number,
    like: Tensor,
    inputs: readonly Tensor[],
    rule: GradRule,
    saved?: SavedForBackward,
  ): Tensor {
    return new Tensor(rows, cols, allocate(like.dtype, rows * cols), false, { inputs, rule, saved });
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
    for (const node of order) if (node.rule !== null) node.grad?.fill(0);
    const g = this.gradBuffer();
    if (seed === undefined) g[0] = 1;
    else for (let i = 0; i < g.length; i++) g[i] = seed[i];
    for (let i = order.length - 1; i >= 0; i--) {
      const node = order[i];
      if (node.rule !== null && node.requiresGrad && node.grad !== null) node.rule.backward(node);
    }
  }
}

/** Throws a one-line RangeError unless the two tensors have the same shape. */
export function assertSameShape(op: string, a: Tensor, b: Tensor): void {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new RangeError(`${op}: shapes [${a.rows}, ${a.cols}] and [${b.rows}, ${b.cols}] differ`);
}
