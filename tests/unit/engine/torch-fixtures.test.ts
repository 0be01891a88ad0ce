import { describe, expect, it } from 'vitest';
import { ACTIVATION_FNS } from '../../../src-shared/engine/activations';
import { TensorSequential } from '../../../src-shared/engine/reference/tensor/sequential';
import { createOptimizer } from '../../../src-shared/engine/optim';
import { erf, erfc } from '../../../src-shared/engine/special';
import { Tensor, type DType } from '../../../src-shared/engine/reference/tensor';
import {
  ACTIVATIONS,
  type DenseValues,
  type LossName,
  type MlpSpec,
  type OptimizerConfig,
} from '../../../src-shared/engine/types';
import { Value } from '../../../src-shared/engine/reference/scalar/value';
import { expectClose, torchFixture } from '../training/torch-fixtures';

interface NetCase {
  spec: MlpSpec;
  params: DenseValues[];
  x: number[];
  n: number;
  targets: number[];
}
interface LossGradCase extends NetCase {
  loss: LossName;
  activation: string;
  value: number;
  grads: { weight: number[]; bias: number[] }[];
}
interface OptimizerCase extends NetCase {
  label: string;
  config: OptimizerConfig;
  loss: LossName;
  losses: number[];
  after: DenseValues[];
}

const lossGrads = torchFixture<{ cases: LossGradCase[] }>('loss_grads.json').cases;
const optimizers = torchFixture<{ steps: number; cases: OptimizerCase[] }>('optimizers.json');
const activations = torchFixture<{
  x: number[];
  f: Record<string, number[]>;
  df: Record<string, number[]>;
  erf: { x: number[]; erf: number[]; erfc: number[] };
}>('activations.json');

function run(c: NetCase, loss: LossName, dtype: DType): { net: TensorSequential; value: number } {
  const net = new TensorSequential(c.spec, c.params, { dtype });
  const inputs = c.x.length / c.n;
  const { loss: value } = net.loss(Tensor.from(c.n, inputs, c.x, { dtype }), c.targets, loss);
  value.backward();
  return { net, value: value.item() };
}

/** Every layer's weight and bias gradient against PyTorch's, with expectClose's tolerances. */
function expectGradsClose(
  net: TensorSequential,
  grads: LossGradCase['grads'],
  rel: number,
  abs: number,
): void {
  net.layers.forEach((layer, l) => {
    for (const part of ['weight', 'bias'] as const)
      expectClose(layer[part].grad as ArrayLike<number>, grads[l][part], rel, abs, `layer ${l} ${part} grad`);
  });
}

describe('PyTorch fixtures: loss and every parameter gradient', () => {
  it('cover every loss × activation', () => {
    expect(lossGrads).toHaveLength(4 * ACTIVATIONS.length);
  });

  it.each(lossGrads.map((c) => [`${c.loss} × ${c.activation}`, c] as const))(
    '%s (float64, 1e-6 relative)',
    (_name, c) => {
      const { net, value } = run(c, c.loss, 'float64');
      expectClose([value], [c.value], 1e-6, 0, 'loss');
      expectGradsClose(net, c.grads, 1e-6, 1e-12);
    },
  );

  it.each(lossGrads.map((c) => [`${c.loss} × ${c.activation}`, c] as const))(
    '%s (float32, 1e-4)',
    (_name, c) => {
      const { net, value } = run(c, c.loss, 'float32');
      expectClose([value], [c.value], 1e-4, 1e-6, 'loss');
      const largest = Math.max(...c.grads.flatMap((g) => [...g.weight, ...g.bias].map(Math.abs)));
      expectGradsClose(net, c.grads, 1e-4, 1e-5 * largest);
    },
  );
});

describe(`PyTorch fixtures: parameters after ${optimizers.steps} optimizer steps`, () => {
  it('cover sgd, momentum, nesterov, adam, adamw and weight-decay variants', () => {
    const labels = optimizers.cases.map((c) => c.label);
    for (const needed of [
      'sgd',
      'sgd_weight_decay',
      'momentum',
      'nesterov',
      'adam',
      'adam_weight_decay',
      'adamw',
    ])
      expect(labels).toContain(needed);
  });

  it.each(optimizers.cases.map((c) => [c.label, c] as const))('%s', (_label, c) => {
    const net = new TensorSequential(c.spec, c.params);
    const optimizer = createOptimizer(net.paramSlots(), c.config);
    const x = Tensor.from(c.n, c.x.length / c.n, c.x);
    const losses: number[] = [];
    for (let step = 0; step < optimizers.steps; step++) {
      optimizer.zeroGrad();
      const { loss } = net.loss(x, c.targets, c.loss);
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    }
    expect(optimizer.steps).toBe(optimizers.steps);
    expectClose(losses, c.losses, 1e-6, 0, 'losses');
    net.layers.forEach((layer, l) => {
      expectClose(layer.weight.data, c.after[l].weight as number[], 1e-6, 1e-12, `layer ${l} weight`);
      expectClose(layer.bias.data, c.after[l].bias as number[], 1e-6, 1e-12, `layer ${l} bias`);
    });
  });
});

describe('PyTorch fixtures: activations and erf', () => {
  it.each([...ACTIVATIONS])('%s: value and derivative (ACTIVATION_FNS and Value)', (name) => {
    const { f, df } = ACTIVATION_FNS[name];
    const ys = activations.x.map(f);
    expectClose(ys, activations.f[name], 1e-12, 1e-15, `${name} f`);
    expectClose(
      activations.x.map((x, i) => df(x, ys[i])),
      activations.df[name],
      1e-12,
      1e-15,
      `${name} df`,
    );
    const viaValue = activations.x.map((x) => {
      const v = new Value(x);
      const out =
        name === 'linear'
          ? v.mul(1)
          : name === 'leaky_relu'
            ? v.leakyRelu()
            : v[name as 'relu' | 'tanh' | 'sigmoid' | 'gelu']();
      out.backward();
      return [out.data, v.grad];
    });
    expectClose(
      viaValue.map((p) => p[0]),
      activations.f[name],
      1e-12,
      1e-15,
      `Value ${name}`,
    );
    expectClose(
      viaValue.map((p) => p[1]),
      activations.df[name],
      1e-12,
      1e-15,
      `Value ${name} grad`,
    );
  });

  it('erf and erfc match Python math.erf / math.erfc to ~1e-15', () => {
    expectClose(activations.erf.x.map(erf), activations.erf.erf, 2e-15, 1e-300, 'erf');
    expectClose(activations.erf.x.map(erfc), activations.erf.erfc, 2e-14, 1e-300, 'erfc');
  });
});
