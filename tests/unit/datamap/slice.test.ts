import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataMapLayout, EventChannel } from '../../../src-shared/api';
import { DataMapService, type MapPredictor } from '../../../src-shared/backend/datamap';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { Rng } from '../../../src-shared/engine/rng';
import { FastMlp } from '../../../src-shared/engine/fast';
import type { PreparedData, Table } from '../../../src-shared/data/types';

const WINE = new URL('../../../src-shared/data/classic/wine.csv', import.meta.url);
const GRID = 12;

function wine(): { table: Table; data: PreparedData } {
  const table = parseCsv(readFileSync(WINE, 'utf8'), 'wine.csv');
  const data = prepareDataset(table, { valFraction: 0.2, seed: 4, missing: 'drop', standardize: true });
  return { table, data };
}

function model(inputSize: number, classes: number): { mlp: FastMlp; predictor: MapPredictor } {
  const spec = {
    inputSize,
    layers: [
      { units: 8, activation: 'tanh' as const },
      { units: classes, activation: 'linear' as const },
    ],
  };
  const mlp = FastMlp.create(spec, 'xavier', new Rng(11));
  return {
    mlp,
    predictor: {
      predict: (x, n) => mlp.predict(x, n, 'softmax').slice(0, n * classes),
      units: classes,
      task: 'classification',
    },
  };
}

function service(): { maps: DataMapService; events: { event: EventChannel }[] } {
  const events: { event: EventChannel }[] = [];
  const maps = new DataMapService(
    { emit: (event) => events.push({ event }), yieldToHost: () => Promise.resolve() },
    GRID,
  );
  return { maps, events };
}

/** The training median of a raw column, encoded as the network reads it. */
function encodedMedian(table: Table, data: PreparedData, name: string): number {
  const column = table.columns.find((c) => c.name === name)!;
  const values = Array.from(data.train.rowIndex, (r) => column.numbers![r]).sort((a, b) => a - b);
  const n = values.length;
  const median = n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  const feature = data.preprocessing.features.find((f) => f.name === name)!;
  return (median - feature.mean!) / feature.std!;
}

/** Each cell of the surface against a forward pass of ONE input vector built here. */
function checkSurface(layout: DataMapLayout, held: number[], mlp: FastMlp, inputs: string[]): void {
  const surface = layout.frame!.surface!;
  expect(surface.size).toBe(GRID);
  const slice = layout.slice!;
  const h = inputs.indexOf(slice.horizontal);
  const v = inputs.indexOf(slice.vertical);
  for (let row = 0; row < GRID; row++) {
    for (let col = 0; col < GRID; col++) {
      const rawX = surface.xMin + ((col + 0.5) * (surface.xMax - surface.xMin)) / GRID;
      const rawY = surface.yMin + ((row + 0.5) * (surface.yMax - surface.yMin)) / GRID;
      const vector = Float32Array.from(held);
      vector[h] = encode(slice.horizontal, rawX);
      vector[v] = encode(slice.vertical, rawY);
      const p = Array.from(mlp.predict(vector, 1, 'softmax').slice(0, 3));
      const best = p.indexOf(Math.max(...p));
      const cell = row * GRID + col;
      expect(surface.classes![cell]).toBe(best);
      expect(surface.values[cell]).toBeCloseTo(p[best], 5);
    }
  }
}

const { table, data } = wine();
const inputs = data.preprocessing.encodedNames;

/** A raw value as the network reads it: (raw - mean) / std of the training rows. */
function encode(name: string, raw: number): number {
  const f = data.preprocessing.features.find((x) => x.name === name)!;
  return (raw - f.mean!) / f.std!;
}

