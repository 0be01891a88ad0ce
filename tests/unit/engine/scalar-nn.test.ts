import { describe, expect, it } from 'vitest';
import { Layer, ScalarMLP, Neuron } from '../../../src-shared/engine/reference/scalar/nn';
import { initDenseParams } from '../../../src-shared/engine/init';
import { Rng } from '../../../src-shared/engine/rng';

describe('ScalarMLP (micrograd semantics)', () => {
  it('ScalarMLP(2, [8, 1]) has 33 parameters, ReLU hidden and a linear output', () => {
    const mlp = new ScalarMLP(2, [8, 1]);
    expect(mlp.parameters()).toHaveLength(33);
    expect(mlp.layers.map((l) => l.neurons[0].activation)).toEqual(['relu', 'linear']);
    // linear output: a big negative pre-activation comes out negative (relu would clamp it)
    const out = new Neuron([1, 1], -10, 'linear').forward([0, 0]);
    expect(out.data).toBe(-10);
  });

  it('uses U(-1,1) weights and zero biases by default, drawn neuron by neuron', () => {
    const mlp = new ScalarMLP(2, [8, 1], { rng: 5 });
    const expected = initDenseParams(2, 8, 'uniform', new Rng(5));
    const layer = mlp.layers[0];
    expect(layer.neurons[3].weights.map((w) => w.data)).toEqual([expected.weight[6], expected.weight[7]]);
    expect(
      mlp
        .parameters()
        .filter((_, i) => i % 3 === 2 && i < 24)
        .every((b) => b.data === 0),
    ).toBe(true);
    for (const p of mlp.parameters()) expect(Math.abs(p.data)).toBeLessThan(1);
  });

  it('computes the forward pass by hand and zeroGrad clears every gradient', () => {
    const layer = new Layer({ inSize: 2, outSize: 2, weight: [1, -2, 0.5, 3], bias: [0.25, -10] }, 'relu');
    const [a, b] = layer.forward([2, 1]);
    expect(a.data).toBe(0.25); // relu(2 - 2 + 0.25)
    expect(b.data).toBe(0); // relu(1 + 3 - 10)
    a.add(b).backward();
    expect(layer.parameters().map((p) => p.grad)).toEqual([2, 1, 1, 0, 0, 0]);
    layer.zeroGrad();
    expect(layer.parameters().every((p) => p.grad === 0)).toBe(true);
  });

  it('rejects an input of the wrong width', () => {
    expect(() => new ScalarMLP(3, [2]).forward([1, 2])).toThrow(/expects 3 inputs, got 2/);
  });

  it('round-trips parameters through fromParams / toParams', () => {
    const p = initDenseParams(3, 4, 'pytorch', new Rng(1));
    const mlp = ScalarMLP.fromParams([p], ['tanh']);
    const back = mlp.layers[0].toParams();
    expect(Array.from(back.weight)).toEqual(Array.from(p.weight));
    expect(Array.from(back.bias)).toEqual(Array.from(p.bias));
  });
});
