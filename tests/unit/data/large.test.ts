/**
 * 50,000 rows x 20 columns, built in memory: parse + prepare must handle it with typed columns,
 * and one training epoch through the TrainingSession must run on it (issue 5: "load and train an
 * epoch in seconds, not minutes; memory stays proportional to the data"). Timings are measured
 * and printed, never asserted (2 shared cores in CI); memory growth has a generous bound.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src-shared/engine/rng';
import { parseCsv, prepareDataset } from '../../../src-shared/data';
import { TrainingSession, defaultTrainConfig } from '../../../src-shared/training';

/** Memory the data can live in: the JS heap plus ArrayBuffers (typed arrays) outside it. */
function memoryBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

const MB = 1024 * 1024;
/** The CSV text is ~7 MB, its columns ~10 MB, the encoded inputs ~4 MB: 200 MB is ~10x that. */
const MAX_GROWTH_MB = 200;

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
  it('parses into typed columns, prepares, and trains one epoch in bounded memory', () => {
    const before = memoryBytes();
    const { text, firstColumn } = makeCsv();
    const t0 = performance.now();
    const table = parseCsv(text, 'big.csv');
    const t1 = performance.now();
    const data = prepareDataset(table, { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true });
    const t2 = performance.now();
    const session = new TrainingSession(data, defaultTrainConfig(), { now: () => performance.now() });
    const metrics = session.stepEpoch();
    const t3 = performance.now();
    // Everything is still referenced here, so the growth counts the text, table, data and session.
    const growthMb = (memoryBytes() - before) / MB;
    console.log(
      `50k x 20: parse ${((t1 - t0) / 1000).toFixed(2)} s, prepare ${((t2 - t1) / 1000).toFixed(2)} s, ` +
        `1 training epoch (40,000 rows, ${session.spec.inputSize}-16-16-3, batch 32) ${((t3 - t2) / 1000).toFixed(2)} s; ` +
        `memory growth ${growthMb.toFixed(0)} MB (heap + ArrayBuffers; bound ${MAX_GROWTH_MB} MB)`,
    );

    expect(session.epoch).toBe(1);
    expect(metrics.epoch).toBe(1);
    expect(Number.isFinite(metrics.loss)).toBe(true);
    expect(Number.isFinite(metrics.valLoss!)).toBe(true);
    // Labels are r % 3, unrelated to the features: the loss sits near ln 3, the accuracy near 1/3.
    expect(metrics.loss).toBeGreaterThan(0.9);
    expect(metrics.loss).toBeLessThan(1.3);
    expect(metrics.valAccuracy!).toBeGreaterThan(0.25);
    expect(metrics.valAccuracy!).toBeLessThan(0.42);
    expect(growthMb).toBeLessThan(MAX_GROWTH_MB);
    expect(text.length).toBeGreaterThan(0); // keeps the text alive until the measurement

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