describe('the slice data map', () => {
  it('lists the numeric columns and overlays the rows at their raw values', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    const layout = await maps.show({ map: 'slice', horizontal: 'alcohol', vertical: 'proline' }, () => null);
    expect(layout.slice!.columns).toEqual(table.columns.slice(0, -1).map((c) => c.name));
    expect(layout.slice!.heldAt).toBe('training medians');
    expect(layout.label.length).toBe(178);
    expect(layout.frame).toBeNull();
    const alcohol = table.columns[0].numbers!;
    const proline = table.columns[12].numbers!;
    for (let i = 0; i < layout.label.length; i++) {
      const row = await maps.row(i);
      const tableRow = row.line - 2;
      expect(layout.xy[2 * i]).toBeCloseTo(alcohol[tableRow], 3);
      expect(layout.xy[2 * i + 1]).toBeCloseTo(proline[tableRow], 2);
      expect(row.cells[0]).toEqual({ name: 'alcohol', value: String(alcohol[tableRow]) });
    }
  });

  it('each cell is a forward pass with the other inputs at their training medians', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    const { mlp, predictor } = model(inputs.length, 3);
    const layout = await maps.show(
      { map: 'slice', horizontal: 'flavanoids', vertical: 'color_intensity' },
      () => predictor,
    );
    const held = inputs.map((name) => encodedMedian(table, data, name));
    checkSurface(layout, held, mlp, inputs);
    // The axis ranges cover the training rows' raw values.
    const flavanoids = Array.from(data.train.rowIndex, (r) => table.columns[6].numbers![r]);
    expect(layout.xMin).toBeLessThan(Math.min(...flavanoids));
    expect(layout.xMax).toBeGreaterThan(Math.max(...flavanoids));
  });

  it('holds the other inputs at a clicked row', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    const { mlp, predictor } = model(inputs.length, 3);
    const layout = await maps.show({ map: 'slice', heldRow: 17 }, () => predictor);
    const row = await maps.row(17);
    expect(layout.slice!.heldAt).toBe(`the values of row ${row.line}`);
    expect(layout.slice!.horizontal).toBe('alcohol');
    expect(layout.slice!.vertical).toBe('malic_acid');
    const held = row.cells.map((cell) => encode(cell.name, Number(cell.value)));
    checkSurface(layout, held, mlp, inputs);
  });

  it('refuses a column that is not a numeric input, and the same column twice', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    await expect(maps.show({ map: 'slice', horizontal: 'cultivar' }, () => null)).rejects.toThrow(
      '"cultivar" is not a numeric input column (choose one of "alcohol"',
    );
    await expect(maps.show({ map: 'slice', horizontal: 'hue', vertical: 'hue' }, () => null)).rejects.toThrow(
      'the slice needs two different columns (both axes are "hue")',
    );
    await expect(maps.show({ map: 'slice', heldRow: 178 }, () => null)).rejects.toThrow(
      'row 178 is not on the data map (it draws 178 rows)',
    );
  });

  it('counts misclassified rows and gives the probability of the true class', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    const { mlp, predictor } = model(inputs.length, 3);
    const layout = await maps.show({ map: 'pca' }, () => predictor);
    const frame = layout.frame!;
    let wrong = 0;
    for (let i = 0; i < layout.label.length; i++) {
      const row = await maps.row(i);
      const x = Float32Array.from(row.cells, (cell) => encode(cell.name, Number(cell.value)));
      const p = Array.from(mlp.predict(x, 1, 'softmax').slice(0, 3));
      const best = p.indexOf(Math.max(...p));
      expect(frame.predicted[i]).toBe(best);
      expect(frame.confidence![i]).toBeCloseTo(p[layout.label[i]], 5);
      expect(data.preprocessing.target.classes![layout.label[i]]).toBe(row.target);
      if (best !== layout.label[i]) wrong++;
    }
    expect(frame.misclassified).toBe(wrong);
    expect(wrong).toBeGreaterThan(0);
    expect(frame.surface).toBeNull();
  });

  it('offers Predicted vs actual only for regression data', async () => {
    const { maps } = service();
    maps.setData(table, data, 4);
    await expect(maps.show({ map: 'predicted' }, () => null)).rejects.toThrow(
      'Predicted vs actual is for regression data',
    );
  });
});
