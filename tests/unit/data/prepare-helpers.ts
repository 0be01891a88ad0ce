/** Shared by the prepareDataset / encodeTable tests (prepare*.test.ts). */
import { parseCsv, type Dataset, type PrepareOptions, type Table } from '../../../src-shared/data';

export const OPTS: PrepareOptions = { valFraction: 0.2, seed: 1, missing: 'drop', standardize: true };

export function csv(header: string, rows: (string | number)[][]): Table {
  return parseCsv([header, ...rows.map((r) => r.join(','))].join('\n'), 'data.csv');
}

export function row(data: Dataset, i: number): number[] {
  return Array.from(data.x.subarray(i * data.inputSize, (i + 1) * data.inputSize));
}

export function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std };
}

/** 100 rows: feature a = 0..99, b = a^2, class alternating "even"/"odd". */
export function sample(): Table {
  return csv(
    'a,b,parity',
    Array.from({ length: 100 }, (_, i) => [i, i * i, i % 2 ? 'odd' : 'even']),
  );
}
