/**
 * 50,000 rows x 20 columns, built in memory: parse + prepare must handle it with typed columns.
 * No timing assertion (performance is measured, not tested): set NANOGRAD_DATA_TIMING=1 to print
 * the parse and prepare times.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src-shared/engine/rng';
import { parseCsv, prepareDataset } from '../../../src-shared/data';

const ROWS = 50_000;
const NUMERIC = 18;
const CITIES = ['Berlin', 'Lagos', 'Lima', 'Osaka', 'Perth'];

function makeCsv(): { text: string; firstColumn: Float64Array } {
  const rng = new Rng(123);
  const firstColumn = new Float64Array(ROWS);
  const header = [...Array.from({ length: NUMERIC }, (_, j) => `f${j + 1}`), 'city', 'label'].join(',');
  const lines: string[] = [header];
  for (let r = 0; r < ROWS; r++) {
    const cells: string[] = [];
    for (let j = 0; j < NUMERIC; j++) {
      const value = Number((10 * j + (j + 1) * rng.normal()).toFixed(4));
      if (j === 0) firstColumn[r] = value;
      cells.push(String(value));
    }
    cells.push(CITIES[rng.int(CITIES.length)], String(r % 3));
    lines.push(cells.join(','));
  }
  return { text: lines.join('\n'), firstColumn };
}

describe('a 50,000 x 20 CSV', () => {
  it('parses into typed columns and prepares with the expected shape and statistics', () => {
    const { text, firstColumn } = makeCsv();
    const t0 = performance.now();
    const table = parseCsv(text, 'big.csv');
    const t1 = performance.now();
    const data = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true });
    const t2 = performance.now();
    if (process.env.NANOGRAD_DATA_TIMING) {
      console.log(`50k x 20: parse ${(t1 - t0).toFixed(0)} ms, prepare ${(t2 - t1).toFixed(0)} ms`);
    }

    expect(table.rowCount).toBe(ROWS);
    expect(table.columns.length).toBe(NUMERIC + 2);
    expect(table.columns[0].numbers).toBeInstanceOf(Float64Array);
    expect(Array.from(table.columns[0].numbers!.subarray(0, 100))).toEqual(
      Array.from(firstColumn.subarray(0, 100)),
    );
    expect(table.columns[NUMERIC].kind).toBe('categorical');

    expect(data.task).toBe('classification');
    expect(data.train.n).toBe(40_000);
    expect(data.val!.n).toBe(10_000);
    expect(data.train.inputSize).toBe(NUMERIC + CITIES.length);
    expect(data.train.x).toBeInstanceOf(Float32Array);
    expect(data.train.x.length).toBe(40_000 * (NUMERIC + CITIES.length));

    // Column j was drawn as N(10j, (j+1)^2): the fitted statistics must say so.
    data.preprocessing.features.slice(0, NUMERIC).forEach((f, j) => {
      expect(f.mean!).toBeCloseTo(10 * j, 0);
      expect(f.std! / (j + 1)).toBeCloseTo(1, 1);
    });
    // Standardized training inputs: mean 0, std 1 per numeric column.
    const d = data.train.inputSize;
    for (const j of [0, 7, NUMERIC - 1]) {
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < data.train.n; i++) sum += data.train.x[i * d + j];
      const mean = sum / data.train.n;
      for (let i = 0; i < data.train.n; i++) squares += (data.train.x[i * d + j] - mean) ** 2;
      expect(mean).toBeCloseTo(0, 3);
      expect(Math.sqrt(squares / data.train.n)).toBeCloseTo(1, 3);
    }
    // Each row has exactly one city.
    for (let i = 0; i < 1000; i++) {
      let ones = 0;
      for (let k = 0; k < CITIES.length; k++) ones += data.train.x[i * d + NUMERIC + k];
      expect(ones).toBe(1);
    }
  });
});
