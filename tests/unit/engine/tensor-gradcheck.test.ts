import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src-shared/engine/rng';
import { ACTIVATIONS } from '../../../src-shared/engine/types';
import * as T from '../../../src-shared/engine/reference/tensor';
import { GRAD_RULES, Tensor } from '../../../src-shared/engine/reference/tensor';

/**
 * Central-difference gradient check (float64) for one op: inputs are random leaves, the op's
 * output is contracted with a random constant R (seeding backward with R), so the checked
 * scalar is Σ R ⊙ op(inputs) and every output element contributes.
 */
function gradCheck(
  build: (inputs: Tensor[]) => Tensor,
  shapes: [number, number][],
  rng: Rng,
  sample: (rng: Rng) => number = (r) => r.uniform(-2, 2),
): number {
  const values = shapes.map(([r, c]) => Array.from({ length: r * c }, () => sample(rng)));
  const leaves = shapes.map(([r, c], k) => Tensor.from(r, c, values[k], { requiresGrad: true }));
  const out = build(leaves);
  const seed = Array.from({ length: out.size }, () => rng.uniform(-1, 1));
  out.backward(seed);
  const objective = (vals: number[][]): number => {
    const o = build(shapes.map(([r, c], k) => Tensor.from(r, c, vals[k])));
    let s = 0;
    for (let i = 0; i < o.size; i++) s += seed[i] * o.data[i];
    return s;
  };
  let worst = 0;
  const h = 1e-6;
  values.forEach((vals, k) => {
    for (let i = 0; i < vals.length; i++) {
      const plus = values.map((v) => [...v]);
      const minus = values.map((v) => [...v]);
      plus[k][i] += h;
      minus[k][i] -= h;
      const numeric = (objective(plus) - objective(minus)) / (2 * h);
      const analytic = (leaves[k].grad as Float64Array)[i];
      worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric)));
    }
  });
  return worst;
}

/** Values kept away from 0 so kinks (relu, |x|) are never straddled by ±h. */
const awayFromZero = (r: Rng): number => (r.next() < 0.5 ? -1 : 1) * r.uniform(0.05, 2);

interface Case {
  op: string;
  label: string;
  build: (t: Tensor[]) => Tensor;
  shapes: [number, number][];
  sample?: (r: Rng) => number;
}

