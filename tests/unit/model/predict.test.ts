import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { encodeTable, parseCsv } from '../../../src-shared/data';
import { FastMlp } from '../../../src-shared/engine/fast';
import { readFileSync } from 'node:fs';
import { ModelFileError } from '../../../src-shared/errors';
import {
  modelNetwork,
  parseModel,
  predictTable,
  predictionsCsv,
  skippedRowsNote,
} from '../../../src-shared/model';
import { thrown } from '../data/fixtures';
import { MODEL_FIXTURES, fixtureTable, makeModel } from './make-model';

describe('predictTable', () => {
  it('classifier: softmax probabilities per row, the argmax label, dropped rows counted', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const table = fixtureTable('flowers-predict.csv');
    const p = predictTable(model, table);
    expect(p.n).toBe(4);
    expect(p.skipped.length).toBe(1); // the row with an empty sepal cell (policy drop)
    expect(Array.from(p.rowIndex)).toEqual([0, 1, 2, 4]);
    expect(Array.from(p.skipped)).toEqual([3]);
    expect(skippedRowsNote(model, table, p)).toBe(
      "1 row could not be predicted because of a missing value (the model's policy is drop); its prediction cells are empty: row 5",
    );
    const classes = model.preprocessing.target.classes!;
    for (let i = 0; i < p.n; i++) {
      const row = Array.from(p.outputs.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(p.labels![i]).toBe(classes[row.indexOf(Math.max(...row))]);
    }
  });

  it('regressor: outputs are the network output un-standardized into the target units', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['tanh'] });
    const table = fixtureTable('houses.csv');
    const p = predictTable(model, table);
    const { spec, params } = modelNetwork(model);
    const raw = new FastMlp(spec, params).predict(
      encodeTable(table, model.preprocessing).x,
      table.rowCount,
      'none',
    );
    const { mean, std } = model.preprocessing.target;
    expect(mean).toBeGreaterThan(100_000); // prices: un-standardizing matters
    for (let i = 0; i < p.n; i++) expect(p.outputs[i]).toBe(Math.fround(raw[i] * std! + mean!));
    expect(p.labels).toBeNull();
  });

  it('one-output bce classifier: two probability columns [1 - p, p]', () => {
    const model = makeModel({ csv: 'moons', hidden: ['tanh'], loss: 'bce' });
    expect(model.layers[model.layers.length - 1].outSize).toBe(1);
    const p = predictTable(model, fixtureTable('moons'));
    expect(p.outputs.length).toBe(2 * p.n);
    for (let i = 0; i < p.n; i++) expect(p.outputs[2 * i] + p.outputs[2 * i + 1]).toBeCloseTo(1, 6);
  });
});

describe('non-finite outputs', () => {
  /** good.json with a linear hidden layer and weights at the top of the float32 range: valid, but overflows. */
  function overflowingModel() {
    const model = JSON.parse(readFileSync(`${MODEL_FIXTURES}good.json`, 'utf8'));
    model.layers[0].activation = 'linear';
    model.activations[0] = 'linear';
    model.weights[0].weight = model.weights[0].weight.map(() => 3e38);
    return parseModel(JSON.stringify(model), 'big.json');
  }

  it('are an error naming the row, never NaN predictions', () => {
    const table = parseCsv('x1,x2\n0.5,-1\n1,1\n', 'rows.csv');
    const err = thrown(() => predictTable(overflowingModel(), table));
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toBe(
      "cannot predict rows.csv row 3: the model's output is NaN (its weights or this row's values are too large for float32 arithmetic)",
    );
    expect((err as ModelFileError).location.row).toBe(3);
  });

  it('a regression value that overflows when un-standardized is refused too', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['tanh'] });
    model.preprocessing.target.std = 3e38;
    model.weights[1].bias = model.weights[1].bias.map(() => 1e5);
    const err = thrown(() => predictTable(model, fixtureTable('houses.csv')));
    expect(err.message).toMatch(/^cannot predict houses\.csv row 2: the model's output is (-)?Infinity /);
  });
});

describe('rows that cannot be predicted', () => {
  it('stay in the output in order with empty prediction cells; the note lists the first few', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['relu'] });
    const lines = ['area;rooms;city'];
    for (let i = 0; i < 9; i++)
      lines.push(i % 3 === 1 || i > 6 ? `${60 + i};;Lyon` : `${60 + i};${(i % 4) + 1};Nice`);
    const table = parseCsv(lines.join('\n'), 'gaps.csv');
    const p = predictTable(model, table);
    expect(Array.from(p.skipped)).toEqual([1, 4, 7, 8]);
    const rows = Papa.parse<string[]>(predictionsCsv(model, table, p).trim()).data;
    expect(rows.map((r) => r[0])).toEqual(['area', ...Array.from({ length: 9 }, (_, i) => String(60 + i))]);
    rows.slice(1).forEach((row, r) => expect(row[3] === '').toBe(p.skipped.includes(r)));
    expect(skippedRowsNote(model, table, p)).toBe(
      "4 rows could not be predicted because of missing values (the model's policy is drop); their prediction cells are empty: rows 3, 6, 9, 10",
    );
    const many = parseCsv(
      ['area;rooms;city', ...Array.from({ length: 8 }, (_, i) => `${i};;Lyon`), '5;2;Nice'].join('\n'),
      'many.csv',
    );
    expect(skippedRowsNote(model, many, predictTable(model, many))).toMatch(
      /: rows 2, 3, 4, 5, 6 and 3 more$/,
    );
  });
});

