/**
 * Every built-in data set is a cloud of 2-D points with a class or a value; this turns the
 * generator's output into the same `Table` a CSV import produces, so one pipeline handles both.
 */
import type { Table } from '../types';

export interface ClassPoints {
  x1: Float64Array;
  x2: Float64Array;
  /** Class index per point; the table stores it as the class name "0", "1", ... */
  label: Int32Array;
}

export interface ValuePoints {
  x1: Float64Array;
  x2: Float64Array;
  y: Float64Array;
}

export function classTable(source: string, points: ClassPoints): Table {
  const n = points.label.length;
  const names: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) names[i] = String(points.label[i]);
  return {
    source,
    rowCount: n,
    columns: [
      { name: 'x1', kind: 'numeric', numbers: points.x1, missing: 0 },
      { name: 'x2', kind: 'numeric', numbers: points.x2, missing: 0 },
      { name: 'label', kind: 'categorical', strings: names, missing: 0 },
    ],
  };
}

export function valueTable(source: string, points: ValuePoints): Table {
  return {
    source,
    rowCount: points.y.length,
    columns: [
      { name: 'x1', kind: 'numeric', numbers: points.x1, missing: 0 },
      { name: 'x2', kind: 'numeric', numbers: points.x2, missing: 0 },
      { name: 'y', kind: 'numeric', numbers: points.y, missing: 0 },
    ],
  };
}

export function allocClassPoints(n: number): ClassPoints {
  return { x1: new Float64Array(n), x2: new Float64Array(n), label: new Int32Array(n) };
}

export function allocValuePoints(n: number): ValuePoints {
  return { x1: new Float64Array(n), x2: new Float64Array(n), y: new Float64Array(n) };
}

/** Splits `total` points over `parts` classes as evenly as possible (earlier classes get the extra). */
export function pointsPerClass(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, k) => base + (k < extra ? 1 : 0));
}
