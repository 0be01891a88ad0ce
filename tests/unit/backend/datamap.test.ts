import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validTrainConfig } from './fixtures';
import { createHarness } from './harness';

const CANCER = readFileSync(
  new URL('../../../src-shared/data/classic/breast-cancer.csv', import.meta.url),
  'utf8',
);
const importRequest = {
  fileName: 'breast_cancer.csv',
  text: CANCER,
  missing: 'drop' as const,
  valFraction: 0.2,
  seed: 5,
};

describe('data map channels of the backend', () => {
  it('lays out a wide CSV and sends live frames for it while training', async () => {
    const h = createHarness();
    const summary = await h.call('data:import-csv', importRequest);
    expect(summary.points).toBeNull();
    const layout = await h.call('datamap:show', { map: 'pca' });
    expect(layout.label.length).toBe(569);
    expect(layout.totalRows).toBe(569);
    expect(layout.xLabel).toMatch(/^PC1 \(\d+\.\d% of variance\)$/);
    expect(layout.frame).toBeNull();
    await h.call('train:start', { ...validTrainConfig, epochs: 30 });
    await h.until(() => h.lastState() === 'done');
    const frames = h.of('train:datamap');
    expect(frames.length).toBeGreaterThan(0);
    const last = frames.at(-1)!.payload.frame;
    expect(last.layoutId).toBe(layout.layoutId);
    expect(last.predicted.length).toBe(569);
    expect(last.confidence!.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(last.misclassified).toBe(last.predicted.filter((p, i) => p !== layout.label[i]).length);
    // A trained model on this data is right far more often than not.
    expect(last.misclassified!).toBeLessThan(569 / 4);

    // Asking for another map after training answers with the model's frame at once.
    const slice = await h.call('datamap:show', {
      map: 'slice',
      horizontal: 'mean radius',
      vertical: 'worst area',
    });
    expect(slice.frame!.surface!.size).toBe(60);
    expect(slice.slice!.columns.length).toBe(30);
    const row = await h.call('datamap:row', { row: 0 });
    expect(row.cells.length).toBe(30);
    const line = CANCER.split('\n')[row.line - 1].split(',');
    expect(row.cells[0]).toEqual({ name: 'mean radius', value: line[0] });
    expect(row.cells[29]).toEqual({ name: 'worst fractal dimension', value: line[29] });
    expect(row.target).toBe(line[30]);
  });

  it('computes UMAP in the backend with progress events, and fails cleanly before any data', async () => {
    const h = createHarness();
    expect((await h.fail('datamap:show', { map: 'umap' })).message).toBe(
      'no data yet: choose a built-in data set or import a CSV file first',
    );
    expect((await h.fail('datamap:row', { row: -1 })).message).toBe(
      'datamap:row: field "row" must be a row index of at least 0',
    );
    expect((await h.fail('datamap:show', { map: 'tsne' })).message).toBe(
      'datamap:show: field "map" must be one of "pca", "umap", "slice", "predicted"',
    );
    await h.call('data:import-csv', importRequest);
    const layout = await h.call('datamap:show', { map: 'umap' });
    const progress = h.of('datamap:progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p) => p.layoutId === layout.layoutId)).toBe(true);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(layout.xLabel).toBe('UMAP 1');
    expect(layout.xy.every(Number.isFinite)).toBe(true);
  });
});