describe('missing-value markers in the predictions CSV', () => {
  it('are echoed as written ("?" stays "?"), only the prediction cells of the row are empty', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['relu'] });
    const lines = ['area;rooms;city', '60;2;Nice', '61;?;Lyon', '62;3;Nice', '63;NA;Nice', '64;;Lyon'];
    for (let i = 0; i < 5; i++) lines.push(`${70 + i};${(i % 4) + 1};Nice`);
    const table = parseCsv(lines.join('\n'), 'markers.csv');
    expect(table.columns[1].missingTokens?.map((t) => t.token)).toEqual(['?', 'NA']);
    const p = predictTable(model, table);
    expect(Array.from(p.skipped)).toEqual([1, 3, 4]);
    const rows = Papa.parse<string[]>(predictionsCsv(model, table, p).trim()).data;
    expect(rows[2]).toEqual(['61', '?', 'Lyon', '']);
    expect(rows[4]).toEqual(['63', 'NA', 'Nice', '']);
    expect(rows[5]).toEqual(['64', '', 'Lyon', '']); // an empty cell stays empty
    expect(rows[1].slice(0, 3)).toEqual(['60', '2', 'Nice']);
    expect(rows[1][3]).not.toBe('');
  });
});

describe('predictTable ignores the target column', () => {
  const withTarget = (target: string[]) =>
    parseCsv(
      ['sepal,petal,color,species', ...target.map((t, i) => `${5 + i / 2},${1 + i},red,${t}`)].join('\n'),
      'with-target.csv',
    );

  it('a class the model never saw, or an empty target cell, in the file: predicted like any row', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const table = withTarget(['setosa', 'unknownspecies', '', 'virginica']);
    const without = parseCsv(
      ['sepal,petal,color', ...[0, 1, 2, 3].map((i) => `${5 + i / 2},${1 + i},red`)].join('\n'),
      'inputs.csv',
    );
    const p = predictTable(model, table);
    expect(p.n).toBe(4);
    expect(Array.from(p.outputs)).toEqual(Array.from(predictTable(model, without).outputs));
    const rows = Papa.parse<string[]>(predictionsCsv(model, table, p).trim()).data;
    expect(rows.map((r) => r[3])).toEqual(['species', 'setosa', 'unknownspecies', '', 'virginica']);
    // Every target cell filled, one of them unknown (the case that used to fail).
    const complete = withTarget(['setosa', 'unknownspecies', 'versicolor', 'virginica']);
    expect(Array.from(predictTable(model, complete).outputs)).toEqual(Array.from(p.outputs));
  });

  it('a regression model on a file whose target column holds text', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['tanh'] });
    const table = parseCsv('area;rooms;city;price\n118;3;Lyon;unknown\n61;2;Nice;ask the owner\n', 'new.csv');
    const p = predictTable(model, table);
    expect(p.n).toBe(2);
    expect(Array.from(p.outputs).every(Number.isFinite)).toBe(true);
    const rows = Papa.parse<string[]>(predictionsCsv(model, table, p).trim()).data;
    expect(rows[1]).toEqual(['118', '3', 'Lyon', 'unknown', expect.any(String)]);
  });
});

describe('predictionsCsv', () => {
  it('classifier: the input columns as read, predicted_<target> and p_<class> per class', () => {
    const model = makeModel({ csv: 'flowers.csv', hidden: ['relu'] });
    const table = fixtureTable('flowers-predict.csv');
    const predictions = predictTable(model, table);
    const csv = predictionsCsv(model, table, predictions);
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual([
      'sepal',
      'petal',
      'color',
      'note',
      'predicted_species',
      'p_setosa',
      'p_versicolor',
      'p_virginica',
    ]);
    // Every input row, in input order: the row with the empty sepal cell has empty predictions.
    expect(rows).toHaveLength(1 + table.rowCount);
    expect(rows.slice(1).map((row) => row[3])).toEqual([
      'plain',
      'unseen category',
      'quoted, with comma',
      'missing sepal',
      'x',
    ]);
    expect(rows[3].slice(0, 4)).toEqual(['7.2', '6.1', 'blue', 'quoted, with comma']);
    expect(csv).toContain('"quoted, with comma"');
    expect(rows[2][2]).toBe('purple'); // an unseen category still gets a prediction
    expect(rows[4]).toEqual(['', '2', 'green', 'missing sepal', '', '', '', '']);
    [1, 2, 3, 5].forEach((line, i) => {
      const row = rows[line];
      expect(row[4]).toBe(predictions.labels![i]);
      expect(row.slice(5).map((text) => Math.fround(Number(text)))).toEqual(
        Array.from(predictions.outputs.subarray(i * 3, i * 3 + 3)),
      );
    });
  });

  it('regressor: one predicted_<target> value column, exact float32 text', () => {
    const model = makeModel({ csv: 'houses.csv', hidden: ['relu'] });
    const table = fixtureTable('houses.csv');
    const predictions = predictTable(model, table);
    const rows = Papa.parse<string[]>(predictionsCsv(model, table, predictions).trim()).data;
    expect(rows[0]).toEqual(['area', 'rooms', 'city', 'price', 'predicted_price']);
    expect(rows[1][3]).toBe('420829.2'); // "420829,2" in the ;-separated file, shown as a number
    rows.slice(1).forEach((row, i) => expect(Math.fround(Number(row[4]))).toBe(predictions.outputs[i]));
  });
});
