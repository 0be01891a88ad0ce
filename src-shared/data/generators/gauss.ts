import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocClassPoints, classTable, pointsPerClass } from './points';

/**
 * TF Playground's two Gaussian blobs: class "1" around (2, 2), class "0" around (-2, -2).
 * Noise sets the variance as the Playground does (0 -> 0.5, 0.5 -> 4, linear beyond), so the
 * blobs overlap more as noise grows. Draws per point: two normals (x1, x2), 4 uniforms in all.
 */
export function generateGauss(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const spread = Math.sqrt(0.5 + 7 * opts.noise);
  const [positives, negatives] = pointsPerClass(opts.points, 2);
  const pts = allocClassPoints(opts.points);
  let i = 0;
  const emit = (center: number, label: number, count: number): void => {
    for (let k = 0; k < count; k++, i++) {
      pts.x1[i] = center + spread * rng.normal();
      pts.x2[i] = center + spread * rng.normal();
      pts.label[i] = label;
    }
  };
  emit(2, 1, positives);
  emit(-2, 0, negatives);
  return classTable(source, pts);
}
