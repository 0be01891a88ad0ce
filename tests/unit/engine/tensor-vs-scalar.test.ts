import { describe, expect, it } from 'vitest';
import { TensorSequential } from '../../../src-shared/engine/reference/tensor/sequential';
import { initDenseParams } from '../../../src-shared/engine/init';
import { Rng } from '../../../src-shared/engine/rng';
import { ScalarMLP } from '../../../src-shared/engine/reference/scalar/nn';
import { Tensor } from '../../../src-shared/engine/reference/tensor';
import {
  ACTIVATIONS,
  LOSSES,
  type Activation,
  type DenseValues,
  type LossName,
  type MlpSpec,
} from '../../../src-shared/engine/types';
import { Value, sumValues } from '../../../src-shared/engine/reference/scalar/value';

/** The same losses written with scalar Values only (no fused tricks beyond the stable forms). */
function scalarLoss(name: LossName, outputs: Value[][], targets: number[]): Value {
  const n = outputs.length;
  const k = outputs[0].length;
  switch (name) {
    case 'mse':
    case 'sse': {
      const total = sumValues(
        outputs.flatMap((row, r) => row.map((o, c) => o.sub(targets[r * k + c]).pow(2))),
      );
      return name === 'sse' ? total : total.div(n * k);
    }
    case 'cross_entropy': {
      const perRow = outputs.map((row, r) => {
        const max = Math.max(...row.map((o) => o.data)); // a constant shift: the gradient is unchanged
        const lse = sumValues(row.map((o) => o.sub(max).exp()))
          .log()
          .add(max);
        return lse.sub(row[targets[r]]);
      });
      return sumValues(perRow).div(n);
    }
    case 'bce': {
      const terms = outputs.flatMap((row, r) =>
        row.map((z, c) => {
          const absZ = z.relu().add(z.neg().relu());
          return z
            .relu()
            .sub(z.mul(targets[r * k + c]))
            .add(absZ.neg().exp().add(1).log());
        }),
      );
      return sumValues(terms).div(n * k);
    }
  }
}

function randomParams(spec: MlpSpec, rng: Rng): DenseValues[] {
  let inSize = spec.inputSize;
  return spec.layers.map((l) => {
    const p = {
      inSize,
      outSize: l.units,
      weight: Array.from({ length: inSize * l.units }, () => rng.uniform(-1, 1)),
      bias: Array.from({ length: l.units }, () => rng.uniform(-0.5, 0.5)),
    };
    inSize = l.units;
    return p;
  });
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-12, Math.abs(a), Math.abs(b));
}

describe('tensor path vs scalar Value path (same MLP, float64)', () => {
  const n = 5;
  const inputs = 3;
  for (const loss of LOSSES) {
    for (const activation of ACTIVATIONS) {
      it(`${loss} × ${activation}: identical loss and gradients (1e-12 relative)`, () => {
        const rng = new Rng(LOSSES.indexOf(loss) * 10 + ACTIVATIONS.indexOf(activation));
        const outputs = loss === 'cross_entropy' ? 3 : 2;
        const spec: MlpSpec = {
          inputSize: inputs,
          layers: [
            { units: 4, activation },
            { units: 3, activation },
            { units: outputs, activation: 'linear' },
          ],
        };
        const params = randomParams(spec, rng);
        const x = Array.from({ length: n * inputs }, () => rng.uniform(-1.5, 1.5));
        const targets =
          loss === 'cross_entropy'
            ? Array.from({ length: n }, () => rng.int(outputs))
            : Array.from({ length: n * outputs }, () => (loss === 'bce' ? rng.int(2) : rng.uniform(-1, 1)));

        const net = new TensorSequential(spec, params);
        const { loss: tensorLoss } = net.loss(Tensor.from(n, inputs, x), targets, loss);
        tensorLoss.backward();

        const mlp = ScalarMLP.fromParams(
          params,
          spec.layers.map((l) => l.activation as Activation),
        );
        const rows = Array.from({ length: n }, (_, r) => mlp.forward(x.slice(r * inputs, (r + 1) * inputs)));
        const scalar = scalarLoss(loss, rows, targets);
        scalar.backward();

        expect(relErr(tensorLoss.item(), scalar.data)).toBeLessThan(1e-12);
        const tensorGrads = net.parameters().flatMap((p) => Array.from(p.grad as Float64Array));
        const scalarGrads = mlp.parameters().map((p) => p.grad);
        // Value orders parameters neuron by neuron (w row, then b); the tensor path is W then b per layer.
        const reordered = mlp.layers.flatMap((layer) => [
          ...layer.neurons.flatMap((nr) => nr.weights.map((w) => w.grad)),
          ...layer.neurons.map((nr) => nr.bias.grad),
        ]);
        expect(reordered).toHaveLength(scalarGrads.length);
        expect(tensorGrads).toHaveLength(reordered.length);
        let worst = 0;
        tensorGrads.forEach(
          (g, i) =>
            (worst = Math.max(
              worst,
              Math.abs(g - reordered[i]) / Math.max(1e-9, Math.abs(g), Math.abs(reordered[i])),
            )),
        );
        expect(worst).toBeLessThan(1e-12);
        expect(tensorGrads.some((g) => g !== 0)).toBe(true);
      });
    }
  }
});

