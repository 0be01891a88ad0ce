import { describe, expect, it } from 'vitest';
import { FastMlp, MlpTrainer, type TrainerOptions } from '../../../src-shared/engine/fast';
import { anchorDenseParams } from '../../../src-shared/engine/init';
import { Rng, identityPermutation } from '../../../src-shared/engine/rng';
import type { MlpSpec, OptimizerName } from '../../../src-shared/engine/types';

const XOR_X = Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]);
const XOR_Y = Float32Array.from([0, 1, 1, 0]);
const XOR_SPEC: MlpSpec = {
  inputSize: 2,
  layers: [
    { units: 8, activation: 'relu' },
    { units: 1, activation: 'linear' },
  ],
};

function xorTrainer(seed: number, options: Partial<TrainerOptions> = {}) {
  const rng = new Rng(seed);
  const mlp = new FastMlp(XOR_SPEC, [anchorDenseParams(2, 8, 1, rng), anchorDenseParams(8, 1, 1, rng)]);
  return new MlpTrainer(mlp, {
    loss: 'mse',
    optimizer: { name: 'sgd', lr: 0.05 },
    regularization: 'none',
    regRate: 0,
    dropout: 0,
    seed: 0,
    maxBatch: 4,
    ...options,
  });
}

describe('training with the fast path', () => {
  it('drives the XOR loss (seed set-up: U(-1,1), MSE, SGD 0.05) from ~0.3 to ~0 in 1000 steps', () => {
    const trainer = xorTrainer(0);
    const first = trainer.trainBatch(XOR_X, XOR_Y, 4);
    let loss = first;
    for (let epoch = 1; epoch < 1000; epoch++) loss = trainer.trainBatch(XOR_X, XOR_Y, 4);
    expect(first).toBeGreaterThan(0.1);
    expect(loss).toBeLessThan(1e-6);
    expect(trainer.evaluate(XOR_X, XOR_Y, 4).loss).toBeLessThan(1e-6);
    const out = trainer.mlp.forward(XOR_X, 4);
    expect(Array.from(out, (v) => Math.round(v))).toEqual([0, 1, 1, 0]);
  });

  it('learns XOR with the sum-of-squares loss (the seed) too, its loss 4x the mean all the way', () => {
    const sse = xorTrainer(0, { loss: 'sse', optimizer: { name: 'sgd', lr: 0.0125 } });
    const mse = xorTrainer(0);
    const first = sse.trainBatch(XOR_X, XOR_Y, 4);
    mse.trainBatch(XOR_X, XOR_Y, 4);
    for (let epoch = 1; epoch < 1000; epoch++) {
      const a = sse.trainBatch(XOR_X, XOR_Y, 4);
      const b = mse.trainBatch(XOR_X, XOR_Y, 4);
      // The gradient is 4x larger and the lr 4x smaller: the same steps, so the losses stay 4:1.
      if (epoch % 100 === 0) expect(a / b, `epoch ${epoch}`).toBeCloseTo(4, 6);
    }
    expect(first).toBeGreaterThan(0.4);
    expect(sse.evaluate(XOR_X, XOR_Y, 4).loss).toBeLessThan(4e-6);
    expect(Array.from(sse.mlp.forward(XOR_X, 4), (v) => Math.round(v))).toEqual([0, 1, 1, 0]);
  });

  function runAdamWithDropout(dropoutSeed: number, optimizer: OptimizerName = 'adam') {
    const spec: MlpSpec = {
      inputSize: 2,
      layers: [
        { units: 16, activation: 'tanh' },
        { units: 16, activation: 'relu' },
        { units: 3, activation: 'linear' },
      ],
    };
    const data = new Rng(11);
    const n = 60;
    const x = Float32Array.from({ length: n * 2 }, () => data.uniform(-1, 1));
    const y = Float32Array.from(
      { length: n },
      (_, r) => (x[2 * r] > 0 ? 1 : 0) + (x[2 * r + 1] > 0.3 ? 1 : 0),
    );
    const mlp = FastMlp.create(spec, 'xavier', new Rng(2));
    const trainer = new MlpTrainer(mlp, {
      loss: 'cross_entropy',
      optimizer: { name: optimizer, lr: 0.01 },
      regularization: 'l2',
      regRate: 1e-4,
      dropout: 0.2,
      seed: dropoutSeed,
      maxBatch: 16,
    });
    const perm = identityPermutation(n);
    const shuffler = new Rng(3);
    for (let epoch = 0; epoch < 20; epoch++) {
      shuffler.shuffle(perm);
      for (let s = 0; s < n; s += 16)
        trainer.trainRows({ x, y, n, inputSize: 2 }, perm, s, Math.min(16, n - s));
    }
    return { params: mlp.params.flatMap((p) => [...p.weight, ...p.bias]), eval: trainer.evaluate(x, y, n) };
  }

  it('is deterministic: the same seeds give bit-identical parameters, another dropout seed does not', () => {
    const a = runAdamWithDropout(7);
    const b = runAdamWithDropout(7);
    const c = runAdamWithDropout(8);
    expect(a.params).toEqual(b.params);
    expect(a.params).not.toEqual(c.params);
    expect(a.eval.correct).toBeGreaterThan(40);
  });

  it('applies dropout only while training: evaluate is repeatable and differs from a masked step', () => {
    const spec: MlpSpec = {
      inputSize: 2,
      layers: [
        { units: 32, activation: 'relu' },
        { units: 1, activation: 'linear' },
      ],
    };
    const network = () => FastMlp.create(spec, 'he', new Rng(4));
    const options: TrainerOptions = {
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 1e-9 },
      regularization: 'none',
      regRate: 0,
      dropout: 0,
      seed: 1,
      maxBatch: 4,
    };
    const plain = new MlpTrainer(network(), options);
    const dropped = new MlpTrainer(network(), { ...options, dropout: 0.5 });
    const e1 = dropped.evaluate(XOR_X, XOR_Y, 4).loss;
    expect(dropped.evaluate(XOR_X, XOR_Y, 4).loss).toBe(e1);
    expect(plain.evaluate(XOR_X, XOR_Y, 4).loss).toBe(e1);
    // A training step with half the hidden units dropped sees a different loss than evaluation.
    expect(dropped.computeGradients(XOR_X, XOR_Y, 4)).not.toBeCloseTo(e1, 6);
    // Dropped units pass no gradient back: their incoming weight rows get exactly zero for a 1-row batch.
    dropped.computeGradients(XOR_X.subarray(6), XOR_Y.subarray(3), 1);
    const zeroRows = Array.from(
      { length: 32 },
      (_, o) => dropped.gradients[0].weight[o * 2] === 0 && dropped.gradients[0].weight[o * 2 + 1] === 0,
    );
    expect(zeroRows.filter(Boolean).length).toBeGreaterThan(5);
  });

  it.each(['js', 'wasm'] as const)(
    'a network takes one trainer: a second one on it is an error (%s backend)',
    (backend) => {
      const mlp = FastMlp.create(XOR_SPEC, 'pytorch', new Rng(5));
      const options: TrainerOptions = {
        loss: 'mse',
        optimizer: { name: 'sgd', lr: 0.05 },
        regularization: 'none',
        regRate: 0,
        dropout: 0,
        seed: 0,
        maxBatch: 4,
        backend,
      };
      const first = new MlpTrainer(mlp, options);
      expect(() => new MlpTrainer(mlp, options)).toThrow(
        'this network already has a trainer: a second one would take its parameters over; give each trainer its own FastMlp',
      );
      expect(() => new MlpTrainer(mlp, { ...options, backend: 'js' })).toThrow(/already has a trainer/);
      // The first trainer still owns mlp.params: its steps show up there.
      const before = Array.from(mlp.params[0].weight);
      first.trainBatch(XOR_X, XOR_Y, 4);
      expect(Array.from(mlp.params[0].weight)).not.toEqual(before);
      const viaParams = mlp.forward(XOR_X, 4).reduce((sum, v, i) => sum + (v - XOR_Y[i]) ** 2, 0) / 4;
      expect(first.evaluate(XOR_X, XOR_Y, 4).loss).toBeCloseTo(viaParams, 6);
    },
  );
});
