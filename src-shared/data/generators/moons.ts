import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocClassPoints, classTable } from './points';

/**
 * scikit-learn's make_moons: an upper half circle (class "0", floor(n/2) points) and a lower one
 * shifted by (1, -0.5) (class "1"), evenly spaced along each arc, plus Gaussian noise with
 * standard deviation `noise` on both coordinates (sklearn's meaning of noise).
 * Draws per point: two normals (x1 then x2).
 */
export function generateMoons(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const outer = Math.floor(opts.points / 2);
  const inner = opts.points - outer;
  const pts = allocClassPoints(opts.points);
  const arcStep = (count: number): number => (count > 1 ? Math.PI / (count - 1) : 0);
  let i = 0;
  for (let k = 0; k < outer; k++, i++) {
    const t = k * arcStep(outer);
    pts.x1[i] = Math.cos(t) + opts.noise * rng.normal();
    pts.x2[i] = Math.sin(t) + opts.noise * rng.normal();
    pts.label[i] = 0;
  }
  for (let k = 0; k < inner; k++, i++) {
    const t = k * arcStep(inner);
    pts.x1[i] = 1 - Math.cos(t) + opts.noise * rng.normal();
    pts.x2[i] = 1 - Math.sin(t) - 0.5 + opts.noise * rng.normal();
    pts.label[i] = 1;
  }
  return classTable(source, pts);
}