describe('TensorDense / TensorSequential', () => {
  const spec: MlpSpec = {
    inputSize: 2,
    layers: [
      { units: 8, activation: 'relu' },
      { units: 1, activation: 'linear' },
    ],
  };

  it('uses initDenseParams layer by layer from one rng (same seed, bit-identical)', () => {
    const a = TensorSequential.create(spec, 'pytorch', new Rng(3));
    const b = TensorSequential.create(spec, 'pytorch', new Rng(3));
    const rng = new Rng(3);
    const p0 = initDenseParams(2, 8, 'pytorch', rng);
    const p1 = initDenseParams(8, 1, 'pytorch', rng);
    expect(Array.from(a.layers[1].weight.data)).toEqual(Array.from(p1.weight));
    expect(Array.from(a.layers[0].bias.data)).toEqual(Array.from(p0.bias));
    expect(a.parameters().map((p) => p.toArray())).toEqual(b.parameters().map((p) => p.toArray()));
    expect(a.layers[0].toParams().weight).toEqual(p0.weight);
  });

  it('L2 adds rate·w and L1 adds rate·sign(w) to weight gradients, never to biases', () => {
    const params = randomParams(spec, new Rng(8));
    const x = Tensor.from(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
    const y = [0, 1, 1, 0];
    const grads = (regularization: 'none' | 'l1' | 'l2') => {
      const net = new TensorSequential(spec, params, { regularization, regRate: 0.1 });
      const { loss, objective } = net.loss(x, y, 'mse');
      objective.backward();
      return {
        loss: loss.item(),
        objective: objective.item(),
        w: net.parameters().map((p) => Array.from(p.grad as Float64Array)),
        data: net.parameters().map((p) => p.toArray()),
      };
    };
    const plain = grads('none');
    const l2 = grads('l2');
    const l1 = grads('l1');
    expect(l2.loss).toBe(plain.loss);
    const w0 = plain.data[0];
    expect(l2.objective - plain.objective).toBeCloseTo(
      0.05 * [...w0, ...plain.data[2]].reduce((s, w) => s + w * w, 0),
      12,
    );
    plain.w[0].forEach((g, i) => {
      expect(l2.w[0][i]).toBeCloseTo(g + 0.1 * w0[i], 12);
      expect(l1.w[0][i]).toBeCloseTo(g + 0.1 * Math.sign(w0[i]), 12);
    });
    expect(l2.w[1]).toEqual(plain.w[1]);
    expect(l1.w[3]).toEqual(plain.w[3]);
  });

  it('dropout: seeded inverted masks on hidden layers in training, identity in eval', () => {
    const params = randomParams(spec, new Rng(2));
    const x = Tensor.from(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
    const make = (seed: number) => new TensorSequential(spec, params, { dropout: 0.5, seed });
    const noDrop = new TensorSequential(spec, params);
    const hidden = (net: TensorSequential) => net.layers[0].forward(x).toArray();
    const plain = hidden(noDrop);
    const dropped = hidden(make(1));
    // every unit is either dropped (0) or kept and scaled by 1/(1-p) = 2
    dropped.forEach((v, i) => expect(v === 0 || Math.abs(v - 2 * plain[i]) < 1e-15).toBe(true));
    expect(dropped.filter((v, i) => v === 0 && plain[i] !== 0).length).toBeGreaterThan(0);
    expect(hidden(make(1))).toEqual(dropped);
    const evalNet = make(1);
    evalNet.eval();
    expect(evalNet.forward(x).toArray()).toEqual(noDrop.forward(x).toArray());
    // the output layer never drops
    expect(make(1).layers[1].dropout).toBe(0);
    // the mask follows the fast path's draw: rng.next() < p ? 0 : 1/(1-p), row-major
    const rng = new Rng(1);
    const expected = plain.map((v) => (rng.next() < 0.5 ? 0 : 2) * v);
    expect(dropped).toEqual(expected);
  });

  it('rejects mismatched parameters and inputs with one-line messages', () => {
    const params = randomParams(spec, new Rng(1));
    expect(() => new TensorSequential(spec, [params[0]])).toThrow(
      'TensorSequential: 2 layers in the spec, 1 parameter sets',
    );
    expect(() => new TensorSequential(spec, [params[1], params[0]])).toThrow(
      'TensorSequential: layer 0 expects [8, 2] parameters, got [1, 8]',
    );
    expect(() => new TensorSequential(spec, params).forward(Tensor.zeros(1, 3))).toThrow(
      'TensorDense(2, 8): input has 3 columns',
    );
    expect(() => new TensorSequential(spec, params, { dropout: 1 })).toThrow(
      'dropout must be in [0, 1), got 1',
    );
  });

  it('float32 and float64 networks agree to float32 precision', () => {
    const params = randomParams(spec, new Rng(4));
    const x = Tensor.from(4, 2, [0, 0, 0, 1, 1, 0, 1, 1]);
    const x32 = Tensor.from(4, 2, [0, 0, 0, 1, 1, 0, 1, 1], { dtype: 'float32' });
    const a = new TensorSequential(spec, params).loss(x, [0, 1, 1, 0], 'mse').loss;
    const b = new TensorSequential(spec, params, { dtype: 'float32' }).loss(x32, [0, 1, 1, 0], 'mse').loss;
    expect(b.data).toBeInstanceOf(Float32Array);
    expect(relErr(a.item(), b.item())).toBeLessThan(1e-5);
  });
});
