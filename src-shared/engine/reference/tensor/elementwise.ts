import { ACTIVATION_FNS } from '../../activations';
import type { Activation } from '../../types';
import { Tensor, assertSameShape, type GradRule, type Storage } from './tensor';

/**
 * `b` may have a's shape, or be one row [1, cols] that is added to every row of a (a bias).
 * Returns true for the broadcast case.
 */
function rowBroadcast(op: string, a: Tensor, b: Tensor): boolean {
  if (b.rows === 1 && a.rows !== 1 && b.cols === a.cols) return true;
  assertSameShape(op, a, b);
  return false;
}

/** Adds g (a's shape) into a gradient of b's shape, summing over rows when b was broadcast. */
function accumulateInto(
  target: Storage,
  g: Storage,
  rows: number,
  cols: number,
  broadcast: boolean,
  factor: number,
): void {
  if (!broadcast) {
    for (let i = 0; i < g.length; i++) target[i] += factor * g[i];
    return;
  }
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) target[c] += factor * g[row + c];
  }
}

/**
 * Gradient rules of the elementwise family (G = out.grad, y = out.data):
 *   add         a + b          da += G          db += G (summed over rows if b is a broadcast row)
 *   sub         a - b          da += G          db += -G (idem)
 *   mul         a ⊙ b          da += G ⊙ b      db += G ⊙ a (idem)
 *   scale       c·a            da += c·G
 *   mask        a ⊙ m (const)  da += G ⊙ m
 *   activation  f(a)           da += G ⊙ f'(a, y)          (ACTIVATION_FNS)
 *   softmax     rowwise        da += y ⊙ (G − Σ_row G⊙y)
 */
export const ELEMENTWISE_RULES = {
  add: {
    name: 'add',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      if (a.requiresGrad) accumulateInto(a.gradBuffer(), g, a.rows, a.cols, false, 1);
      if (b.requiresGrad) accumulateInto(b.gradBuffer(), g, a.rows, a.cols, b.size !== a.size, 1);
    },
  },
  sub: {
    name: 'sub',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      if (a.requiresGrad) accumulateInto(a.gradBuffer(), g, a.rows, a.cols, false, 1);
      if (b.requiresGrad) accumulateInto(b.gradBuffer(), g, a.rows, a.cols, b.size !== a.size, -1);
    },
  },
  mul: {
    name: 'mul',
    backward(out) {
      const [a, b] = out.inputs;
      const g = out.grad as Storage;
      const { cols } = a;
      const broadcast = b.size !== a.size;
      if (a.requiresGrad) {
        const ga = a.gradBuffer();
        for (let i = 0; i < g.length; i++) ga[i] += g[i] * b.data[broadcast ? i % cols : i];
      }
      if (b.requiresGrad) {
        const gb = b.gradBuffer();
        for (let i = 0; i < g.length; i++) gb[broadcast ? i % cols : i] += g[i] * a.data[i];
      }
    },
  },
  scale: {
    name: 'scale',
    backward(out) {
      const [a] = out.inputs;
      accumulateInto(a.gradBuffer(), out.grad as Storage, a.rows, a.cols, false, out.saved.scalar as number);
    },
  },
  mask: {
    name: 'mask',
    backward(out) {
      const [a] = out.inputs;
      const g = out.grad as Storage;
      const m = out.saved.values as Storage;
      const ga = a.gradBuffer();
      for (let i = 0; i < g.length; i++) ga[i] += g[i] * m[i];
    },
  },
  activation: {
    name: 'activation',
    backward(out) {
      const [a] = out.inputs;
      const { df } = ACTIVATION_FNS[out.saved.activation as Activation];
      const g = out.grad as Storage;
      const ga = a.gradBuffer();
      for (let i = 0; i < g.length; i++) ga[i] += g[i] * df(a.data[i], out.data[i]);
    },
  },
  softmax: {
    name: 'softmax',
    backward(out) {
      const [a] = out.inputs;
      const g = out.grad as Storage;
      const y = out.data;
      const ga = a.gradBuffer();
      for (let r = 0; r < a.rows; r++) {
        const row = r * a.cols;
        let dot = 0;
        for (let c = 0; c < a.cols; c++) dot += g[row + c] * y[row + c];
        for (let c = 0; c < a.cols; c++) ga[row + c] += y[row + c] * (g[row + c] - dot);
      }
    },
  },
} satisfies Record<string, GradRule>;