const labels = [2, 0, 1, 2];
const cases: Case[] = [
  {
    op: 'matmul',
    label: 'matmul',
    build: ([a, b]) => T.matmul(a, b),
    shapes: [
      [3, 4],
      [4, 5],
    ],
  },
  {
    op: 'matmul_nt',
    label: 'matmulNT',
    build: ([a, b]) => T.matmulNT(a, b),
    shapes: [
      [3, 4],
      [5, 4],
    ],
  },
  {
    op: 'matmul_tn',
    label: 'matmulTN',
    build: ([a, b]) => T.matmulTN(a, b),
    shapes: [
      [4, 3],
      [4, 5],
    ],
  },
  {
    op: 'add',
    label: 'add',
    build: ([a, b]) => T.add(a, b),
    shapes: [
      [3, 4],
      [3, 4],
    ],
  },
  {
    op: 'add',
    label: 'add bias row',
    build: ([a, b]) => T.add(a, b),
    shapes: [
      [3, 4],
      [1, 4],
    ],
  },
  {
    op: 'sub',
    label: 'sub',
    build: ([a, b]) => T.sub(a, b),
    shapes: [
      [3, 4],
      [3, 4],
    ],
  },
  {
    op: 'sub',
    label: 'sub bias row',
    build: ([a, b]) => T.sub(a, b),
    shapes: [
      [3, 4],
      [1, 4],
    ],
  },
  {
    op: 'mul',
    label: 'mul',
    build: ([a, b]) => T.mul(a, b),
    shapes: [
      [3, 4],
      [3, 4],
    ],
  },
  {
    op: 'mul',
    label: 'mul row',
    build: ([a, b]) => T.mul(a, b),
    shapes: [
      [3, 4],
      [1, 4],
    ],
  },
  { op: 'scale', label: 'scale', build: ([a]) => T.scale(a, -1.7), shapes: [[3, 4]] },
  {
    op: 'mask',
    label: 'applyMask',
    build: ([a]) => T.applyMask(a, Float64Array.from([0, 2, 2, 0, 2, 0])),
    shapes: [[2, 3]],
  },
  ...ACTIVATIONS.map((name): Case => ({
    op: 'activation',
    label: `activation ${name}`,
    build: ([a]) => T.activation(a, name),
    shapes: [[3, 4]],
    sample: awayFromZero,
  })),
  { op: 'softmax', label: 'softmax', build: ([a]) => T.softmax(a), shapes: [[3, 5]] },
  { op: 'sum', label: 'sum', build: ([a]) => T.sum(a), shapes: [[3, 4]] },
  { op: 'mean', label: 'mean', build: ([a]) => T.mean(a), shapes: [[3, 4]] },
  { op: 'sum_squares', label: 'sumSquares', build: ([a]) => T.sumSquares(a), shapes: [[3, 4]] },
  { op: 'sum_abs', label: 'sumAbs', build: ([a]) => T.sumAbs(a), shapes: [[3, 4]], sample: awayFromZero },
  {
    op: 'mse',
    label: 'mseLoss',
    build: ([p]) => T.mseLoss(p, [0.5, -1, 2, 0, 1, 1, -0.5, 0.25]),
    shapes: [[4, 2]],
  },
  {
    op: 'sse',
    label: 'sseLoss',
    build: ([p]) => T.sseLoss(p, [0.5, -1, 2, 0, 1, 1, -0.5, 0.25]),
    shapes: [[4, 2]],
  },
  {
    op: 'cross_entropy',
    label: 'crossEntropyLoss',
    build: ([p]) => T.crossEntropyLoss(p, labels),
    shapes: [[4, 3]],
  },
  {
    op: 'bce',
    label: 'bceWithLogitsLoss',
    build: ([p]) => T.bceWithLogitsLoss(p, [1, 0, 0, 1, 1, 1, 0, 0]),
    shapes: [[4, 2]],
  },
];

describe('tensor ops: gradients vs central finite differences (float64)', () => {
  it('every rule in GRAD_RULES has a case below', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(Object.keys(GRAD_RULES)));
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const rng = new Rng(c.label.length * 7919);
    for (let trial = 0; trial < 3; trial++)
      expect(gradCheck(c.build, c.shapes, rng, c.sample)).toBeLessThan(1e-7);
  });

  it('an operand used twice accumulates both contributions (x·xᵀ, relu(x)+x)', () => {
    const rng = new Rng(5);
    expect(gradCheck(([a]) => T.matmulNT(a, a), [[3, 4]], rng)).toBeLessThan(1e-7);
    expect(gradCheck(([a]) => T.add(T.relu(a), a), [[3, 4]], rng, awayFromZero)).toBeLessThan(1e-7);
  });

  it('a deep composite (2-layer MLP + cross-entropy) checks out end to end', () => {
    const rng = new Rng(11);
    const build = ([x, w1, b1, w2, b2]: Tensor[]) =>
      T.crossEntropyLoss(T.add(T.matmulNT(T.tanh(T.add(T.matmulNT(x, w1), b1)), w2), b2), [0, 2, 1]);
    expect(
      gradCheck(
        build,
        [
          [3, 4],
          [5, 4],
          [1, 5],
          [3, 5],
          [1, 3],
        ],
        rng,
      ),
    ).toBeLessThan(1e-7);
  });
});

