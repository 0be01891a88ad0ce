import { describe, expect, it } from 'vitest';
import { FastMlp, MlpTrainer, type TrainerOptions } from '../../../src-shared/engine/fast';
import { Rng } from '../../../src-shared/engine/rng';
import { ACTIVATIONS, type Activation, type LossName, type MlpSpec } from '../../../src-shared/engine/types';
import { forward64, loss64, type Params64 } from './reference';

const N = 6;
const INPUTS = 3;

function setup(hidden: Activation, loss: LossName, outputActivation: Activation, seed = 1) {
  const k = loss === 'bce' ? 2 : 3;
  const spec: MlpSpec = {
    inputSize: INPUTS,
    layers: [
      { units: 5, activation: hidden },
      { units: 4, activation: hidden },
      { units: k, activation: outputActivation },
    ],
  };
  const rng = new Rng(seed);
  const mlp = FastMlp.create(spec, 'pytorch', rng);
  const x = Float32Array.from({ length: N * INPUTS }, () => rng.uniform(-2, 2));
  const y =
    loss === 'cross_entropy'
      ? Float32Array.from({ length: N }, () => rng.int(k))
      : loss === 'bce'
        ? Float32Array.from({ length: N * k }, () => rng.int(2))
        : Float32Array.from({ length: N * k }, () => rng.uniform(-1, 1));
  return { spec, mlp, x, y };
}

function options(loss: LossName, extra: Partial<TrainerOptions> = {}): TrainerOptions {
  return {
    loss,
    optimizer: { name: 'sgd', lr: 0.1 },
    regularization: 'none',
    regRate: 0,
    dropout: 0,
    seed: 0,
    maxBatch: 8,
    backend: 'js',
    ...extra,
  };
}

/** Central differences in float64 on a float64 copy of the float32 parameters. */
function numericGradients(
  spec: MlpSpec,
  mlp: FastMlp,
  loss: LossName,
  x: Float32Array,
  y: Float32Array,
  reg: (p: Params64[]) => number,
) {
  const params: Params64[] = mlp.params.map((p) => ({
    weight: Float64Array.from(p.weight),
    bias: Float64Array.from(p.bias),
  }));
  const f = () => loss64(loss, forward64(spec, params, x, N), y) + reg(params);
  const h = 1e-6;
  return params.map((p) => {
    const grad = (arr: Float64Array) =>
      Float64Array.from(arr, (v, j) => {
        arr[j] = v + h;
        const up = f();
        arr[j] = v - h;
        const down = f();
        arr[j] = v;
        return (up - down) / (2 * h);
      });
    return { weight: grad(p.weight), bias: grad(p.bias) };
  });
}

function expectClose(actual: Float32Array, expected: Float64Array, what: string) {
  for (let j = 0; j < expected.length; j++) {
    const tol = 1e-4 + 1e-3 * Math.abs(expected[j]);
    if (Math.abs(actual[j] - expected[j]) > tol) {
      throw new Error(`${what}[${j}]: fused ${actual[j]} vs finite differences ${expected[j]}`);
    }
  }
}

const CASES: [Activation, LossName, Activation][] = [];
for (const hidden of ACTIVATIONS) {
  for (const loss of ['mse', 'sse', 'cross_entropy', 'bce'] as LossName[])
    CASES.push([hidden, loss, 'linear']);
}
// The output activation is back-propagated too (e.g. a tanh-bounded regression output).
CASES.push(['relu', 'mse', 'tanh'], ['tanh', 'sse', 'sigmoid'], ['gelu', 'mse', 'leaky_relu']);