/** a + b, b of a's shape or a bias row [1, cols]. */
export function add(a: Tensor, b: Tensor): Tensor {
  const broadcast = rowBroadcast('add', a, b);
  const out = Tensor.result(a.rows, a.cols, a, [a, b], ELEMENTWISE_RULES.add);
  for (let i = 0; i < out.size; i++) out.data[i] = a.data[i] + b.data[broadcast ? i % a.cols : i];
  return out;
}

export function sub(a: Tensor, b: Tensor): Tensor {
  const broadcast = rowBroadcast('sub', a, b);
  const out = Tensor.result(a.rows, a.cols, a, [a, b], ELEMENTWISE_RULES.sub);
  for (let i = 0; i < out.size; i++) out.data[i] = a.data[i] - b.data[broadcast ? i % a.cols : i];
  return out;
}

export function mul(a: Tensor, b: Tensor): Tensor {
  const broadcast = rowBroadcast('mul', a, b);
  const out = Tensor.result(a.rows, a.cols, a, [a, b], ELEMENTWISE_RULES.mul);
  for (let i = 0; i < out.size; i++) out.data[i] = a.data[i] * b.data[broadcast ? i % a.cols : i];
  return out;
}

export function scale(a: Tensor, factor: number): Tensor {
  const out = Tensor.result(a.rows, a.cols, a, [a], ELEMENTWISE_RULES.scale, { scalar: factor });
  for (let i = 0; i < out.size; i++) out.data[i] = factor * a.data[i];
  return out;
}

/** a ⊙ m with a constant m of a's size (a dropout mask): gradients flow to a only. */
export function applyMask(a: Tensor, m: Storage): Tensor {
  if (m.length !== a.size)
    throw new RangeError(
      `applyMask: mask has ${m.length} values, tensor [${a.rows}, ${a.cols}] has ${a.size}`,
    );
  const out = Tensor.result(a.rows, a.cols, a, [a], ELEMENTWISE_RULES.mask, { values: m });
  for (let i = 0; i < out.size; i++) out.data[i] = a.data[i] * m[i];
  return out;
}

/** f(a) elementwise for a named activation ('linear' still makes a node, so graphs stay uniform). */
export function activation(a: Tensor, name: Activation): Tensor {
  const { f } = ACTIVATION_FNS[name];
  const out = Tensor.result(a.rows, a.cols, a, [a], ELEMENTWISE_RULES.activation, { activation: name });
  for (let i = 0; i < out.size; i++) out.data[i] = f(a.data[i]);
  return out;
}

export const relu = (a: Tensor): Tensor => activation(a, 'relu');
export const leakyRelu = (a: Tensor): Tensor => activation(a, 'leaky_relu');
export const tanh = (a: Tensor): Tensor => activation(a, 'tanh');
export const sigmoid = (a: Tensor): Tensor => activation(a, 'sigmoid');
export const gelu = (a: Tensor): Tensor => activation(a, 'gelu');
export const linear = (a: Tensor): Tensor => activation(a, 'linear');

/** Row-wise softmax, shifted by the row max so exp never overflows. */
export function softmax(a: Tensor): Tensor {
  const out = Tensor.result(a.rows, a.cols, a, [a], ELEMENTWISE_RULES.softmax);
  for (let r = 0; r < a.rows; r++) {
    const row = r * a.cols;
    let max = -Infinity;
    for (let c = 0; c < a.cols; c++) max = Math.max(max, a.data[row + c]);
    let sum = 0;
    for (let c = 0; c < a.cols; c++) {
      const e = Math.exp(a.data[row + c] - max);
      out.data[row + c] = e;
      sum += e;
    }
    for (let c = 0; c < a.cols; c++) out.data[row + c] /= sum;
  }
  return out;
}
