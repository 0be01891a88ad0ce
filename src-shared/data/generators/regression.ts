import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocValuePoints, valueTable } from './points';

const HALF_WIDTH = 6;

/**
 * TF Playground's "plane": inputs uniform in [-6, 6]^2, y = (x1 + x2) / 10 in [-1.2, 1.2],
 * computed at a noise-shifted position (noise moves the inputs by U(-6, 6) * noise).
 * Draws per point: x1, x2, noise x1, noise x2.
 */
export function generatePlane(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const pts = allocValuePoints(opts.points);
  for (let i = 0; i < opts.points; i++) {
    const a = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    const b = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    const noiseA = rng.uniform(-HALF_WIDTH, HALF_WIDTH) * opts.noise;
    const noiseB = rng.uniform(-HALF_WIDTH, HALF_WIDTH) * opts.noise;
    pts.x1[i] = a;
    pts.x2[i] = b;
    pts.y[i] = (a + noiseA + b + noiseB) / 10;
  }
  return valueTable(source, pts);
}

/**
 * A curved surface a linear model cannot fit: y = sin(x1) + 0.5 * sin(x2) on [-6, 6]^2, plus
 * Gaussian noise with standard deviation `noise` on y (what the network cannot learn).
 * Draws per point: x1, x2, then one normal.
 */
export function generateSine(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const pts = allocValuePoints(opts.points);
  for (let i = 0; i < opts.points; i++) {
    const a = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    const b = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    pts.x1[i] = a;
    pts.x2[i] = b;
    pts.y[i] = Math.sin(a) + 0.5 * Math.sin(b) + opts.noise * rng.normal();
  }
  return valueTable(source, pts);
}
