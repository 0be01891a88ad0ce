import { describe, expect, it } from 'vitest';
import { FastMlp, MlpTrainer } from '../../../src-shared/engine/fast';
import { TensorSequential } from '../../../src-shared/engine/reference/tensor/sequential';
import { initDenseParams } from '../../../src-shared/engine/init';
import { createOptimizer } from '../../../src-shared/engine/optim';
import { Rng } from '../../../src-shared/engine/rng';
import { Tensor } from '../../../src-shared/engine/reference/tensor';
import {
  ACTIVATIONS,
  LOSSES,
  type Activation,
  type DenseParams,
  type LossName,
  type MlpSpec,
  type OptimizerConfig,
  type Regularization,
} from '../../../src-shared/engine/types';

/**
 * Cross-check of the fused fast path (engine/fast, what every host trains with) against the
 * graph-building tensor path (itself checked against the scalar engine and PyTorch): the same
 * float32 parameters, batch, loss, optimizer, regularization and dropout seed must give the same
 * losses and parameters after a few steps, up to float32 rounding.
 */

const OPTIMIZERS: Record<string, OptimizerConfig> = {
  sgd: { name: 'sgd', lr: 0.1 },
  nesterov: { name: 'momentum', lr: 0.05, momentum: 0.9, nesterov: true },
  adam: { name: 'adam', lr: 0.01 },
  adamw: { name: 'adamw', lr: 0.01, weightDecay: 0.1 },
};

interface Setup {
  loss: LossName;
  activation: Activation;
  optimizer: OptimizerConfig;
  regularization?: Regularization;
  regRate?: number;
  dropout?: number;
  backend?: 'js' | 'auto';
}

const STEPS = 3;
const N = 6;
const INPUTS = 3;

function problem(s: Setup, seed: number) {
  const rng = new Rng(seed);
  const outputs = s.loss === 'cross_entropy' ? 3 : 2;
  const spec: MlpSpec = {
    inputSize: INPUTS,
    layers: [
      { units: 5, activation: s.activation },
      { units: 4, activation: s.activation },
      { units: outputs, activation: 'linear' },
    ],
  };
  const params: DenseParams[] = [];
  let inSize = INPUTS;
  for (const layer of spec.layers) {
    params.push(initDenseParams(inSize, layer.units, 'pytorch', rng));
    inSize = layer.units;
  }
  const x = Float32Array.from({ length: N * INPUTS }, () => rng.uniform(-1.5, 1.5));
  const y =
    s.loss === 'cross_entropy'
      ? Float32Array.from({ length: N }, () => rng.int(outputs))
      : Float32Array.from({ length: N * outputs }, () =>
          s.loss === 'bce' ? rng.int(2) : rng.uniform(-1, 1),
        );
  return { spec, params, x, y };
}

const copyParams = (params: DenseParams[]): DenseParams[] =>
  params.map((p) => ({ ...p, weight: p.weight.slice(), bias: p.bias.slice() }));

function runFast(s: Setup, seed: number) {
  const { spec, params, x, y } = problem(s, seed);
  const trainer = new MlpTrainer(new FastMlp(spec, copyParams(params)), {
    loss: s.loss,
    optimizer: s.optimizer,
    regularization: s.regularization ?? 'none',
    regRate: s.regRate ?? 0,
    dropout: s.dropout ?? 0,
    seed: 77,
    maxBatch: N,
    backend: s.backend ?? 'js',
  });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) losses.push(trainer.trainBatch(x, y, N));
  return { losses, params: trainer.mlp.params.flatMap((p) => [Array.from(p.weight), Array.from(p.bias)]) };
}

function runTensor(s: Setup, seed: number) {
  const { spec, params, x, y } = problem(s, seed);
  const net = new TensorSequential(spec, params, {
    dtype: 'float32',
    regularization: s.regularization,
    regRate: s.regRate,
    dropout: s.dropout,
    seed: 77,
  });
  const optimizer = createOptimizer(net.paramSlots(), s.optimizer);
  const input = Tensor.from(N, INPUTS, x, { dtype: 'float32' });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    optimizer.zeroGrad();
    const { loss, objective } = net.loss(input, y, s.loss);
    objective.backward();
    optimizer.step();
    losses.push(loss.item());
  }
  return { losses, params: net.parameters().map((p) => p.toArray()) };
}

function compare(s: Setup, seed: number): void {
  const fast = runFast(s, seed);
  const ref = runTensor(s, seed);
  fast.losses.forEach((l, i) =>
    expect(Math.abs(l - ref.losses[i]), `loss at step ${i}`).toBeLessThanOrEqual(
      1e-4 * Math.abs(ref.losses[i]) + 1e-6,
    ),
  );
  const scale = Math.max(...ref.params.flat().map(Math.abs));
  fast.params.forEach((values, k) =>
    values.forEach((v, i) => {
      const r = ref.params[k][i];
      if (Math.abs(v - r) > 1e-4 * Math.abs(r) + 1e-5 * scale)
        expect.fail(`param slot ${k}[${i}]: fast ${v} vs tensor ${r}`);
    }),
  );
  // the run must actually have moved the parameters, or the comparison proves nothing
  const start = problem(s, seed).params.flatMap((p) => [Array.from(p.weight), Array.from(p.bias)]);
  expect(ref.params.some((values, k) => values.some((v, i) => v !== start[k][i]))).toBe(true);
}

describe('fast MlpTrainer vs TensorSequential (float32, 3 steps)', () => {
  for (const loss of LOSSES)
    for (const activation of ACTIVATIONS)
      for (const [name, optimizer] of Object.entries(OPTIMIZERS)) {
        it(`${loss} × ${activation} × ${name}`, () =>
          compare(
            { loss, activation, optimizer },
            LOSSES.indexOf(loss) * 100 + ACTIVATIONS.indexOf(activation),
          ));
      }

  it.each(['l1', 'l2'] as const)('%s regularization', (regularization) => {
    for (const loss of LOSSES)
      compare({ loss, activation: 'tanh', optimizer: OPTIMIZERS.sgd, regularization, regRate: 0.05 }, 5);
  });

  it('dropout with the same seed draws the same masks', () => {
    for (const activation of ['relu', 'tanh'] as const)
      compare({ loss: 'mse', activation, optimizer: OPTIMIZERS.adam, dropout: 0.3 }, 9);
  });

  it("the 'auto' backend (WebAssembly SIMD where available) agrees too", () => {
    for (const loss of LOSSES)
      compare({ loss, activation: 'relu', optimizer: OPTIMIZERS.adam, backend: 'auto' }, 11);
  });
});
