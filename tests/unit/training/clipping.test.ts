import { describe, expect, it } from 'vitest';
import { TensorSequential, Tensor, clipGradNorm, createOptimizer } from '../../../src-shared/engine';
import { FastMlp, MlpTrainer, type TrainerOptions } from '../../../src-shared/engine/fast';
import type { DenseValues, LossName, MlpSpec, OptimizerConfig } from '../../../src-shared/engine/types';
import { expectClose, torchFixture } from './torch-fixtures';

interface ClipCase {
  label: string;
  config: OptimizerConfig;
  maxNorm: number;
  loss: LossName;
  spec: MlpSpec;
  params: DenseValues[];
  x: number[];
  n: number;
  targets: number[];
  losses: number[];
  norms: number[];
  after: DenseValues[];
}

const fixture = torchFixture<{ steps: number; cases: ClipCase[] }>('clipping.json');
const byLabel = fixture.cases.map((c) => [c.label, c] as const);

/** The fast trainer from the case's starting parameters (in float32), one full batch per step. */
function fastTrainer(c: ClipCase, options: Pick<TrainerOptions, 'clipGradNorm' | 'backend'>): MlpTrainer {
  const params = c.params.map((p) => ({
    inSize: p.inSize,
    outSize: p.outSize,
    weight: Float32Array.from(p.weight),
    bias: Float32Array.from(p.bias),
  }));
  return new MlpTrainer(new FastMlp(c.spec, params), {
    loss: c.loss,
    optimizer: c.config,
    regularization: 'none',
    regRate: 0,
    dropout: 0,
    seed: 0,
    maxBatch: c.n,
    ...options,
  });
}

describe('gradient clipping against torch.nn.utils.clip_grad_norm_', () => {
  it('the fixture has clipped and unclipped steps', () => {
    const clipped = fixture.cases.filter((c) => c.norms.some((n) => n > c.maxNorm));
    expect(clipped.length).toBeGreaterThanOrEqual(3);
    expect(fixture.cases.some((c) => c.norms.every((n) => n < c.maxNorm))).toBe(true);
  });

  it.each(byLabel)('%s: float64 reference engine', (_label, c) => {
    const net = new TensorSequential(c.spec, c.params);
    const slots = net.paramSlots();
    const optimizer = createOptimizer(slots, c.config);
    const x = Tensor.from(c.n, c.x.length / c.n, c.x);
    const losses: number[] = [];
    const norms: number[] = [];
    for (let step = 0; step < fixture.steps; step++) {
      optimizer.zeroGrad();
      const { loss } = net.loss(x, c.targets, c.loss);
      loss.backward();
      norms.push(clipGradNorm(slots, c.maxNorm));
      optimizer.step();
      losses.push(loss.item());
    }
    expectClose(norms, c.norms, 1e-9, 0, 'norms');
    expectClose(losses, c.losses, 1e-9, 0, 'losses');
    net.layers.forEach((layer, l: number) => {
      expectClose(layer.weight.data, c.after[l].weight as number[], 1e-9, 1e-12, `layer ${l} weight`);
      expectClose(layer.bias.data, c.after[l].bias as number[], 1e-9, 1e-12, `layer ${l} bias`);
    });
  });

  for (const backend of ['js', 'wasm'] as const) {
    it.each(byLabel)(`%s: fast trainer (${backend} kernels), float32`, (_label, c) => {
      const trainer = fastTrainer(c, { clipGradNorm: c.maxNorm, backend });
      const x = Float32Array.from(c.x);
      const y = Float32Array.from(c.targets);
      const losses: number[] = [];
      const norms: number[] = [];
      for (let step = 0; step < fixture.steps; step++) {
        losses.push(trainer.trainBatch(x, y, c.n));
        norms.push(trainer.lastGradNorm);
      }
      expectClose(norms, c.norms, 1e-5, 1e-6, 'norms');
      expectClose(losses, c.losses, 1e-5, 1e-6, 'losses');
      trainer.mlp.params.forEach((p, l) => {
        expectClose(p.weight, c.after[l].weight as number[], 0, 1e-6, `layer ${l} weight`);
        expectClose(p.bias, c.after[l].bias as number[], 0, 1e-6, `layer ${l} bias`);
      });
    });
  }

  it('without clipping the fast trainer does not measure the norm (the unclipped path is unchanged)', () => {
    const c = fixture.cases[0];
    const trainer = fastTrainer(c, {});
    trainer.trainBatch(Float32Array.from(c.x), Float32Array.from(c.targets), c.n);
    expect(trainer.lastGradNorm).toBeNaN();
  });
});
