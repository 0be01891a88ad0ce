import { describe, expect, it } from 'vitest';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { ConfigError } from '../../../src-shared/errors';
import { encodeForModel } from '../../../src-shared/training';

const opts = { valFraction: 0.25, seed: 4, missing: 'drop' as const, standardize: true };

function csv(rows: [number, string, string][]): string {
  return ['size,color,label', ...rows.map((r) => r.join(','))].join('\n');
}

describe('encodeForModel', () => {
  const labels = ['b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a'];
  const original = parseCsv(
    csv(labels.map((l, i) => [i + 1, i % 2 ? 'red' : 'blue', l] as [number, string, string])),
    'old.csv',
  );
  const model = prepareDataset(original, opts).preprocessing;
  // New data: other scale and a colour the model never saw.
  const fresh = parseCsv(
    csv(
      labels.map(
        (l, i) => [(i + 1) * 10, i === 1 ? 'green' : i % 3 ? 'red' : 'blue', l] as [number, string, string],
      ),
    ),
    'new.csv',
  );

  it("encodes the same split with the model's statistics, not fresh ones", () => {
    const prepared = prepareDataset(fresh, opts);
    const data = encodeForModel(fresh, prepared, model, 'm.json');
    expect(Array.from(data.train.rowIndex)).toEqual(Array.from(prepared.train.rowIndex));
    expect(Array.from(data.val!.rowIndex)).toEqual(Array.from(prepared.val!.rowIndex));
    expect(data.preprocessing).toBe(model);
    const size = model.features.find((f) => f.name === 'size')!;
    const sizeCol = model.encodedNames.indexOf('size');
    const d = model.encodedNames.length;
    data.train.rowIndex.forEach((row, i) => {
      const raw = (row + 1) * 10;
      expect(data.train.x[i * d + sizeCol]).toBeCloseTo((raw - size.mean!) / size.std!, 4);
      expect(data.train.y[i]).toBe(model.target.classes!.indexOf(labels[row]));
    });
    // green is unseen by the model: its one-hot block is all zeros
    const green = [data.train, data.val!]
      .flatMap((set) => Array.from(set.rowIndex).map((row, i) => ({ set, row, i })))
      .find((r) => r.row === 1)!;
    const colorCols = model.encodedNames
      .map((n, j) => (n.startsWith('color') ? j : -1))
      .filter((j) => j >= 0);
    expect(colorCols).toHaveLength(2);
    expect(colorCols.map((j) => green.set.x[green.i * d + j])).toEqual([0, 0]);
  });

  it('rejects a model of another task', () => {
    const regression = parseCsv(
      'a,b\n1,0.5\n2,1.7\n3,2.2\n4,3.9\n5,4.1\n6,5.5\n7,6.1\n8,7.3\n9,8.8\n10,9.9\n11,10.2\n12,11.7\n13,12.3\n14,13.1\n15,14.9\n16,15.2\n17,16.8\n18,17.4\n19,18.6\n20,19.05\n21,20.5\n22,21.75',
      'reg.csv',
    );
    const prepared = prepareDataset(regression, opts);
    expect(prepared.task).toBe('regression');
    expect(() => encodeForModel(regression, prepared, model, 'm.json')).toThrow(ConfigError);
  });
});
