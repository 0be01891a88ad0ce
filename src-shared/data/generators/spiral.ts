import { Rng } from '../../engine/rng';
import type { GeneratorOptions, Table } from '../types';
import { allocClassPoints, classTable, pointsPerClass } from './points';

/**
 * TF Playground's two interleaved spirals (radius 0..5, 1.75 turns): class "1" starts at angle 0,
 * class "0" half a turn later. Noise jitters each coordinate by U(-noise, noise).
 * Draws per point: jitter x1, jitter x2.
 */
export function generateSpiral2(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const [first, second] = pointsPerClass(opts.points, 2);
  const pts = allocClassPoints(opts.points);
  let i = 0;
  const emit = (phase: number, label: number, count: number): void => {
    for (let k = 0; k < count; k++, i++) {
      const r = (k / count) * 5;
      const t = ((1.75 * k) / count) * 2 * Math.PI + phase;
      pts.x1[i] = r * Math.sin(t) + rng.uniform(-1, 1) * opts.noise;
      pts.x2[i] = r * Math.cos(t) + rng.uniform(-1, 1) * opts.noise;
      pts.label[i] = label;
    }
  };
  emit(0, 1, first);
  emit(Math.PI, 0, second);
  return classTable(source, pts);
}

/**
 * The CS231n three-arm spiral, exactly the benchmark anchors' W2 data set: class k = 0, 1, 2 in
 * order, point i of m: r = i/(m-1), theta = 4k + 4i/(m-1) + noise * normal(). With 300 points,
 * noise 0.2 and seed 1 it reproduces ../shared/bench/anchors/data/spiral.csv (as float32).
 */
export function generateSpiral3(source: string, opts: GeneratorOptions): Table {
  const rng = new Rng(opts.seed);
  const counts = pointsPerClass(opts.points, 3);
  const pts = allocClassPoints(opts.points);
  let i = 0;
  for (let k = 0; k < 3; k++) {
    const m = counts[k];
    for (let p = 0; p < m; p++, i++) {
      const r = m > 1 ? p / (m - 1) : 0;
      const theta = 4 * k + (m > 1 ? (4 * p) / (m - 1) : 0) + opts.noise * rng.normal();
      pts.x1[i] = r * Math.sin(theta);
      pts.x2[i] = r * Math.cos(theta);
      pts.label[i] = k;
    }
  }
  return classTable(source, pts);
}
