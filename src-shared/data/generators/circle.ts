import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocClassPoints, classTable, pointsPerClass } from './points';

const RADIUS = 5;

/**
 * TF Playground's circle: half the points in a disc of radius 2.5 (class "1"), half in the ring
 * 3.5..5 (class "0"). The label is decided at a noise-shifted position, so noise blurs the border
 * (a few points get the other class) while the picture keeps its shape.
 * Draws per point: radius, angle, noise x1, noise x2.
 */
export function generateCircle(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const [inner, outer] = pointsPerClass(opts.points, 2);
  const pts = allocClassPoints(opts.points);
  let i = 0;
  const emit = (rMin: number, rMax: number, count: number): void => {
    for (let k = 0; k < count; k++, i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const a = r * Math.sin(angle);
      const b = r * Math.cos(angle);
      const noisyA = a + rng.uniform(-RADIUS, RADIUS) * opts.noise;
      const noisyB = b + rng.uniform(-RADIUS, RADIUS) * opts.noise;
      pts.x1[i] = a;
      pts.x2[i] = b;
      pts.label[i] = Math.hypot(noisyA, noisyB) < RADIUS * 0.5 ? 1 : 0;
    }
  };
  emit(0, RADIUS * 0.5, inner);
  emit(RADIUS * 0.7, RADIUS, outer);
  return classTable(source, pts);
}
