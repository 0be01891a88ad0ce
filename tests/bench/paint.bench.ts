/**
 * Cost of one Paint request in the backend (the training worker, not the UI thread): apply the
 * stroke batch and rebuild the table, the encoded train/validation rows and the plotted points.
 * Each iteration is one add batch of 20 points and its undo (two rebuilds), so the set keeps its size.
 * Run: npx vitest bench --run tests/bench/paint.bench.ts (numbers go to docs/benchmarks.md).
 */
import { bench, describe } from 'vitest';
import { generateTable, prepareDataset } from '../../src-shared/data';
import { DataPainter } from '../../src-shared/backend/paint';
import { dataPlane } from '../../src-shared/backend/plane';
import type { DatasetSummary } from '../../src-shared/api';

function painter(points: number): DataPainter {
  const table = generateTable('spiral', { points, noise: 0.1, seed: 1 });
  const prepared = prepareDataset(table, {
    valFraction: 0.2,
    seed: 1,
    missing: 'drop',
    standardize: false,
  });
  const plane = dataPlane(prepared);
  return new DataPainter({ table, prepared, plane, summary: {} as DatasetSummary, generated: true });
}

const stroke = Array.from({ length: 20 }, (_, i) => ({ x: -3 + i * 0.3, y: 1 }));

describe('paint: one add batch (20 points) and its undo', () => {
  for (const points of [400, 20_000]) {
    const p = painter(points);
    let n = 0;
    bench(`spiral ${points} points`, () => {
      p.apply({ action: 'add', stroke: ++n, label: 1, points: stroke });
      p.apply({ action: 'undo' });
    });
  }
});
