import type { Table } from '../types';
import { classTable } from './points';

/** The seed's XOR truth table, exactly: four points, no noise, no randomness. */
export function generateXor(source: string): Table {
  return classTable(source, {
    x1: Float64Array.from([0, 0, 1, 1]),
    x2: Float64Array.from([0, 1, 0, 1]),
    label: Int32Array.from([0, 1, 1, 0]),
  });
}
