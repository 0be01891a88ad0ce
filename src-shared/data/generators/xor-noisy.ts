import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocClassPoints, classTable } from './points';

const HALF_WIDTH = 5;
/** Keeps points off the axes so that noise 0 gives a clean, learnable picture (as TF Playground). */
const PADDING = 0.3;

/**
 * TF Playground's XOR: points uniform in [-5, 5]^2 pushed away from the axes; class "1" where
 * the signs of x1 and x2 differ (like XOR of "is positive"). Noise moves the point used for the
 * label, not the point itself, so noisy data has mislabeled points near the axes.
 * Draws per point: x1, x2, noise x1, noise x2.
 */
export function generateXorNoisy(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const pts = allocClassPoints(opts.points);
  for (let i = 0; i < opts.points; i++) {
    let a = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    a += a > 0 ? PADDING : -PADDING;
    let b = rng.uniform(-HALF_WIDTH, HALF_WIDTH);
    b += b > 0 ? PADDING : -PADDING;
    const noisyA = a + rng.uniform(-HALF_WIDTH, HALF_WIDTH) * opts.noise;
    const noisyB = b + rng.uniform(-HALF_WIDTH, HALF_WIDTH) * opts.noise;
    pts.x1[i] = a;
    pts.x2[i] = b;
    pts.label[i] = noisyA * noisyB < 0 ? 1 : 0;
  }
  return classTable(source, pts);
}