describe('fused MLP gradients vs float64 finite differences', () => {
  it.each(CASES)('hidden %s, loss %s, output %s', (hidden, loss, outputActivation) => {
    const { spec, mlp, x, y } = setup(hidden, loss, outputActivation);
    const trainer = new MlpTrainer(mlp, options(loss));
    const batchLoss = trainer.computeGradients(x, y, N);
    const reference = loss64(
      loss,
      forward64(
        spec,
        mlp.params.map((p) => ({ weight: Float64Array.from(p.weight), bias: Float64Array.from(p.bias) })),
        x,
        N,
      ),
      y,
    );
    expect(batchLoss).toBeCloseTo(reference, 4);
    const numeric = numericGradients(spec, mlp, loss, x, y, () => 0);
    trainer.gradients.forEach((g, l) => {
      expectClose(g.weight, numeric[l].weight, `layer ${l} weight grad`);
      expectClose(g.bias, numeric[l].bias, `layer ${l} bias grad`);
    });
  });

  it.each([['l2'], ['l1']] as const)('adds the %s penalty to weight gradients only', (regularization) => {
    const { spec, mlp, x, y } = setup('tanh', 'mse', 'linear', 7);
    const regRate = 0.03;
    const trainer = new MlpTrainer(mlp, options('mse', { regularization, regRate }));
    trainer.computeGradients(x, y, N);
    // l2 is regRate/2·Σw² (gradient regRate·w), l1 is regRate·Σ|w|; biases are not penalised.
    const penalty = (params: Params64[]) =>
      params.reduce(
        (acc, p) =>
          acc +
          p.weight.reduce(
            (a, w) => a + (regularization === 'l2' ? (regRate / 2) * w * w : regRate * Math.abs(w)),
            0,
          ),
        0,
      );
    const numeric = numericGradients(spec, mlp, 'mse', x, y, penalty);
    trainer.gradients.forEach((g, l) => {
      expectClose(g.weight, numeric[l].weight, `layer ${l} weight grad`);
      expectClose(g.bias, numeric[l].bias, `layer ${l} bias grad`);
    });
  });

  it('trainRows gathers the same batch trainBatch gets', () => {
    const { mlp, x, y } = setup('relu', 'cross_entropy', 'linear');
    const twin = new FastMlp(
      mlp.spec,
      mlp.params.map((p) => ({ ...p, weight: p.weight.slice(), bias: p.bias.slice() })),
    );
    const perm = Int32Array.from([4, 1, 5, 0, 2, 3]);
    const gx = new Float32Array(4 * INPUTS);
    const gy = new Float32Array(4);
    for (let r = 0; r < 4; r++) {
      const src = perm[1 + r];
      gx.set(x.subarray(src * INPUTS, src * INPUTS + INPUTS), r * INPUTS);
      gy[r] = y[src];
    }
    const a = new MlpTrainer(mlp, options('cross_entropy'));
    const b = new MlpTrainer(twin, options('cross_entropy'));
    const lossA = a.trainRows({ x, y, n: N, inputSize: INPUTS }, perm, 1, 4);
    const lossB = b.trainBatch(gx, gy, 4);
    expect(lossA).toBe(lossB);
    mlp.params.forEach((p, l) => expect(Array.from(p.weight)).toEqual(Array.from(twin.params[l].weight)));
  });

  it('evaluate matches the float64 forward pass and counts argmax hits, in chunks of maxBatch', () => {
    const { spec, mlp, x, y } = setup('sigmoid', 'cross_entropy', 'linear', 3);
    const trainer = new MlpTrainer(mlp, options('cross_entropy', { maxBatch: 4 }));
    const result = trainer.evaluate(x, y, N);
    const outputs = forward64(
      spec,
      mlp.params.map((p) => ({ weight: Float64Array.from(p.weight), bias: Float64Array.from(p.bias) })),
      x,
      N,
    );
    expect(result.loss).toBeCloseTo(loss64('cross_entropy', outputs, y), 5);
    const hits = outputs.filter((o, r) => o.indexOf(Math.max(...o)) === y[r]).length;
    expect(result.correct).toBe(hits);
  });

  it('forward and predict agree with the float64 reference; softmax rows sum to 1', () => {
    const { spec, mlp, x } = setup('gelu', 'cross_entropy', 'linear', 5);
    const raw = mlp.forward(x, N);
    const ref = forward64(
      spec,
      mlp.params.map((p) => ({ weight: Float64Array.from(p.weight), bias: Float64Array.from(p.bias) })),
      x,
      N,
    );
    ref.forEach((row, r) => row.forEach((v, c) => expect(raw[r * 3 + c]).toBeCloseTo(v, 5)));
    const probs = mlp.predict(x, N, 'softmax');
    for (let r = 0; r < N; r++) expect(probs[r * 3] + probs[r * 3 + 1] + probs[r * 3 + 2]).toBeCloseTo(1, 6);
    const sig = mlp.predict(x, N, 'sigmoid');
    expect(sig[0]).toBeCloseTo(1 / (1 + Math.exp(-raw[0])), 6);
  });

  it('rejects batches larger than maxBatch and mismatched parameters with one-line errors', () => {
    const { mlp, x, y } = setup('relu', 'mse', 'linear');
    const trainer = new MlpTrainer(mlp, options('mse', { maxBatch: 4 }));
    expect(() => trainer.trainBatch(x, y, 6)).toThrow('a batch must have 1 to 4 rows (got 6)');
    expect(
      () =>
        new FastMlp({ inputSize: 2, layers: [{ units: 1, activation: 'linear' }] }, mlp.params.slice(0, 1)),
    ).toThrow(/layer 0/);
  });
});
