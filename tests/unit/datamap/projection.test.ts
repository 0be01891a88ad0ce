import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pcaProjection, standardizeColumns, umapProjection } from '../../../src-shared/datamap';
import type { PoolTasks } from '../../../src-shared/pool/tasks';

const DIR = new URL('../../fixtures/sklearn/', import.meta.url);
// Made by tests/fixtures/sklearn/make_pca_fixture.py (StandardScaler + PCA(2) of scikit-learn).
const fixture = JSON.parse(readFileSync(new URL('pca_wine.json', DIR), 'utf8')) as {
  cases: { fit: number; rows: number; explained: number[]; projection: number[][] }[];
};

function wineInputs(): { x: Float64Array; n: number; d: number } {
  const lines = readFileSync(new URL('../../../src-shared/data/classic/wine.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const rows = lines.map((line) => line.split(',').slice(0, -1).map(Number));
  return { x: Float64Array.from(rows.flat()), n: rows.length, d: rows[0].length };
}

describe('pcaProjection (ml-pca) against scikit-learn', () => {
  const wine = wineInputs();
  it.each(fixture.cases)('fit on $fit rows, project $rows: equal up to the sign of each component', (c) => {
    const x = wine.x.subarray(0, c.rows * wine.d);
    const fit = Uint8Array.from({ length: c.rows }, (_, r) => (r < c.fit ? 1 : 0));
    const projection = pcaProjection(x, c.rows, wine.d, fit);
    for (const k of [0, 1]) {
      const ours = Array.from({ length: c.rows }, (_, r) => projection.xy[r * 2 + k]);
      const theirs = c.projection.map((p) => p[k]);
      const sign = Math.sign(ours[0]) === Math.sign(theirs[0]) ? 1 : -1;
      for (let r = 0; r < c.rows; r++) expect(sign * ours[r]).toBeCloseTo(theirs[r], 8);
    }
    expect(projection.xLabel).toBe(`PC1 (${(100 * c.explained[0]).toFixed(1)}% of variance)`);
    expect(projection.yLabel).toBe(`PC2 (${(100 * c.explained[1]).toFixed(1)}% of variance)`);
  });

  it('gives a constant column no weight instead of dividing by zero', () => {
    const x = [1, 5, 2, 5, 3, 5, 4, 5];
    const z = standardizeColumns(x, 4, 2);
    expect(z.map((row) => row[1])).toEqual([0, 0, 0, 0]);
    const mean = z.reduce((s, row) => s + row[0], 0) / 4;
    const variance = z.reduce((s, row) => s + (row[0] - mean) ** 2, 0) / 4;
    expect(mean).toBeCloseTo(0, 12);
    expect(variance).toBeCloseTo(1, 12);
  });
});

describe('umapProjection (umap-js)', () => {
  // Two well separated blobs in 5-D: UMAP must keep them apart, and the same seed must give the same layout.
  function blobs(): { x: Float64Array; n: number } {
    const n = 60;
    const x = new Float64Array(n * 5);
    for (let r = 0; r < n; r++)
      for (let c = 0; c < 5; c++) x[r * 5 + c] = (r < n / 2 ? 0 : 10) + Math.sin(r * 7.1 + c * 3.3);
    return { x, n };
  }

  it('is reproducible for a seed, reports progress and separates the blobs', async () => {
    const { x, n } = blobs();
    const progress: number[] = [];
    let yields = 0;
    const a = await umapProjection(x, n, 5, {
      seed: 7,
      onProgress: (done) => progress.push(done),
      yieldToHost: async () => {
        yields++;
      },
    });
    const b = await umapProjection(x, n, 5, { seed: 7 });
    const c = await umapProjection(x, n, 5, { seed: 8 });
    expect(Array.from(a.xy)).toEqual(Array.from(b.xy));
    expect(Array.from(a.xy)).not.toEqual(Array.from(c.xy));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((p, q) => p - q));
    expect(yields).toBeGreaterThan(1);
    const centre = (from: number, to: number) => {
      let sx = 0;
      let sy = 0;
      for (let r = from; r < to; r++) {
        sx += a.xy[r * 2];
        sy += a.xy[r * 2 + 1];
      }
      return [sx / (to - from), sy / (to - from)];
    };
    const [c1, c2] = [centre(0, n / 2), centre(n / 2, n)];
    const gap = Math.hypot(c1[0] - c2[0], c1[1] - c2[1]);
    let spread = 0;
    for (let r = 0; r < n / 2; r++) spread += Math.hypot(a.xy[r * 2] - c1[0], a.xy[r * 2 + 1] - c1[1]);
    expect(gap).toBeGreaterThan(2 * (spread / (n / 2)));
  });

  it('stops when cancelled', async () => {
    const { x, n } = blobs();
    let calls = 0;
    await expect(umapProjection(x, n, 5, { seed: 1, cancelled: () => ++calls > 3 })).rejects.toThrow(
      'the UMAP layout was cancelled',
    );
  });
});

describe('umap-layout on a real Node worker pool (the Electron and CLI hosts)', () => {
  it('gives the in-process layout, with progress', async () => {
    const { createNodeWorkerPool } = await import('../../../src-main/node/worker-pool');
    const entry = fileURLToPath(new URL('../../../out/cli/pool-worker.js', import.meta.url));
    const pool = createNodeWorkerPool<PoolTasks>({ size: 1, entry });
    const n = 40;
    const x = new Float32Array(n * 4);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 1.7) + (i < x.length / 2 ? 0 : 6);
    const progress: number[] = [];
    try {
      const pooled = await pool.run(
        'umap-layout',
        { x, n, d: 4, seed: 3 },
        { onProgress: (p) => progress.push(p.done) },
      );
      const local = await umapProjection(x, n, 4, { seed: 3 });
      expect(Array.from(pooled.xy)).toEqual(Array.from(local.xy));
      expect(progress.length).toBeGreaterThan(2);
    } finally {
      await pool.dispose();
    }
  }, 60_000);
});
