import { describe, expect, it } from 'vitest';
import { ModelFileError } from '../../../src-shared/errors';
import {
  buildModelFile,
  modelNetwork,
  parseModel,
  predictTable,
  serializeModel,
  float32Text,
} from '../../../src-shared/model';
import { Rng } from '../../../src-shared/engine/rng';
import { fixtureTable, makeModel } from './make-model';

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

describe('float32Text', () => {
  it('writes the shortest text that reads back as the same float32, for many random values', () => {
    const rng = new Rng(3);
    const values = new Float32Array(5000);
    for (let i = 0; i < values.length; i++)
      values[i] = (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 20 - 10);
    values.set([0, -0, 1, -1, 0.1, 3.4028234663852886e38, 1.401298464324817e-45, 1e-7]);
    const back = Float32Array.from(values, (v) => Number(float32Text(v)));
    expect(Array.from(bits(back))).toEqual(Array.from(bits(values)));
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334');
  });
});

describe('model file round trip', () => {
  it('save -> load gives the same network, bit for bit', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['tanh', 'relu'] });
    const text = serializeModel(model);
    const loaded = parseModel(text, 'flowers.json');
    const a = modelNetwork(model);
    const b = modelNetwork(loaded);
    expect(b.spec).toEqual(a.spec);
    a.params.forEach((p, i) => {
      expect(Array.from(bits(b.params[i].weight))).toEqual(Array.from(bits(p.weight)));
      expect(Array.from(bits(b.params[i].bias))).toEqual(Array.from(bits(p.bias)));
    });
    expect(loaded.preprocessing).toEqual(model.preprocessing);
    expect(loaded.training).toEqual(model.training);
    // Writing the loaded model again gives the same text (a stable format).
    expect(serializeModel(loaded)).toBe(text);
  });

  it('save -> load -> predict gives bit-identical outputs (classifier and regressor)', () => {
    for (const [csv, hidden] of [
      ['flowers.csv', ['gelu', 'leaky_relu']],
      ['houses.csv', ['sigmoid']],
    ] as const) {
      const model = makeModel({ csv, hidden: [...hidden] });
      const loaded = parseModel(serializeModel(model), 'm.json');
      const table = fixtureTable(csv);
      const before = predictTable(model, table);
      const after = predictTable(loaded, table);
      expect(after.n).toBe(table.rowCount);
      expect(Array.from(bits(after.outputs))).toEqual(Array.from(bits(before.outputs)));
      expect(after.labels).toEqual(before.labels);
    }
  });

  it('writes weights compactly, one line per array', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const text = serializeModel(model);
    const weightLine = text.split('\n').find((line) => line.includes('"weight": ['));
    expect(weightLine).toBeDefined();
    expect(weightLine!.length).toBeLessThan(11 * model.weights[0].weight.length + 40);
    expect(JSON.parse(text).format).toBe('nanograd-studio/model');
  });

  it('names that look like serializer markers ("@@0@@") survive save -> load unchanged', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    model.name = '@@0@@';
    model.preprocessing.target.classes = model.preprocessing.target.classes!.map((c, i) => `@@${i}@@`);
    model.preprocessing.features[0].name = '@@1@@';
    model.preprocessing.encodedNames[0] = '"@@2@@"';
    const text = serializeModel(model);
    const loaded = parseModel(text, 'markers.json');
    expect(loaded.name).toBe('@@0@@');
    expect(loaded.preprocessing).toEqual(model.preprocessing);
    expect(loaded.weights).toEqual(model.weights);
    // Apart from the one-line weight arrays the text is exactly JSON.stringify's layout.
    const plain = JSON.stringify(JSON.parse(text), null, 2);
    expect(text.replace(/\[[^[\]{}"]*\]/g, '[]')).toBe(`${plain.replace(/\[[^[\]{}"]*\]/g, '[]')}\n`);
  });

  it('refuses to save NaN weights from a diverged run, naming the weight', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    model.weights[1].bias[2] = NaN;
    expect(() => serializeModel(model)).toThrow(ModelFileError);
    expect(() => serializeModel(model)).toThrow(/weights\[1\]\.bias\[2\] is NaN/);
  });

  it('buildModelFile rejects parameters that do not match the design', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const { spec, params } = modelNetwork(model);
    expect(() =>
      buildModelFile({
        name: 'x',
        spec,
        params: params.slice(0, 1),
        task: 'classification',
        loss: 'cross_entropy',
        preprocessing: model.preprocessing,
        training: null,
      }),
    ).toThrow(/2 layers but 1 weight set$/);
  });
});
