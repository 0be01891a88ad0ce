import { ACTIVATION_FNS } from '../../activations';
import { softmaxRow } from '../../losses';
import type { Activation } from '../../types';
import { Tensor, assertSameShape, gradRule, type GradRule, type Storage } from './tensor';

/* Elementwise ops, each with its gradient rule right above it (G = out.grad, y = out.data). */

/**
 * `b` may have a's shape, or be one row [1, cols] that is added to every row of a (a bias).
 * Returns true for the broadcast case.
 */
function rowBroadcast(op: string, a: Tensor, b: Tensor): boolean {
  if (b.rows === 1 && a.rows !== 1 && b.cols === a.cols) return true;
  assertSameShape(op, a, b);
  return false;
}

/** What a binary op's rule needs: whether b was a broadcast row. */
interface BinarySaved {
  broadcast: boolean;
}

/** factor·g, summed over the rows into one row when the operand was broadcast. */
function reduceTo(g: Storage, cols: number, broadcast: boolean, factor: number): Float64Array {
  const out = new Float64Array(broadcast ? cols : g.length);
  for (let i = 0; i < g.length; i++) out[broadcast ? i % cols : i] += factor * g[i];
  return out;
}

function binary(
  a: Tensor,
  b: Tensor,
  rule: GradRule<BinarySaved>,
  f: (x: number, y: number) => number,
): Tensor {
  const broadcast = rowBroadcast(rule.name, a, b);
  const out = Tensor.result(a.rows, a.cols, a, [a, b], rule, { broadcast });
  for (let i = 0; i < out.size; i++) out.data[i] = f(a.data[i], b.data[broadcast ? i % a.cols : i]);
  return out;
}

/** a + b:  da = G,  db = G (summed over rows if b is a broadcast row) */
const ADD = gradRule<BinarySaved>('add', (g, out, { broadcast }) => [
  reduceTo(g, out.cols, false, 1),
  reduceTo(g, out.cols, broadcast, 1),
]);

/** a + b, b of a's shape or a bias row [1, cols]. */
export function add(a: Tensor, b: Tensor): Tensor {
  return binary(a, b, ADD, (x, y) => x + y);
}

/** a − b:  da = G,  db = −G (idem) */
const SUB = gradRule<BinarySaved>('sub', (g, out, { broadcast }) => [
  reduceTo(g, out.cols, false, 1),
  reduceTo(g, out.cols, broadcast, -1),
]);

export function sub(a: Tensor, b: Tensor): Tensor {
  return binary(a, b, SUB, (x, y) => x - y);
}

/** a ⊙ b:  da = G ⊙ b,  db = G ⊙ a (idem) */
const MUL = gradRule<BinarySaved>('mul', (g, out, { broadcast }) => {
  const [a, b] = out.inputs;
  const { cols } = a;
  const da = new Float64Array(a.size);
  const db = new Float64Array(b.size);
  for (let i = 0; i < g.length; i++) {
    const j = broadcast ? i % cols : i;
    da[i] = g[i] * b.data[j];
    db[j] += g[i] * a.data[i];
  }
  return [da, db];
});

export function mul(a: Tensor, b: Tensor): Tensor {
  return binary(a, b, MUL, (x, y) => x * y);
}

/** c·a:  da = c·G */
const SCALE = gradRule<{ factor: number }>('scale', (g, out, { factor }) => [
  reduceTo(g, out.cols, false, factor),
]);

export function scale(a: Tensor, factor: number): Tensor {
  const out = Tensor.result(a.rows, a.cols, a, [a], SCALE, { factor });
  for (let i = 0; i < out.size; i++) out.data[i] = factor * a.data[i];
  return out;
}

/** a ⊙ m, m constant (a dropout mask):  da = G ⊙ m */
const MASK = gradRule<{ mask: Storage }>('mask', (g, _out, { mask }) => {
  const da = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) da[i] = g[i] * mask[i];
  return [da];
});

/** a ⊙ m with a constant m of a's size (a dropout mask): gradients flow to a only. */
export function applyMask(a: Tensor, m: Storage): Tensor {
  if (m.length !== a.size)
    throw new RangeError(
      `applyMask: mask has ${m.length} values, tensor [${a.rows}, ${a.cols}] has ${a.size}`,
    );
  const out = Tensor.result(a.rows, a.cols, a, [a], MASK, { mask: m });
  for (let i = 0; i < out.size; i++) out.data[i] = a.data[i] * m[i];
  return out;
}

/** f(a):  da = G ⊙ f′(a, y)  (f and f′ from ACTIVATION_FNS, the one table) */
const ACTIVATION = gradRule<{ activation: Activation }>('activation', (g, out, { activation }) => {
  const [a] = out.inputs;
  const { df } = ACTIVATION_FNS[activation];
  const da = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) da[i] = g[i] * df(a.data[i], out.data[i]);
  return [da];
});

/** f(a) elementwise for a named activation ('linear' still makes a node, so graphs stay uniform). */
export function activation(a: Tensor, name: Activation): Tensor {
  const { f } = ACTIVATION_FNS[name];
  const out = Tensor.result(a.rows, a.cols, a, [a], ACTIVATION, { activation: name });
  for (let i = 0; i < out.size; i++) out.data[i] = f(a.data[i]);
  return out;
}

export const relu = (a: Tensor): Tensor => activation(a, 'relu');
export const leakyRelu = (a: Tensor): Tensor => activation(a, 'leaky_relu');
export const tanh = (a: Tensor): Tensor => activation(a, 'tanh');
export const sigmoid = (a: Tensor): Tensor => activation(a, 'sigmoid');
export const gelu = (a: Tensor): Tensor => activation(a, 'gelu');
export const linear = (a: Tensor): Tensor => activation(a, 'linear');

/** softmax per row:  da = y ⊙ (G − Σ_row G⊙y) */
const SOFTMAX = gradRule('softmax', (g, out) => {
  const y = out.data;
  const da = new Float64Array(g.length);
  for (let r = 0; r < out.rows; r++) {
    const row = r * out.cols;
    let dot = 0;
    for (let c = 0; c < out.cols; c++) dot += g[row + c] * y[row + c];
    for (let c = 0; c < out.cols; c++) da[row + c] = y[row + c] * (g[row + c] - dot);
  }
  return [da];
});

/** Row-wise softmax (softmaxRow of ../../losses.ts, the one definition). */
export function softmax(a: Tensor): Tensor {
  const out = Tensor.result(a.rows, a.cols, a, [a], SOFTMAX, undefined);
  const exps = new Float64Array(a.cols);
  for (let r = 0; r < a.rows; r++) softmaxRow(a.data, r * a.cols, a.cols, exps, out.data, r * a.cols, 1);
  return out;
}

export const ELEMENTWISE_RULES = {
  add: ADD,
  sub: SUB,
  mul: MUL,
  scale: SCALE,
  mask: MASK,
  activation: ACTIVATION,
  softmax: SOFTMAX,
};