describe('tensor ops: forward values', () => {
  it('matmul kernels agree with a naive triple loop, including the transposed forms', () => {
    const rng = new Rng(1);
    const a = Tensor.from(
      3,
      4,
      Array.from({ length: 12 }, () => rng.uniform(-1, 1)),
    );
    const b = Tensor.from(
      4,
      2,
      Array.from({ length: 8 }, () => rng.uniform(-1, 1)),
    );
    const naive = (i: number, j: number) =>
      [0, 1, 2, 3].reduce((s, p) => s + a.data[i * 4 + p] * b.data[p * 2 + j], 0);
    const c = T.matmul(a, b);
    const bt = Tensor.from(
      2,
      4,
      [0, 1, 2, 3, 0, 1, 2, 3].map((p, k) => b.data[p * 2 + (k < 4 ? 0 : 1)]),
    );
    const at = Tensor.from(
      4,
      3,
      Array.from({ length: 12 }, (_, k) => a.data[(k % 3) * 4 + Math.floor(k / 3)]),
    );
    const cNT = T.matmulNT(a, bt);
    const cTN = T.matmulTN(at, b);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 2; j++) {
        expect(c.data[i * 2 + j]).toBeCloseTo(naive(i, j), 14);
        expect(cNT.data[i * 2 + j]).toBeCloseTo(naive(i, j), 14);
        expect(cTN.data[i * 2 + j]).toBeCloseTo(naive(i, j), 14);
      }
  });

  it('losses match their definitions by hand', () => {
    const p = Tensor.from(2, 2, [1, 2, 3, 4]);
    expect(T.mseLoss(p, [0, 2, 3, 2]).item()).toBe((1 + 0 + 0 + 4) / 4);
    expect(T.sseLoss(p, [0, 2, 3, 2]).item()).toBe(5);
    const lse = (a: number, b: number) => Math.log(Math.exp(a) + Math.exp(b));
    expect(T.crossEntropyLoss(p, [1, 0]).item()).toBeCloseTo((lse(1, 2) - 2 + lse(3, 4) - 3) / 2, 14);
    const bce = (z: number, y: number) =>
      -(y * Math.log(1 / (1 + Math.exp(-z))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-z))));
    expect(T.bceWithLogitsLoss(p, [1, 0, 0, 1]).item()).toBeCloseTo(
      (bce(1, 1) + bce(2, 0) + bce(3, 0) + bce(4, 1)) / 4,
      14,
    );
  });

  it('cross-entropy and softmax stay finite for huge logits (log-sum-exp)', () => {
    const p = Tensor.from(1, 3, [1000, 0, -1000], { requiresGrad: true });
    const loss = T.crossEntropyLoss(p, [1]);
    expect(loss.item()).toBeCloseTo(1000, 10);
    loss.backward();
    expect(Array.from(p.grad as Float64Array)).toEqual([1, -1, 0]);
    expect(Array.from(T.softmax(p).data)).toEqual([1, 0, 0]);
    expect(T.bceWithLogitsLoss(Tensor.from(1, 2, [800, -800]), [0, 1]).item()).toBeCloseTo(800, 10);
  });

  it('rejects bad shapes and labels with one-line messages', () => {
    const a = Tensor.zeros(2, 3);
    expect(() => T.matmul(a, Tensor.zeros(2, 3))).toThrow('matmul: inner sizes differ ([2, 3] and [2, 3])');
    expect(() => T.add(a, Tensor.zeros(2, 2))).toThrow('add: shapes [2, 3] and [2, 2] differ');
    expect(() => T.crossEntropyLoss(a, [0, 3])).toThrow(
      'cross_entropy: label 3 in row 1 is not a class index 0..2',
    );
    expect(() => T.mseLoss(a, [1, 2])).toThrow('mse: 2 targets for predictions [2, 3] (need 6)');
    expect(() => a.backward()).toThrow(/needs a \[1, 1\] tensor/);
  });

  it('float32 storage stays float32 through every op', () => {
    const x = Tensor.from(2, 2, [1, 2, 3, 4], { dtype: 'float32', requiresGrad: true });
    const y = T.mean(T.gelu(T.add(T.matmulNT(x, x), x)));
    expect(y.data).toBeInstanceOf(Float32Array);
    y.backward();
    expect(x.grad).toBeInstanceOf(Float32Array);
  });

  it('leaf grads accumulate across backward calls and zeroGrad resets them', () => {
    const x = Tensor.from(1, 2, [1, 2], { requiresGrad: true });
    T.sum(x).backward();
    T.sum(x).backward();
    expect(Array.from(x.grad as Float64Array)).toEqual([2, 2]);
    x.zeroGrad();
    expect(Array.from(x.grad as Float64Array)).toEqual([0, 0]);
  });

  it('backward over a 50,000-op chain does not overflow the stack', () => {
    const x = Tensor.from(1, 1, [0.5], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 50_000; i++) y = T.scale(y, 1);
    y.backward();
    expect(x.grad?.[0]).toBe(1);
  });
});
