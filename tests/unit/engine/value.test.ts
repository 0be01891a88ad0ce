import { describe, expect, it } from 'vitest';
import { Value, sumValues } from '../../../src-shared/engine/reference/scalar/value';
import { Rng } from '../../../src-shared/engine/rng';

describe('Value: the reference numbers of DESIGN.md', () => {
  it('a=2, b=3, c=a*b, d=c+a, e=d^2', () => {
    const a = new Value(2);
    const b = new Value(3);
    const c = a.mul(b);
    const d = c.add(a);
    const e = d.pow(2);
    e.backward();
    expect(e.data).toBe(64);
    expect(d.grad).toBe(16);
    expect(c.grad).toBe(16);
    expect(a.grad).toBe(64);
    expect(b.grad).toBe(32);
  });

  it('relu passes gradient 1 above zero and 0 below', () => {
    const pos = new Value(3);
    pos.relu().backward();
    expect(pos.grad).toBe(1);
    const neg = new Value(-3);
    const out = neg.relu();
    out.backward();
    expect(out.data).toBe(0);
    expect(neg.grad).toBe(0);
  });

  it('a - b is built as a + (-1 * b)', () => {
    const a = new Value(5);
    const b = new Value(3);
    const c = a.sub(b);
    expect(c.data).toBe(2);
    expect(c.op).toBe('+');
    expect(c.children[1].op).toBe('*');
    expect(c.children[1].children[1].data).toBe(-1);
    c.backward();
    expect(a.grad).toBe(1);
    expect(b.grad).toBe(-1);
  });
});

describe('Value: gradients', () => {
  it('accumulate when a value is used more than once', () => {
    const a = new Value(3);
    const b = a.add(a); // db/da = 2
    b.backward();
    expect(a.grad).toBe(2);
    const x = new Value(-4);
    const y = x.mul(x).add(x.mul(3)); // dy/dx = 2x + 3 = -5
    y.backward();
    expect(x.grad).toBe(-5);
  });

  it('accept numbers wherever a Value is expected', () => {
    const a = new Value(2);
    const out = a.add(1).mul(3).sub(4).div(5); // ((a+1)*3-4)/5
    out.backward();
    expect(out.data).toBeCloseTo(1, 15);
    expect(a.grad).toBeCloseTo(0.6, 15);
  });

  type UnaryCase = [string, (v: Value) => Value, (x: number) => number, [number, number]];
  const unary: UnaryCase[] = [
    ['neg', (v) => v.neg(), (x) => -x, [-3, 3]],
    ['pow(3)', (v) => v.pow(3), (x) => x ** 3, [-2, 2]],
    ['pow(-1.5)', (v) => v.pow(-1.5), (x) => x ** -1.5, [0.3, 3]],
    ['pow(0.5)', (v) => v.pow(0.5), Math.sqrt, [0.2, 4]],
    ['exp', (v) => v.exp(), Math.exp, [-3, 3]],
    ['log', (v) => v.log(), Math.log, [0.1, 5]],
    ['relu', (v) => v.relu(), (x) => Math.max(0, x), [-3, 3]],
    ['leakyRelu', (v) => v.leakyRelu(), (x) => (x > 0 ? x : 0.01 * x), [-3, 3]],
    ['tanh', (v) => v.tanh(), Math.tanh, [-3, 3]],
    ['sigmoid', (v) => v.sigmoid(), (x) => 1 / (1 + Math.exp(-x)), [-6, 6]],
    ['gelu', (v) => v.gelu(), (x) => x * 0.5 * (1 + erfRef(x / Math.SQRT2)), [-4, 4]],
  ];

  /** erf by its Maclaurin series: plenty for |x| < 3 and independent of the engine's erf. */
  function erfRef(x: number): number {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }

  it.each(unary)(
    '%s: forward matches and gradient matches central differences',
    (_name, op, ref, [lo, hi]) => {
      const rng = new Rng(42);
      for (let k = 0; k < 50; k++) {
        const x = rng.uniform(lo, hi);
        if (Math.abs(x) < 1e-3) continue;
        const v = new Value(x);
        const out = op(v);
        out.backward();
        expect(out.data).toBeCloseTo(ref(x), 12);
        const h = 1e-6;
        const numeric = (op(new Value(x + h)).data - op(new Value(x - h)).data) / (2 * h);
        expect(Math.abs(v.grad - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
      }
    },
  );

  type BinaryCase = [string, (a: Value, b: Value) => Value, [number, number]];
  const binary: BinaryCase[] = [
    ['add', (a, b) => a.add(b), [-3, 3]],
    ['sub', (a, b) => a.sub(b), [-3, 3]],
    ['mul', (a, b) => a.mul(b), [-3, 3]],
    ['div', (a, b) => a.div(b), [0.5, 3]],
  ];

  it.each(binary)('%s: both operand gradients match central differences', (_name, op, [lo, hi]) => {
    const rng = new Rng(7);
    const h = 1e-6;
    for (let k = 0; k < 50; k++) {
      const x = rng.uniform(lo, hi);
      const y = rng.uniform(lo, hi);
      const a = new Value(x);
      const b = new Value(y);
      op(a, b).backward();
      const da =
        (op(new Value(x + h), new Value(y)).data - op(new Value(x - h), new Value(y)).data) / (2 * h);
      const db =
        (op(new Value(x), new Value(y + h)).data - op(new Value(x), new Value(y - h)).data) / (2 * h);
      expect(Math.abs(a.grad - da)).toBeLessThan(1e-7 * Math.max(1, Math.abs(da)));
      expect(Math.abs(b.grad - db)).toBeLessThan(1e-7 * Math.max(1, Math.abs(db)));
    }
  });

  it('a composite expression matches central differences for every input', () => {
    const rng = new Rng(3);
    const f = (v: Value[]) =>
      v[0]
        .mul(v[1])
        .tanh()
        .add(v[2].exp().log())
        .mul(v[0].sigmoid())
        .sub(v[1].div(v[2].pow(2).add(1)));
    for (let trial = 0; trial < 20; trial++) {
      const xs = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)];
      const vs = xs.map((x) => new Value(x));
      f(vs).backward();
      xs.forEach((_, i) => {
        const plus = xs.map((x, j) => new Value(j === i ? x + 1e-6 : x));
        const minus = xs.map((x, j) => new Value(j === i ? x - 1e-6 : x));
        const numeric = (f(plus).data - f(minus).data) / 2e-6;
        expect(Math.abs(vs[i].grad - numeric)).toBeLessThan(1e-7);
      });
    }
  });

  it('backward on a 200,000-node chain does not overflow the stack', () => {
    const x = new Value(1.5);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.relu().leakyRelu(); // y = x, dy/dx = 1
    expect(y.topologicalOrder()).toHaveLength(200_001);
    expect(() => y.backward()).not.toThrow();
    expect(x.grad).toBe(1);
  });

  it('sumValues adds a list (and an empty list is 0)', () => {
    const vs = [1, 2, 3].map((x) => new Value(x));
    const s = sumValues(vs);
    s.backward();
    expect(s.data).toBe(6);
    expect(vs.map((v) => v.grad)).toEqual([1, 1, 1]);
    expect(sumValues([]).data).toBe(0);
  });
});
